package dev.rekindle.local;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Transcript} on a fresh {@link LocalCouple}, step by step, and stops at the first step whose
 * answer differs from what the transcript expects. The result carries a diff a dialog author can act on:
 * <pre>
 * dialogs/tests/appreciation.yaml: step 3 (press A "Send it"): message 2 differs
 *   expected: to B contains "coffee"
 *   actual:   to B "Sam wrote you an appreciation: ..." [Thank you]
 * </pre>
 */
public final class TranscriptRunner {

    /** How one transcript went; {@code diff} is empty when it passed. */
    public record Result(Transcript transcript, boolean passed, int stepsRun, String diff, List<Sent> conversation) {
        public Result {
            conversation = List.copyOf(conversation);
        }

        public String name() {
            return transcript.name();
        }
    }

    /**
     * What one step did to the couple's session, for checks that look across transcripts (which dialogs
     * reach an end, are stopped, refuse a press): the session before and after, and the engine's actions.
     */
    public record StepTrace(
            Transcript transcript, Transcript.TestStep step, Session before, Session after, List<Action> actions) {
        public StepTrace {
            actions = List.copyOf(actions);
        }
    }

    /** Receives each step a transcript ran, in order (journal checks included, with no actions). */
    @FunctionalInterface
    public interface Tracer {
        void step(StepTrace trace);
    }

    private final LocalCouple.Handler engine;
    private final Understanding understanding;

    public TranscriptRunner(LocalCouple.Handler engine, Understanding understanding) {
        this.engine = engine;
        this.understanding = understanding;
    }

    /** A runner on the real engine over {@code library}. */
    public static TranscriptRunner of(DialogLibrary library, Understanding understanding) {
        Engine e = new Engine(library);
        return new TranscriptRunner(e::handle, understanding);
    }

    public Result run(Transcript t) {
        return run(t, trace -> {});
    }

    /** Runs {@code t}, telling {@code tracer} about every step that ran (a failing step included). */
    public Result run(Transcript t, Tracer tracer) {
        LocalCouple couple = new LocalCouple(engine, understanding, t.partners(), t.seed());
        int number = 0;
        for (Transcript.TestStep step : t.steps()) {
            number++;
            String head = t.file() + ": step " + number + " (" + step.written() + ")";
            String problem;
            Session before = couple.session();
            int actionsBefore = couple.actions().size();
            if (step instanceof Transcript.JournalCheck j) {
                problem = compareJournal(j.entries(), couple.journal());
            } else if (step instanceof Transcript.RemindersCheck r) {
                problem = compareReminders(r.reminders(), couple.reminders());
            } else {
                List<Sent> got;
                try {
                    got = perform(couple, step);
                } catch (LocalCouple.EngineFailure e) {
                    return new Result(
                            t, false, number, head + ": " + e.getMessage() + remaining(t, number), couple.sent());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    return new Result(
                            t, false, number, head + ": " + e.getMessage() + remaining(t, number), couple.sent());
                }
                problem = step.expect() == null ? null : compare(step.expect(), got);
                if (problem == null && step instanceof Transcript.Press p && p.answered() != null) {
                    problem = compareAnswer(
                            p,
                            couple.actions()
                                    .subList(actionsBefore, couple.actions().size()));
                }
            }
            tracer.step(new StepTrace(
                    t,
                    step,
                    before,
                    couple.session(),
                    couple.actions().subList(actionsBefore, couple.actions().size())));
            if (problem != null) {
                return new Result(t, false, number, head + problem + remaining(t, number), couple.sent());
            }
        }
        return new Result(t, true, number, "", couple.sent());
    }

    private static List<Sent> perform(LocalCouple couple, Transcript.TestStep step) {
        if (step instanceof Transcript.Say s) {
            if (!s.unsure().isEmpty()) {
                return couple.sayUnsure(s.from(), s.chat(), s.text(), s.unsure());
            }
            return s.intent() == null
                    ? couple.say(s.from(), s.chat(), s.text())
                    : couple.say(s.from(), s.chat(), s.text(), s.intent());
        }
        if (step instanceof Transcript.Press p) {
            return p.label() != null
                    ? couple.press(p.from(), p.chat(), p.label())
                    : couple.press(p.from(), p.chat(), p.number());
        }
        if (step instanceof Transcript.Wait w) {
            return couple.advance(w.duration());
        }
        if (step instanceof Transcript.Detection s) {
            return s.check() ? couple.check(s.from(), s.chat(), s.kind()) : couple.safety(s.from(), s.chat(), s.kind());
        }
        throw new IllegalStateException("unknown step " + step);
    }

    /** Null when {@code got} matches {@code expected}; else the reason and the messages side by side. */
    static String compare(List<Transcript.ExpectedMessage> expected, List<Sent> got) {
        if (expected.size() == got.size()) {
            List<Integer> bad = new ArrayList<>();
            for (int i = 0; i < got.size(); i++) {
                if (!expected.get(i).matches(got.get(i))) {
                    bad.add(i);
                }
            }
            if (bad.isEmpty()) {
                return null;
            }
            if (bad.size() == 1) {
                int i = bad.get(0);
                return ": message " + (i + 1) + " differs\n"
                        + "  expected: " + expected.get(i).describe() + "\n"
                        + "  actual:   " + describe(got.get(i));
            }
            StringBuilder which = new StringBuilder();
            for (int i : bad) {
                which.append(which.length() == 0 ? "" : ", ").append(i + 1);
            }
            return ": messages " + which + " differ\n" + sideBySide(expected, got);
        }
        String head = expected.isEmpty()
                ? ": expected no message, got " + got.size()
                : ": expected " + count(expected.size(), "message") + ", got " + got.size();
        return head + "\n" + sideBySide(expected, got);
    }

    private static String sideBySide(List<Transcript.ExpectedMessage> expected, List<Sent> got) {
        int n = Math.max(expected.size(), got.size());
        int width = String.valueOf(n).length();
        String pad = " ".repeat(width + 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Transcript.ExpectedMessage e = i < expected.size() ? expected.get(i) : null;
            Sent s = i < got.size() ? got.get(i) : null;
            String num = String.format("%" + width + "d ", i + 1);
            if (b.length() > 0) {
                b.append('\n');
            }
            if (e != null && s != null && e.matches(s)) {
                b.append("  ").append(num).append("ok:       ").append(describe(s));
            } else {
                b.append("  ")
                        .append(num)
                        .append("expected: ")
                        .append(e == null ? "(no message)" : e.describe())
                        .append('\n')
                        .append("  ")
                        .append(pad)
                        .append("actual:   ")
                        .append(s == null ? "(no message)" : describe(s));
            }
        }
        return b.toString();
    }

    /** Null when the press closed its message showing {@code p.answered()}; else what it showed instead. */
    static String compareAnswer(Transcript.Press p, List<dev.rekindle.dialog.engine.Action> actions) {
        List<String> shown = new ArrayList<>();
        for (dev.rekindle.dialog.engine.Action a : actions) {
            if (a instanceof dev.rekindle.dialog.engine.Action.CloseButtons c
                    && c.to() == p.chat()
                    && c.chosenLabel() != null) {
                shown.add(c.chosenLabel());
            }
        }
        if (shown.contains(p.answered())) {
            return null;
        }
        return ": the pressed message should show the answer " + Transcript.quote(p.answered()) + ", but "
                + (shown.isEmpty() ? "it shows none (nothing was answered)" : "it shows " + shown);
    }

    static String compareReminders(List<Transcript.ExpectedReminder> expected, List<LocalCouple.SetReminder> got) {
        boolean same = expected.size() == got.size();
        for (int i = 0; same && i < got.size(); i++) {
            same = expected.get(i).matches(got.get(i));
        }
        if (same) {
            return null;
        }
        StringBuilder b = new StringBuilder(": the reminders differ");
        for (Transcript.ExpectedReminder e : expected) {
            b.append("\n  expected: ").append(e.describe());
        }
        for (LocalCouple.SetReminder r : got) {
            b.append("\n  actual:   for ")
                    .append(r.recipient())
                    .append(" at ")
                    .append(r.at())
                    .append(" on ")
                    .append(new java.util.TreeSet<>(r.days()))
                    .append(' ')
                    .append(Transcript.quote(r.text()));
        }
        return b.toString();
    }

    static String compareJournal(List<Transcript.ExpectedEntry> expected, List<LocalCouple.JournalEntry> got) {
        if (expected.size() == got.size()) {
            for (int i = 0; i < got.size(); i++) {
                if (!expected.get(i).matches(got.get(i))) {
                    return ": journal entry " + (i + 1) + " differs\n"
                            + "  expected: " + expected.get(i).describe() + "\n"
                            + "  actual:   " + describe(got.get(i));
                }
            }
            return null;
        }
        StringBuilder b = new StringBuilder(
                ": expected " + count(expected.size(), "journal entry", "journal entries") + ", got " + got.size());
        for (Transcript.ExpectedEntry e : expected) {
            b.append("\n  expected: ").append(e.describe());
        }
        for (LocalCouple.JournalEntry e : got) {
            b.append("\n  actual:   ").append(describe(e));
        }
        return b.toString();
    }

    /** {@code to B "Sam wrote you ..." [Thank you]}, or {@code pop-up to B "..."} */
    public static String describe(Sent s) {
        String buttons = s.buttons().isEmpty() ? "" : " " + Transcript.bracketed(s.buttons());
        String to = s.isPopup() ? "pop-up to " + s.popupTo().name() : "to " + Transcript.recipient(s.chat());
        return to + " " + Transcript.quote(s.text()) + buttons;
    }

    static String describe(LocalCouple.JournalEntry e) {
        return e.kind() + " by " + e.author() + " in " + e.dialog() + " " + Transcript.quote(e.text());
    }

    private static String count(int n, String noun) {
        return count(n, noun, noun + "s");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String remaining(Transcript t, int failedStep) {
        int left = t.steps().size() - failedStep;
        return left == 0 ? "" : "\n  (the " + count(left, "later step") + " did not run)";
    }
}
