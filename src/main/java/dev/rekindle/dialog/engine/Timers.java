package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Timer;
import dev.rekindle.dialog.model.TimerLength;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The timers of waiting steps: scheduled on entry, cancelled on leaving, and when one fires a nudge first (if the
 * step has one), then the timer's way out. A timer that is not a step's may be a follow-up's.
 */
final class Timers {
    /** Only reached with a library that skipped validation: some length is kinder than a timer that never fires. */
    private static final Duration LAST_RESORT = Duration.ofHours(1);

    private final Turn t;
    private final Map<String, PendingTimer> pending;

    /** {@code pending} is the turn's working copy of {@link Session#timers}. */
    Timers(Turn t, Map<String, PendingTimer> pending) {
        this.t = t;
        this.pending = pending;
    }

    Map<String, PendingTimer> pending() {
        return pending;
    }

    void fired(String id) {
        PendingTimer timerFired = pending.remove(id);
        if (timerFired == null) {
            t.followUps.fired(id);
            return; // cancelled, or already fired: a timer acts once
        }
        Chat chat = timerFired.chat();
        Run run = t.runs.get(chat);
        if (run == null || run.top().step() != timerFired.step() || !t.versions.refresh(chat)) {
            return;
        }
        Frame frame = t.runs.get(chat).top();
        State state = t.stateOf(frame);
        Timer timer = timerOf(state.step());
        if (timer == null) {
            return;
        }
        if (timer.nudge() != null && !timerFired.nudged()) {
            nudge(chat, frame, state, timer);
            schedule(chat, frame.step(), timer, true);
            return;
        }
        t.closeOpenButtons(chat, frame, null);
        for (String ref : frame.waiting().refs().values()) {
            t.emit(new Action.CloseButtons(chatOfRef(frame, ref, chat), ref, null));
        }
        t.enter(chat, timer.to());
    }

    private static Chat chatOfRef(Frame frame, String ref, Chat fallback) {
        for (Map.Entry<Partner, String> e : frame.waiting().refs().entrySet()) {
            if (e.getValue().equals(ref)) {
                return Chat.privateOf(e.getKey());
            }
        }
        return fallback;
    }

    /** The nudge goes to whoever the step still waits for, where they were asked. */
    private void nudge(Chat chat, Frame frame, State state, Timer timer) {
        Step step = state.step();
        String key = Rendering.variantKey(frame, "nudge");
        if (step instanceof Step.Rendezvous rv) {
            for (Partner p : Partner.values()) {
                if (!frame.waiting().answered().contains(p)
                        && !frame.waiting().awaitingConsent().contains(p)) {
                    Chat to = rv.in() == Step.AnswerPlace.GROUP ? Chat.GROUP : Chat.privateOf(p);
                    t.rendering.say(to, timer.nudge(), key, Rendering.ctxFor(chat, p, to));
                }
            }
        } else if (step instanceof Step.Share share) {
            Partner author = People.author(t.runs.get(chat), share.from());
            Chat to = Chat.privateOf(author);
            t.rendering.say(to, timer.nudge(), key, Rendering.ctxFor(chat, author, to));
        } else {
            t.rendering.say(
                    chat,
                    timer.nudge(),
                    key,
                    t.rendering.ctx(chat, t.runs.get(chat).lastActor()));
        }
    }

    void schedule(Chat chat, long step, Timer timer, boolean nudged) {
        String id = Refs.timer(t.nextSeq());
        pending.put(id, new PendingTimer(id, chat, step, nudged));
        Duration after = lengthOf(chat, timer);
        t.emit(new Action.ScheduleTimer(id, t.now.plus(after), timer.grace() != null ? timer.grace() : after));
    }

    /**
     * A timer's length; one written with a variable ({minutes}m) is filled from the dialog's values now. A value
     * that gives no duration falls back to the variable's declared default, and the adapter logs why.
     */
    private Duration lengthOf(Chat chat, Timer timer) {
        if (timer.afterFrom() == null) {
            return timer.after();
        }
        Frame f = t.runs.get(chat).top();
        Optional<Duration> filled = TimerLength.fill(timer.afterFrom(), f.vars());
        if (filled.isPresent()) {
            return filled.get();
        }
        Dialog dialog = t.dialogOf(f);
        Duration fallback =
                TimerLength.fill(timer.afterFrom(), dialog.variables()).orElse(LAST_RESORT);
        String gave = TimerLength.filledText(timer.afterFrom(), f.vars())
                .map(x -> "gave '" + x + "', which is not a duration")
                .orElse("has a variable with no value");
        t.emit(new Action.Trouble(
                chat,
                f.dialog(),
                f.state(),
                "timer 'after: " + timer.afterFrom() + "' " + gave + "; waited " + Durations.format(fallback)
                        + " instead (from its default under variables:)"));
        return fallback;
    }

    void cancel(Chat chat) {
        List<String> ids = new ArrayList<>();
        for (PendingTimer p : pending.values()) {
            if (p.chat() == chat) {
                ids.add(p.id());
            }
        }
        for (String id : ids) {
            pending.remove(id);
            t.emit(new Action.CancelTimer(id));
        }
    }

    private static Timer timerOf(Step step) {
        if (step instanceof Step.Wait w) return w.timer();
        if (step instanceof Step.Rendezvous r) return r.timer();
        if (step instanceof Step.Share s) return s.timer();
        if (step instanceof Step.AssignRoles a) return a.timer();
        return null;
    }
}
