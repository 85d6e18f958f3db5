package dev.rekindle.app;

import static dev.rekindle.app.Startup.count;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.local.Cast;
import dev.rekindle.local.LocalBot;
import dev.rekindle.local.LocalClock;
import dev.rekindle.local.LocalCouple;
import dev.rekindle.local.TerminalChat;
import dev.rekindle.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle chat}: the whole bot in the terminal, for one or two people (onboarding, pairing, the group,
 * the dialogs, reminders, /export, /forget), on a SQLite database of its own and a clock moved by {@code /wait};
 * also what {@code run} starts when no token is set.
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Talk to the whole bot in this terminal, as one or two people, from their first /start: "
                + "the same core, flows, store and scheduler as on Telegram, with a clock moved by /wait.")
final class ChatCommand implements Callable<Integer> {

    /**
     * The store's notes at its start (a new data key to back up, a schema migrated) concern a real bot's database,
     * not the chat's throw-away one; kept in a field because the logging system holds its loggers weakly.
     */
    private static final java.util.logging.Logger STORE_NOTES =
            java.util.logging.Logger.getLogger("dev.rekindle.store.sqlite");

    private final InputStream stdin;
    private final PrintStream stdout;
    private final boolean interactive;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ContentFolders folders = new ContentFolders();

    @Option(
            names = "--names",
            defaultValue = "Sam,Alex",
            paramLabel = "A[,B]",
            description = "the people's first names; one name: someone alone, with no partner and no group "
                    + "(default: ${DEFAULT-VALUE})")
    private String names;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "the seed of the invitation codes, so a script gives the same links every time "
                    + "(default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--paired",
            description = "start where onboarding, pairing and /link would leave the two of you: onboarded, "
                    + "paired, the group linked (to try a dialog at once)")
    private boolean paired;

    @Option(
            names = "--explain",
            description = "after each message, say why the bot did what it did: the intent and its confidence, "
                    + "the safety decision, and the dialog state, onboarding step or pairing it moved")
    private boolean explain;

    @Option(
            names = "--echo",
            description = "with a script on stdin: print each line read after its prompt (Sam@private> /start), so "
                    + "the output reads as a transcript")
    private boolean echo;

    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "keep the session's database in FILE, a new file, to look at afterwards "
                    + "(default: a new file in a temporary folder, deleted at the end)")
    private Path db;

    ChatCommand(InputStream stdin, PrintStream stdout, boolean interactive) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.interactive = interactive;
    }

    @Override
    public Integer call() throws Exception {
        return start(folders.dialogs, folders.models, names, seed);
    }

    /** The chat with these options; {@code run} calls it too when no token is set. */
    int start(Path dialogs, Path models, String names, long seed) throws Exception {
        List<String> people = parseNames(names, spec.commandLine());
        Startup start = new Startup("chat", spec.commandLine().getErr());
        if (dialogs != null && !Files.isDirectory(dialogs)) {
            return start.missing(dialogs, "give the dialogs folder: rekindle chat --dialogs path/to/dialogs");
        }
        if (db != null && Files.exists(db)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--db " + db + " exists already: the chat starts from nobody and its clock from "
                            + "Mon 2026-01-05, so give a new file");
        }
        DialogSource dialogSource = DialogSource.choose(dialogs);
        ModelSource modelSource = ModelSource.of(models);
        Startup.Loaded loaded = start.load(modelSource, dialogSource);
        if (!loaded.ready()) {
            return loaded.refusal();
        }
        STORE_NOTES.setLevel(java.util.logging.Level.WARNING);
        Path folder = db == null ? Files.createTempDirectory("rekindle-chat") : null;
        Path file = db != null ? db : folder.resolve("chat.db");
        LocalClock clock = new LocalClock(LocalCouple.START);
        try (SqliteStore store = SqliteStore.open(file, clock);
                LocalBot bot = LocalBot.start(
                        store, loaded.library(), loaded.understanding(), clock, Cast.of(people), seed, paired)) {
            bot.explain(explain);
            greet(bot, loaded.library(), dialogSource, modelSource);
            TerminalChat.Typing typing = interactive
                    ? TerminalChat.Typing.PERSON
                    : echo ? TerminalChat.Typing.SCRIPT_ECHOED : TerminalChat.Typing.SCRIPT;
            new TerminalChat(bot, new InputStreamReader(stdin, StandardCharsets.UTF_8), stdout, typing).run();
        } finally {
            if (folder != null) {
                deleteAll(folder);
            }
        }
        stdout.flush();
        return 0;
    }

    private void greet(LocalBot bot, DialogLibrary library, DialogSource dialogSource, ModelSource modelSource) {
        stdout.println("Rekindle, locally: " + count(library.dialogs().size(), "dialog") + " from "
                + dialogSource.describe() + "; the intent and safety models and the safety lexicon from "
                + modelSource.describe()
                + "; a new database; the clock starts Mon 2026-01-05 09:00 UTC.");
        List<Cast.Person> people = bot.cast().people();
        String who = people.size() == 2
                ? people.get(0).name() + " (A) and " + people.get(1).name() + " (B)"
                : people.get(0).name() + " (A), alone";
        String state;
        if (!bot.runsTheFlows() || paired) {
            state = ", already onboarded" + (people.size() == 2 ? ", paired, with your group linked" : "");
            if (!bot.runsTheFlows()) {
                state += " (this dialogs folder's bot.yaml lacks the sentences of the bot's own flows: onboarding, "
                        + "pairing, /link, /export..., so only the dialogs run)";
            }
        } else {
            state = people.size() == 2
                    ? ", both new to the bot: each begins with /start"
                    : ", new to the bot: /start begins";
        }
        stdout.println(
                "You are " + who + state + ". You start as " + people.get(0).name() + " in your private chat.");
        stdout.println("Meta-commands:");
        stdout.println(TerminalChat.META_HELP);
        stdout.println("Everything else goes to the bot (try /start, /menu or /help).");
    }

    private static List<String> parseNames(String names, CommandLine chat) {
        String[] parts = names.split(",", -1);
        if (parts.length > 2) {
            throw new CommandLine.ParameterException(
                    chat, "--names takes one or two names separated by a comma, not '" + names + "'");
        }
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            String n = part.strip();
            if (n.isEmpty()) {
                throw new CommandLine.ParameterException(
                        chat, "--names has an empty name in '" + names + "' (write e.g. --names Sam,Alex)");
            }
            out.add(n);
        }
        if (out.size() == 2 && out.get(0).equalsIgnoreCase(out.get(1))) {
            throw new CommandLine.ParameterException(
                    chat, "--names gives two people the same name '" + out.get(0) + "': /as could not tell them apart");
        }
        return out;
    }

    /** The chat's temporary folder and everything in it (the database, its log and its key). */
    private static void deleteAll(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
