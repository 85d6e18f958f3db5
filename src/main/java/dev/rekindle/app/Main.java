package dev.rekindle.app;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.validate.Problem;
import dev.rekindle.local.LocalCouple;
import dev.rekindle.local.TerminalChat;
import dev.rekindle.local.Transcript;
import dev.rekindle.local.TranscriptException;
import dev.rekindle.local.TranscriptLoader;
import dev.rekindle.local.TranscriptCoverage;
import dev.rekindle.local.TranscriptRunner;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.telegram.TelegramSettings;
import dev.rekindle.telegram.WebhookSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code rekindle} command line: a thin shell over the loader, the local adapter and the Telegram
 * adapter. Exit codes: 0 fine, 1 problems found (dialog errors, failing transcripts), 2 the command
 * could not run as asked (unknown option, missing folder, adapter not available).
 */
@Command(name = "rekindle", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Telegram bot that guides couples back to closeness, driven by dialogs written in YAML.",
        footer = {"", "Run 'rekindle COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {

    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean interactive;

    @Spec
    private CommandSpec spec;

    Main(InputStream stdin, PrintStream stdout, PrintStream stderr, boolean interactive) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.interactive = interactive;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = execute(args, System.in, out, err, System.console() != null);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this). */
    static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        return execute(args, in, out, err, interactive, (NluCommand.SafetyWiring) Main::safetyCheck);
    }

    /** The safety check the {@code nlu} commands use: the bot's own detector, with the lexicon of {@code source}. */
    static SafetyCheck safetyCheck(TextCategorizer categorizer, ModelSource source, PrintWriter progress)
            throws ModelsUnavailableException {
        return UnderstandingFactory.safetyCheck(categorizer, source, progress);
    }

    /** As {@link #execute(String[], InputStream, PrintStream, PrintStream, boolean)}, with a given safety check. */
    static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive,
                       Function<TextCategorizer, SafetyCheck> safety) {
        return execute(args, in, out, err, interactive, (categorizer, source, progress) -> safety.apply(categorizer));
    }

    private static int execute(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive,
                               NluCommand.SafetyWiring safety) {
        Main main = new Main(in, out, err, interactive);
        CommandLine cl = new CommandLine(main);
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.addSubcommand("nlu", new NluCommand(in, safety));
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(qualifiedName(c) + ": " + ex.getMessage());
            c.getErr().println("Try '" + qualifiedName(c) + " --help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println(qualifiedName(c) + ": " + oneLine(ex));
            if (System.getenv("REKINDLE_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            }
            return 1;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    // ---- validate --------------------------------------------------------------------------------------

    @Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Check every dialog in DIR and list all problems (file:line:column). "
                    + "Exits 1 when there is an error, 0 otherwise.")
    int validate(@Parameters(index = "0", arity = "0..1", defaultValue = "dialogs", paramLabel = "DIR",
            description = "the dialogs folder (default: ${DEFAULT-VALUE})") Path dir) throws Exception {
        PrintWriter out = out();
        if (!Files.isDirectory(dir)) {
            return missing("validate", dir, "give the dialogs folder: rekindle validate path/to/dialogs");
        }
        LoadResult result = load(dir);
        int errors = 0;
        int warnings = 0;
        for (Problem p : result.problems()) {
            out.println(p);
            if (p.isError()) {
                errors++;
            } else {
                warnings++;
            }
        }
        out.println(count(errors, "error") + ", " + count(warnings, "warning") + " in "
                + count(dialogFiles(dir), "file"));
        return errors > 0 ? 1 : 0;
    }

    // ---- chat ------------------------------------------------------------------------------------------

    @Command(name = "chat", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Talk to the bot in this terminal as both partners of a simulated couple, "
                    + "on the real engine, with a fake clock.")
    int chat(@Option(names = "--dialogs", paramLabel = "DIR", description = DIALOGS_HELP) Path dialogs,
             @Option(names = "--models", paramLabel = "DIR", description = MODELS_HELP) Path models,
             @Option(names = "--names", defaultValue = "Sam,Alex", paramLabel = "A[,B]",
                     description = "the partners' names; one name simulates a user who is not paired yet "
                             + "(default: ${DEFAULT-VALUE})") String names,
             @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                     description = "the session's random seed (default: ${DEFAULT-VALUE})") long seed)
            throws Exception {
        Map<Partner, String> partners = parseNames(names, spec.commandLine().getSubcommands().get("chat"));
        if (dialogs != null && !Files.isDirectory(dialogs)) {
            return missing("chat", dialogs, "give the dialogs folder: rekindle chat --dialogs path/to/dialogs");
        }
        DialogSource dialogSource = DialogSource.choose(dialogs);
        ModelSource modelSource = ModelSource.of(models);
        Future<Understanding> loading = loadInBackground(modelSource);
        LoadResult dialogsLoaded = dialogSource.load();
        Understanding understanding = understandingOrRefuse("chat", loading);
        if (understanding == null) {
            return 2;
        }
        DialogLibrary library = libraryOrReport(dialogSource, dialogsLoaded);
        if (library == null) {
            return 1;
        }
        LocalCouple couple = LocalCouple.of(library, understanding, partners, seed);
        String who = partners.containsKey(Partner.B)
                ? partners.get(Partner.A) + " (A) and " + partners.get(Partner.B) + " (B)"
                : partners.get(Partner.A) + " (A, not paired yet)";
        stdout.println("Rekindle, locally: " + count(library.dialogs().size(), "dialog") + " from "
                + dialogSource.describe() + "; the intent and safety models and the safety lexicon from " + modelSource.describe()
                + "; the clock starts Mon 2026-01-05 09:00 UTC.");
        stdout.println("You are " + who + "; you start as " + partners.get(Partner.A) + " in your private chat.");
        stdout.println("Meta-commands:");
        stdout.println(TerminalChat.META_HELP);
        stdout.println("Everything else goes to the bot (try /menu or /help).");
        new TerminalChat(couple, new InputStreamReader(stdin, StandardCharsets.UTF_8), stdout, interactive).run();
        stdout.flush();
        return 0;
    }

    // ---- test ------------------------------------------------------------------------------------------

    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Run every conversation transcript in DIR against the dialogs. "
                    + "Exits 1 when one fails or none was found.")
    int test(@Parameters(index = "0", arity = "0..1", defaultValue = "dialogs/tests", paramLabel = "DIR",
                     description = "the transcripts folder (default: ${DEFAULT-VALUE})") Path dir,
             @Option(names = "--dialogs", paramLabel = "DIR",
                     description = "the dialogs folder (default: the parent of the transcripts folder)") Path dialogs,
             @Option(names = "--models", paramLabel = "DIR", description = MODELS_HELP) Path models,
             @Option(names = "--coverage",
                     description = "also name each dialog with no transcript that ends it, stops it with /stop while it "
                             + "runs, or (with actor: states) refuses the wrong partner's press; exits 1 if one lacks any")
             boolean coverage)
            throws Exception {
        PrintWriter out = out();
        if (!Files.isDirectory(dir)) {
            return missing("test", dir, "give the transcripts folder: rekindle test path/to/dialogs/tests");
        }
        Path dialogDir = dialogs != null ? dialogs : parentOf(dir);
        if (!Files.isDirectory(dialogDir)) {
            return missing("test", dialogDir, "give the dialogs folder with --dialogs");
        }
        List<Path> files = TranscriptLoader.list(dir);
        if (files.isEmpty()) {
            out.println("no transcripts (*.yaml) in " + dir);
            out.println("0 passed, 0 failed");
            return 1;
        }
        Future<Understanding> loading = loadInBackground(ModelSource.of(models));
        DialogSource dialogSource = new DialogFolder(dialogDir);
        LoadResult dialogsLoaded = dialogSource.load();
        Understanding understanding = understandingOrRefuse("test", loading);
        if (understanding == null) {
            return 2;
        }
        DialogLibrary library = libraryOrReport(dialogSource, dialogsLoaded);
        if (library == null) {
            return 1;
        }
        TranscriptRunner runner = TranscriptRunner.of(library, understanding);
        int passed = 0;
        int failed = 0;
        TranscriptCoverage covered = new TranscriptCoverage(library);
        for (Path f : files) {
            Transcript t;
            try {
                t = TranscriptLoader.load(f);
            } catch (TranscriptException e) {
                failed++;
                out.println("FAIL " + f);
                out.println(indent(e.getMessage()));
                continue;
            }
            TranscriptRunner.Result r = runner.run(t, covered);
            if (r.passed()) {
                passed++;
                out.println("PASS " + t.name());
            } else {
                failed++;
                out.println("FAIL " + t.name());
                out.println(indent(r.diff()));
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        if (!coverage) {
            return failed > 0 ? 1 : 0;
        }
        List<TranscriptCoverage.Gap> gaps = covered.gaps();
        for (TranscriptCoverage.Gap g : gaps) {
            out.println("MISSING " + g);
        }
        out.println(gaps.isEmpty() ? "every dialog is ended, stopped and guarded by a transcript"
                : gaps.size() + " transcript" + (gaps.size() == 1 ? "" : "s") + " missing");
        return failed > 0 || !gaps.isEmpty() ? 1 : 0;
    }

    // ---- run -------------------------------------------------------------------------------------------

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Run the bot on Telegram (long polling, or a webhook with --webhook) when TELEGRAM_BOT_TOKEN "
                    + "is set; without a token, explain how to get one and start the terminal chat instead.")
    int run(@Option(names = "--db", paramLabel = "FILE",
                    description = "the database file (default: $REKINDLE_DB, else data/rekindle.db)") Path db,
            @Option(names = "--api-url", paramLabel = "URL",
                    description = "another Bot API server (default: $TELEGRAM_API_URL, else https://api.telegram.org)")
            String apiUrl,
            @Option(names = "--dialogs", paramLabel = "DIR", description = DIALOGS_HELP) Path dialogs,
            @Option(names = "--models", paramLabel = "DIR", description = MODELS_HELP) Path models,
            @Option(names = "--webhook", paramLabel = "URL",
                    description = "receive updates by webhook at this public https URL instead of long polling; a "
                            + "reverse proxy there ends TLS and forwards to --listen (secret: $TELEGRAM_WEBHOOK_SECRET, "
                            + "else a new random one at each start)") String webhookUrl,
            @Option(names = "--listen", paramLabel = "HOST:PORT",
                    description = "where the webhook endpoint listens, in plain HTTP for the proxy (default: "
                            + WebhookSettings.DEFAULT_LISTEN + ")") String listen) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String token = env.get(TelegramSettings.TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            err.println("rekindle run: no TELEGRAM_BOT_TOKEN is set, so there is no bot to run on Telegram.");
            err.println("  1. In Telegram, talk to @BotFather: send /newbot and follow the steps; it gives you a token.");
            err.println("  2. export TELEGRAM_BOT_TOKEN=<that token>   (keep it secret: it is the bot's password)");
            err.println("  3. rekindle run   (TELEGRAM_API_URL or --api-url for another Bot API server; REKINDLE_DB or --db "
                    + "for the database file)");
            err.println("Starting the terminal chat instead (the same as 'rekindle chat').");
            err.flush();
            return chat(dialogs, models, "Sam,Alex", 1);
        }
        if (apiUrl != null) {
            env.put(TelegramSettings.API_URL_VARIABLE, apiUrl);
        }
        if (listen != null && webhookUrl == null) {
            err.println("rekindle run: --listen is for webhook mode: give --webhook URL too (without it the bot long-polls "
                    + "and listens on no port)");
            return 2;
        }
        TelegramSettings settings;
        WebhookSettings webhook;
        try {
            settings = TelegramSettings.fromEnvironment(env);
            webhook = webhookUrl == null ? null : WebhookSettings.parse(webhookUrl, listen, env, new SecureRandom());
        } catch (IllegalArgumentException e) {
            err.println("rekindle run: " + e.getMessage());
            return 2;
        }
        if (dialogs != null && !Files.isDirectory(dialogs)) {
            return missing("run", dialogs, "give the dialogs folder, or leave --dialogs out");
        }
        Future<Understanding> loading = loadInBackground(ModelSource.of(models));
        DialogSource dialogSource = DialogSource.choose(dialogs);
        LoadResult dialogsLoaded = dialogSource.load();
        Understanding understanding = understandingOrRefuse("run", loading);
        if (understanding == null) {
            return 2;
        }
        DialogLibrary library = libraryOrReport(dialogSource, dialogsLoaded);
        if (library == null) {
            return 1;
        }
        Path file = db != null ? db : dev.rekindle.store.SqliteStore.file(env);
        TelegramBot bot;
        try {
            bot = TelegramBot.start(settings, library, understanding, TelegramBot.Options.of(file), webhook);
        } catch (IllegalStateException | dev.rekindle.store.StoreException e) {
            // the messages name the problem and the fix (a wrong data key too), and never the token (Redact)
            err.println("rekindle run: " + settings.redact().apply(e.getMessage()));
            return 2;
        }
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop polling (or the webhook endpoint), finish the update in hand, drain, close the database
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.close();
            stopped.countDown();
        }, "rekindle-shutdown"));
        String how = webhook == null ? "" : ", by webhook at " + settings.redact().apply(webhook.url().toString())
                + " (listening on " + bot.webhookAddress().getHostString() + ":" + bot.webhookAddress().getPort() + ")";
        err.println("Rekindle is running on Telegram as @" + bot.identity().username() + how + " (database " + file
                + "). Stop it with Ctrl-C.");
        err.flush();
        stopped.await();
        return 0;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    static final String DIALOGS_HELP = "the dialogs folder (default: ./dialogs when there is one, else the "
            + "dialogs shipped in the jar)";
    static final String MODELS_HELP = "a language folder such as models/en: train the intent model from DIR/intents "
            + "(reused while DIR/intent-model.bin matches the data) and use DIR/safety.txt, instead of the model and "
            + "lexicon shipped in the jar";

    /**
     * Starts loading the understanding of {@code source} on a thread of its own, so that the caller loads the
     * dialogs meanwhile: each takes one to two seconds in a new JVM, and a first start should answer quickly.
     */
    private Future<Understanding> loadInBackground(ModelSource source) {
        PrintWriter err = spec.commandLine().getErr();
        FutureTask<Understanding> task = new FutureTask<>(() -> UnderstandingFactory.load(source, err));
        Thread t = new Thread(task, "rekindle-load-models");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /**
     * The understanding being loaded, or null after saying on stderr what is wrong and what to do: the bot, the
     * chat and the transcripts never run without the safety detector.
     */
    private Understanding understandingOrRefuse(String command, Future<Understanding> loading) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return loading.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ModelsUnavailableException m)) {
                throw e.getCause() instanceof Exception c ? c : e;
            }
            err.println("rekindle " + command + ": " + m.getMessage());
            err.println("rekindle " + command + ": not started: it never runs without its safety detector");
            err.flush();
            return null;
        }
    }

    /** The library, or null after printing the problems when the dialogs have errors. */
    private DialogLibrary libraryOrReport(DialogSource source, LoadResult r) {
        String where = source.describe();
        PrintWriter err = spec.commandLine().getErr();
        String check = source instanceof DialogFolder ? "rekindle validate " + where
                : "rebuild the jar with `mvn -B -q package -DskipTests`";
        if (r.hasErrors()) {
            for (Problem p : r.problems()) {
                err.println(p);
            }
            err.println("the dialogs in " + where + " have errors; fix them first (" + check + ")");
            return null;
        }
        long warnings = r.problems().size();
        if (warnings > 0 && source instanceof DialogFolder) {
            err.println("(" + count((int) warnings, "warning") + " in " + where + "; " + check + " lists them)");
        }
        if (r.library().isEmpty()) {
            throw new IllegalStateException("the loader found no errors in " + where + " but returned no dialogs");
        }
        return r.library().get();
    }

    /**
     * Calls the loader. Declared {@code throws Exception} so this compiles whether or not the loader
     * declares a checked exception.
     */
    static LoadResult load(Path dir) throws Exception {
        return DialogLoader.loadDirectory(dir);
    }

    private int missing(String command, Path dir, String hint) {
        spec.commandLine().getErr().println("rekindle " + command + ": no such folder: " + dir + " (" + hint + ")");
        return 2;
    }

    private static Map<Partner, String> parseNames(String names, CommandLine chat) {
        String[] parts = names.split(",", -1);
        if (parts.length > 2) {
            throw new CommandLine.ParameterException(chat,
                    "--names takes one or two names separated by a comma, not '" + names + "'");
        }
        Map<Partner, String> out = new EnumMap<>(Partner.class);
        for (int i = 0; i < parts.length; i++) {
            String n = parts[i].strip();
            if (n.isEmpty()) {
                throw new CommandLine.ParameterException(chat,
                        "--names has an empty name in '" + names + "' (write e.g. --names Sam,Alex)");
            }
            out.put(i == 0 ? Partner.A : Partner.B, n);
        }
        return out;
    }

    private static Path parentOf(Path dir) {
        Path parent = dir.normalize().getParent();
        return parent != null ? parent : dir.toAbsolutePath().normalize().getParent();
    }

    static int dialogFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).count();
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }

    private static String qualifiedName(CommandLine c) {
        return c.getCommandSpec().qualifiedName();
    }

    private static String oneLine(Throwable ex) {
        Throwable t = ex;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        String what = msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
        if (t instanceof IOException) {
            what = "could not read or write a file: " + what;
        }
        return what.replace("\n", " ");
    }

    /** The version from the jar's manifest, or "development build" when running from classes. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rekindle " + (v == null ? "(development build)" : v)};
        }
    }
}
