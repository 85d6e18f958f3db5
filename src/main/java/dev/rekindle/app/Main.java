package dev.rekindle.app;

import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code rekindle} command line: a thin shell over the loader, the local adapter and the Telegram
 * adapter. Exit codes: 0 fine, 1 problems found (dialog errors, failing transcripts), 2 the command
 * could not run as asked (unknown option, missing folder, adapter not available).
 *
 * <p>Each command is a class of its own ({@link ChatCommand}, {@link RunCommand}, {@link TestCommand},
 * {@link ValidateCommand}, {@link NluCommand}); this class puts them together and handles what goes wrong.
 */
@Command(
        name = "rekindle",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A Telegram bot that guides couples back to closeness, driven by dialogs written in YAML.",
        footer = {"", "Run 'rekindle COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = execute(args, System.in, out, err, atTerminal());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Whether a person types at a terminal. Up to JDK 21 a console exists only then; from JDK 22 it exists for
     * redirected streams too, and {@code Console.isTerminal()} (not in Java 17, so looked up) tells them apart.
     */
    // the null check is right on the Java 17 this runs on (no console without a terminal); isTerminal covers JDK 22+
    @SuppressWarnings("SystemConsoleNull")
    private static boolean atTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22: the console is the terminal
        }
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
    static int execute(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean interactive,
            Function<TextCategorizer, SafetyCheck> safety) {
        return execute(args, in, out, err, interactive, (categorizer, source, progress) -> safety.apply(categorizer));
    }

    private static int execute(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean interactive,
            NluCommand.SafetyWiring safety) {
        CommandLine cl = commandLine(in, out, interactive, safety);
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

    /** The commands, in the order the help lists them (by name, then help and nlu). */
    private static CommandLine commandLine(
            InputStream in, PrintStream out, boolean interactive, NluCommand.SafetyWiring safety) {
        ChatCommand chat = new ChatCommand(in, out, interactive);
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand(chat);
        cl.addSubcommand(new RunCommand(chat));
        cl.addSubcommand(new KeyCommand());
        cl.addSubcommand(new TestCommand());
        cl.addSubcommand(new ValidateCommand());
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.addSubcommand("nlu", NluCommand.commandLine(in, safety));
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
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
