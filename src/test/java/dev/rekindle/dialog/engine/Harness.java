package dev.rekindle.dialog.engine;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Drives the real engine the way an adapter would: keeps the session, a fake clock and the timers it
 * was asked to schedule, and remembers which buttons are open in which chat.
 */
final class Harness {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    final Engine engine;
    Session session;
    Instant now = T0;
    List<Action> last = List.of();
    final List<Action> all = new ArrayList<>();
    final Map<String, Instant> timers = new HashMap<>();
    final Map<String, Action.Send> openButtons = new HashMap<>();

    Harness(DialogLibrary library, boolean paired, long seed) {
        this.engine = new Engine(library);
        Map<Partner, String> names = paired ? Map.of(Partner.A, "Sam", Partner.B, "Alex") : Map.of(Partner.A, "Sam");
        this.session = Session.start(names, seed);
    }

    Harness(DialogLibrary library) {
        this(library, true, 1);
    }

    /** The engine tests' bot.yaml and safety dialogs, plus the given dialog texts. */
    static DialogLibrary library(String... dialogs) {
        List<SourceFile> files = new ArrayList<>();
        for (String base :
                List.of("bot.yaml", "t_crisis.yaml", "t_abuse.yaml", "t_check.yaml", "t_past.yaml", "t_support.yaml")) {
            files.add(new SourceFile("engine/" + base, resource(base)));
        }
        for (int i = 0; i < dialogs.length; i++) {
            files.add(new SourceFile("test-" + i + ".yaml", dialogs[i]));
        }
        LoadResult r = DialogLoader.loadSources(files);
        if (r.hasErrors()) {
            fail("test dialogs do not load:\n"
                    + r.problems().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        return r.library().orElseThrow();
    }

    private static String resource(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/engine", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Action> apply(Input input) {
        Outcome o = engine.handle(session, input, now);
        session = o.session();
        last = o.actions();
        all.addAll(last);
        for (Action a : last) {
            if (a instanceof Action.ScheduleTimer t) {
                timers.put(t.id(), t.due());
            } else if (a instanceof Action.CancelTimer c) {
                timers.remove(c.id());
            } else if (a instanceof Action.Send s && !s.buttons().isEmpty()) {
                openButtons.put(s.ref(), s);
            } else if (a instanceof Action.CloseButtons c) {
                openButtons.remove(c.ref());
            }
        }
        return last;
    }

    List<Action> say(Partner from, Chat chat, String text) {
        return say(from, chat, text, null);
    }

    List<Action> say(Partner from, Chat chat, String text, String intent) {
        if (text.startsWith("/")) {
            return apply(new Input.Command(from, chat, text.split(" ")[0], ""));
        }
        return apply(new Input.Text(from, chat, text, intent));
    }

    /** Presses the button with this label on the newest open message in the chat. */
    List<Action> press(Partner from, Chat chat, String label) {
        return apply(new Input.Press(from, chat, data(chat, label)));
    }

    String data(Chat chat, String label) {
        return openButtons.values().stream()
                .filter(s -> s.to() == chat)
                .sorted(Comparator.comparingLong(
                                (Action.Send s) -> Long.parseLong(s.ref().substring(1)))
                        .reversed())
                .flatMap(s -> s.buttons().stream())
                .filter(b -> b.label().equals(label))
                .map(Action.ButtonOut::data)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no open button '" + label + "' in " + chat + "; open: "
                        + openButtons.values().stream()
                                .filter(s -> s.to() == chat)
                                .map(s -> s.buttons().toString())
                                .toList()));
    }

    /** Moves the clock on, firing due timers in order, each at its own instant. */
    List<Action> advance(Duration d) {
        Instant until = now.plus(d);
        List<Action> fired = new ArrayList<>();
        while (true) {
            Map.Entry<String, Instant> next = timers.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(until))
                    .min(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next.getKey());
            now = next.getValue();
            fired.addAll(apply(new Input.TimerFired(next.getKey())));
        }
        now = until;
        last = fired;
        return fired;
    }

    /** Plain texts sent to a chat by the last input. */
    List<String> texts(Chat chat) {
        return texts(last, chat);
    }

    static List<String> texts(List<Action> actions, Chat chat) {
        List<String> out = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.Send s && s.to() == chat) {
                out.add(Html.plain(s.html()));
            }
        }
        return out;
    }

    /** What the last input told {@code presser} alone, refusing their press (the pop-up in Telegram). */
    List<String> refusals(Partner presser) {
        List<String> out = new ArrayList<>();
        for (Action a : last) {
            if (a instanceof Action.Refusal r && r.presser() == presser) {
                out.add(r.text());
            }
        }
        return out;
    }

    List<String> labels(Chat chat) {
        for (int i = last.size() - 1; i >= 0; i--) {
            if (last.get(i) instanceof Action.Send s
                    && s.to() == chat
                    && !s.buttons().isEmpty()) {
                return s.buttons().stream().map(Action.ButtonOut::label).toList();
            }
        }
        return List.of();
    }

    String state(Chat chat) {
        Run run = session.run(chat);
        return run == null ? null : run.top().state();
    }

    <T extends Action> List<T> of(Class<T> type) {
        return last.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
