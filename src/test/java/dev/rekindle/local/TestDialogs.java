package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Small dialogs written for the local adapter's tests and loaded through the real loader: a private
 * dialog with buttons (/hello), one with a capture and a journal entry (/note), a group dialog with a
 * nudging timer (/ping), and the two safety dialogs bot.yaml must name.
 */
public final class TestDialogs {
    private TestDialogs() {}

    static final String HELLO = """
            id: hello
            title: Hello
            description: A tiny dialog with two buttons.
            audience: private
            triggers:
              commands: [/hello]
            start: ask
            states:
              ask:
                say: "Hi {me.name}! Ready?"
                buttons:
                  - {label: "Yes", to: go}
                  - {label: "No", to: later}
              go:
                say: "Great, **off we go**."
                end: true
              later:
                say: "Maybe later."
                end: true
            """;

    static final String NOTE = """
            id: note
            title: Note
            description: Saves one appreciation in the journal.
            audience: private
            triggers:
              commands: [/note]
            start: ask
            states:
              ask:
                say: "What did you appreciate today?"
                capture: {into: note, length: {min: 1, max: 200}, to: saved}
              saved:
                journal: {kind: appreciation, text: "{note}"}
                say: "Saved."
                end: true
            """;

    static final String PING = """
            id: ping
            title: Ping
            description: Waits ten minutes for an answer in the group, nudging once.
            audience: group
            triggers:
              commands: [/ping]
            start: waiting
            states:
              waiting:
                say: "Anyone there?"
                any_text: got
                timer: {after: 10m, nudge: "Still there?", to: gone}
              got:
                say: "Got it."
                end: true
              gone:
                say: "Never mind."
                end: true
            """;

    static final String CRISIS = """
            id: safety_crisis
            title: Crisis support
            description: Started by the safety hook when a message suggests a crisis.
            audience: private
            start: care
            states:
              care:
                say: "You matter. If you are in danger, call your local emergency number."
                end: true
            """;

    static final String ABUSE = """
            id: safety_abuse
            title: Abuse support
            description: Started by the safety hook when a message suggests abuse.
            audience: private
            start: care
            states:
              care:
                say: "You deserve to be safe. Support lines can help you plan."
                end: true
            """;

    /** bot.yaml with every required message key. */
    static String botYaml() {
        StringBuilder b = new StringBuilder("bot:\n  messages:\n");
        for (String key : new TreeSet<>(BotSettings.MESSAGE_KEYS)) {
            b.append("    ").append(key).append(": \"(").append(key).append(")\"\n");
        }
        b.append("  menu: [hello, note, ping]\n");
        b.append("  safety:\n    crisis: safety_crisis\n    abuse: safety_abuse\n");
        return b.toString();
    }

    public static List<SourceFile> sources() {
        List<SourceFile> s = new ArrayList<>();
        s.add(new SourceFile("dialogs/bot.yaml", botYaml()));
        s.add(new SourceFile("dialogs/hello.yaml", HELLO));
        s.add(new SourceFile("dialogs/note.yaml", NOTE));
        s.add(new SourceFile("dialogs/ping.yaml", PING));
        s.add(new SourceFile("dialogs/safety_crisis.yaml", CRISIS));
        s.add(new SourceFile("dialogs/safety_abuse.yaml", ABUSE));
        return s;
    }

    /** The test dialogs through the real loader; fails the test listing the problems if they have errors. */
    public static DialogLibrary library() throws Exception {
        return orFail(DialogLoader.loadSources(sources()), "the test dialogs");
    }

    /** The repository's dialogs/ folder through the real loader. */
    public static DialogLibrary repoLibrary(Path dir) throws Exception {
        return orFail(DialogLoader.loadDirectory(dir), dir.toString());
    }

    private static DialogLibrary orFail(LoadResult r, String what) {
        if (r.hasErrors() || r.library().isEmpty()) {
            StringBuilder b = new StringBuilder(what + " do not load:");
            for (Problem p : r.problems()) {
                b.append("\n  ").append(p);
            }
            fail(b.toString());
        }
        return r.library().get();
    }
}
