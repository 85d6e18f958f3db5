package dev.rekindle.app;

import static dev.rekindle.app.Startup.count;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.local.LocalCouple;
import dev.rekindle.local.TerminalChat;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle chat}: the terminal chat, as both partners of a simulated couple; also what {@code run} starts
 * when no token is set.
 */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Talk to the bot in this terminal as both partners of a simulated couple, "
                + "on the real engine, with a fake clock.")
final class ChatCommand implements Callable<Integer> {

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
            description = "the partners' names; one name simulates a user who is not paired yet "
                    + "(default: ${DEFAULT-VALUE})")
    private String names;

    @Option(
            names = "--seed",
            defaultValue = "1",
            paramLabel = "N",
            description = "the session's random seed (default: ${DEFAULT-VALUE})")
    private long seed;

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
        Map<Partner, String> partners = parseNames(names, spec.commandLine());
        Startup start = new Startup("chat", spec.commandLine().getErr());
        if (dialogs != null && !Files.isDirectory(dialogs)) {
            return start.missing(dialogs, "give the dialogs folder: rekindle chat --dialogs path/to/dialogs");
        }
        DialogSource dialogSource = DialogSource.choose(dialogs);
        ModelSource modelSource = ModelSource.of(models);
        Startup.Loaded loaded = start.load(modelSource, dialogSource);
        if (!loaded.ready()) {
            return loaded.refusal();
        }
        Understanding understanding = loaded.understanding();
        DialogLibrary library = loaded.library();
        LocalCouple couple = LocalCouple.of(library, understanding, partners, seed);
        greet(partners, library, dialogSource, modelSource);
        new TerminalChat(couple, new InputStreamReader(stdin, StandardCharsets.UTF_8), stdout, interactive).run();
        stdout.flush();
        return 0;
    }

    private void greet(
            Map<Partner, String> partners, DialogLibrary library, DialogSource dialogSource, ModelSource modelSource) {
        String who = partners.containsKey(Partner.B)
                ? partners.get(Partner.A) + " (A) and " + partners.get(Partner.B) + " (B)"
                : partners.get(Partner.A) + " (A, not paired yet)";
        stdout.println("Rekindle, locally: " + count(library.dialogs().size(), "dialog") + " from "
                + dialogSource.describe() + "; the intent and safety models and the safety lexicon from "
                + modelSource.describe()
                + "; the clock starts Mon 2026-01-05 09:00 UTC.");
        stdout.println("You are " + who + "; you start as " + partners.get(Partner.A) + " in your private chat.");
        stdout.println("Meta-commands:");
        stdout.println(TerminalChat.META_HELP);
        stdout.println("Everything else goes to the bot (try /menu or /help).");
    }

    private static Map<Partner, String> parseNames(String names, CommandLine chat) {
        String[] parts = names.split(",", -1);
        if (parts.length > 2) {
            throw new CommandLine.ParameterException(
                    chat, "--names takes one or two names separated by a comma, not '" + names + "'");
        }
        Map<Partner, String> out = new EnumMap<>(Partner.class);
        for (int i = 0; i < parts.length; i++) {
            String n = parts[i].strip();
            if (n.isEmpty()) {
                throw new CommandLine.ParameterException(
                        chat, "--names has an empty name in '" + names + "' (write e.g. --names Sam,Alex)");
            }
            out.put(i == 0 ? Partner.A : Partner.B, n);
        }
        return out;
    }
}
