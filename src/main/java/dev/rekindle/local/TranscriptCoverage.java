package dev.rekindle.local;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Frame;
import dev.rekindle.dialog.engine.Run;
import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the transcripts, taken together, show of each dialog: the promise of the library is that every
 * dialog has a transcript that reaches one of its ends, one that sends {@code /stop} while it runs, and,
 * where a state lets only one role act, one where the other partner presses and is refused.
 *
 * <p>It reads what the engine did (the session before and after each step, the actions it returned),
 * never the transcripts' names or texts, so a transcript counts for every dialog it really exercises:
 * a called dialog, a handover, a safety dialog started in the middle of another.
 */
public final class TranscriptCoverage implements TranscriptRunner.Tracer {

    /** One promise a dialog's transcripts must keep. */
    public enum Promise {
        REACHES_AN_END("no transcript reaches one of its ending states"),
        STOPPED_WHILE_RUNNING("no transcript sends /stop while it is running"),
        WRONG_PARTNER_REFUSED("no transcript has the wrong partner press a button and be refused"
                + " (it has states or buttons with 'actor:')");

        private final String missing;

        Promise(String missing) {
            this.missing = missing;
        }

        public String missing() {
            return missing;
        }
    }

    /** A promise no transcript keeps, with the dialog file to write one for. */
    public record Gap(String dialog, String file, Promise promise) {
        @Override
        public String toString() {
            return file + ": dialog '" + dialog + "': " + promise.missing();
        }
    }

    private final DialogLibrary library;
    /** dialog id, then promise, then the transcripts that keep it. */
    private final Map<String, Map<Promise, TreeSet<String>>> kept = new TreeMap<>();

    public TranscriptCoverage(DialogLibrary library) {
        this.library = library;
    }

    @Override
    public void step(TranscriptRunner.StepTrace trace) {
        String by = trace.transcript().file();
        boolean stop = trace.step() instanceof Transcript.Say s && isStop(s.text());
        for (Action a : trace.actions()) {
            if (a instanceof Action.DialogEnded e) {
                if (e.reason() == Action.EndReason.COMPLETED) {
                    keep(e.dialog(), Promise.REACHES_AN_END, by);
                } else if (e.reason() == Action.EndReason.STOPPED && stop) {
                    keep(e.dialog(), Promise.STOPPED_WHILE_RUNNING, by);
                }
            }
        }
        if (trace.step() instanceof Transcript.Press p) {
            refusedDialog(trace, p).ifPresent(d -> keep(d, Promise.WRONG_PARTNER_REFUSED, by));
        }
    }

    /**
     * The dialog that refused a press: the engine told the presser it was not their turn (the state's or the
     * button's actor is someone else), and afterwards the run in that chat had not moved.
     */
    private static Optional<String> refusedDialog(TranscriptRunner.StepTrace trace, Transcript.Press p) {
        Run before = trace.before().run(p.chat());
        Run after = trace.after().run(p.chat());
        boolean refused = trace.actions().stream()
                .anyMatch(a -> a instanceof Action.Refusal r
                        && r.presser() == p.from()
                        && r.reason() == Action.Refusal.Reason.NOT_YOUR_TURN);
        if (!refused || before == null || after == null) {
            return Optional.empty();
        }
        Frame top = before.top();
        boolean unmoved =
                after.top().dialog().equals(top.dialog()) && after.top().step() == top.step();
        return unmoved ? Optional.of(top.dialog()) : Optional.empty();
    }

    private void keep(String dialog, Promise promise, String transcript) {
        kept.computeIfAbsent(dialog, k -> new LinkedHashMap<>())
                .computeIfAbsent(promise, k -> new TreeSet<>())
                .add(transcript);
    }

    /**
     * The promises a dialog needs: an end for all; a stop where it ever waits for someone (a dialog that
     * says one thing and ends cannot be running when /stop arrives); a refusal where a state, or a button, names an
     * actor that is not everyone.
     */
    public static List<Promise> promisesOf(Dialog d) {
        List<Promise> out = new ArrayList<>(List.of(Promise.REACHES_AN_END));
        if (d.states().values().stream().anyMatch(s -> waits(s.step()))) {
            out.add(Promise.STOPPED_WHILE_RUNNING);
        }
        if (d.states().values().stream().anyMatch(TranscriptCoverage::namesAnActor)) {
            out.add(Promise.WRONG_PARTNER_REFUSED);
        }
        return out;
    }

    private static boolean namesAnActor(State s) {
        return s.actor() != null
                || (s.step() instanceof Step.Wait w
                        && w.buttons().stream().anyMatch(b -> b.actor() != null && !Button.ANY.equals(b.actor())));
    }

    private static boolean waits(Step step) {
        return !(step instanceof Step.Goto
                || step instanceof Step.Branch
                || step instanceof Step.End
                || step instanceof Step.Handover);
    }

    /** Every promise of every dialog in the library that no transcript run so far keeps, by file. */
    public List<Gap> gaps() {
        List<Gap> out = new ArrayList<>();
        Collection<Dialog> dialogs = new TreeMap<>(byId(library.dialogs())).values();
        for (Dialog d : dialogs) {
            for (Promise p : promisesOf(d)) {
                if (keptBy(d.id(), p).isEmpty()) {
                    out.add(new Gap(d.id(), d.source().file(), p));
                }
            }
        }
        return out;
    }

    /** The transcripts (files) that keep {@code promise} for {@code dialog}, in name order. */
    public List<String> keptBy(String dialog, Promise promise) {
        return List.copyOf(kept.getOrDefault(dialog, Map.of()).getOrDefault(promise, new TreeSet<>()));
    }

    private static Map<String, Dialog> byId(Collection<Dialog> dialogs) {
        Map<String, Dialog> m = new LinkedHashMap<>();
        for (Dialog d : dialogs) {
            m.put(d.id(), d);
        }
        return m;
    }

    private static boolean isStop(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return t.equals("/stop") || t.startsWith("/stop@") || t.startsWith("/stop ");
    }
}
