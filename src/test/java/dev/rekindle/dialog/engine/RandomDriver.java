package dev.rekindle.dialog.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Drives a dialog with random input from both partners, in every chat: presses on open and stale
 * buttons, free text of every shape with random intents, commands, clock jumps and the odd safety
 * alert. After every input the session must still be inside the library's dialogs.
 */
public final class RandomDriver {
    private static final List<String> TEXTS = List.of(
            "",
            " ",
            "ok",
            "yes",
            "no",
            "7",
            "42",
            "19:30",
            "7pm",
            "I valued the way you made coffee this morning",
            "<b>not bold</b> & {braces} {{x}}",
            "😀🙏",
            "Привет, как дела?",
            "x".repeat(5000),
            "/",
            "a\nb\nc");

    private RandomDriver() {}

    public static void drive(DialogLibrary library, Dialog dialog, long seed, int steps) {
        Random random = new Random(seed);
        Harness h = new Harness(library, true, seed);
        Chat home = dialog.audience() == Audience.GROUP ? Chat.GROUP : Chat.A;
        List<String> commands = new ArrayList<>(List.of("/help", "/menu", "/stop"));
        library.dialogs().forEach(x -> commands.addAll(x.triggers().commands()));
        start(h, library, dialog, home);
        assertTrue(
                h.all.stream()
                                .anyMatch(a -> a instanceof Action.DialogStarted s
                                        && s.dialog().equals(dialog.id()))
                        || dialog.triggers().commands().isEmpty() && !isSafety(library, dialog),
                "dialog " + dialog.id() + " did not start from its command");
        for (int step = 0; step < steps; step++) {
            Partner who = random.nextBoolean() ? Partner.A : Partner.B;
            int pick = random.nextInt(100);
            Chat chat = pick % 3 == 0 ? Chat.GROUP : Chat.privateOf(who);
            String trace = "dialog " + dialog.id() + ", seed " + seed + ", step " + step;
            try {
                if (pick < 40) {
                    pressSomething(h, random, who, chat);
                } else if (pick < 75) {
                    String text = TEXTS.get(random.nextInt(TEXTS.size()));
                    String intent = IntentTaxonomy.NAMES.get(random.nextInt(IntentTaxonomy.NAMES.size()));
                    h.apply(new Input.Text(who, chat, text, intent));
                } else if (pick < 85) {
                    h.advance(Duration.ofSeconds(30L << random.nextInt(12)));
                } else if (pick < 97) {
                    h.say(who, chat, commands.get(random.nextInt(commands.size())));
                } else if (pick < 98) {
                    h.apply(new Input.SafetyAlert(
                            who, chat, random.nextBoolean() ? SafetyKind.CRISIS : SafetyKind.ABUSE));
                } else {
                    start(h, library, dialog, home);
                }
            } catch (RuntimeException e) {
                throw new AssertionError(trace + ": " + e, e);
            }
            assertInsideTheDialogs(library, h.session, trace);
        }
    }

    private static void start(Harness h, DialogLibrary library, Dialog dialog, Chat home) {
        if (!dialog.triggers().commands().isEmpty()) {
            h.say(
                    home == Chat.GROUP ? Partner.B : Partner.A,
                    home,
                    dialog.triggers().commands().get(0));
        } else if (dialog.id().equals(library.bot().crisisDialog())) {
            h.apply(new Input.SafetyAlert(Partner.A, Chat.A, SafetyKind.CRISIS));
        } else if (dialog.id().equals(library.bot().abuseDialog())) {
            h.apply(new Input.SafetyAlert(Partner.A, Chat.A, SafetyKind.ABUSE));
        }
    }

    private static boolean isSafety(DialogLibrary library, Dialog dialog) {
        return dialog.id().equals(library.bot().crisisDialog())
                || dialog.id().equals(library.bot().abuseDialog());
    }

    private static void pressSomething(Harness h, Random random, Partner who, Chat chat) {
        List<Action.Send> open =
                h.openButtons.values().stream().filter(s -> s.to() == chat).toList();
        if (!open.isEmpty() && random.nextInt(10) < 8) {
            Action.Send s = open.get(random.nextInt(open.size()));
            h.apply(new Input.Press(
                    who,
                    chat,
                    s.buttons().get(random.nextInt(s.buttons().size())).data()));
        } else {
            List<String> junk = List.of("menu.nothing@1", "x.y.0@1", "", "daily_checkin.speak.0@zz");
            h.apply(new Input.Press(who, chat, junk.get(random.nextInt(junk.size()))));
        }
    }

    private static void assertInsideTheDialogs(DialogLibrary library, Session session, String trace) {
        for (Run run : session.runs().values()) {
            for (Frame f : run.stack()) {
                Dialog d = library.version(f.dialog(), f.version()).orElse(null);
                assertNotNull(d, trace + ": run on an unknown dialog " + f.dialog());
                assertNotNull(d.state(f.state()), trace + ": state '" + f.state() + "' is not in " + d.id());
            }
        }
        for (PendingTimer t : session.timers().values()) {
            assertTrue(session.runs().containsKey(t.chat()), trace + ": timer " + t.id() + " outlived its run");
        }
    }
}
