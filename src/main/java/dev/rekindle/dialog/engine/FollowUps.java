package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dialogs that end on a state with a {@code follow_up}: the run is kept, and when its timer comes due the dialog
 * starts again at the follow-up's state, in an idle chat.
 */
final class FollowUps {
    /** How long a follow-up that found its chat busy waits before it tries again, and how often it tries. */
    static final Duration RETRY = Duration.ofHours(1);

    static final int TRIES = 24;

    private final Turn t;
    private final Map<String, PendingFollowUp> pending;

    /** {@code pending} is the turn's working copy of {@link Session#followUps}. */
    FollowUps(Turn t, Map<String, PendingFollowUp> pending) {
        this.t = t;
        this.pending = pending;
    }

    Map<String, PendingFollowUp> pending() {
        return pending;
    }

    /** The run just ended in an ending state; if that state has a follow_up, keep the run to come back to. */
    void leave(Chat chat, Run ended) {
        Frame top = ended.top();
        State state = t.stateOf(top);
        if (state == null
                || !(state.step() instanceof Step.End end)
                || end.followUp() == null
                || end.followUp().after() == null) {
            return;
        }
        cancel(chat, top.dialog()); // the newest ending speaks for the dialog
        Frame kept = top.withWaiting(Waiting.none()).withButtonsRef(null);
        Run run = new Run(chat, ended.owner(), List.of(kept), ended.roles(), ended.lastActor());
        schedule(
                new PendingFollowUp(
                        Refs.timer(t.nextSeq()), chat, run, end.followUp().to(), 0),
                end.followUp().after());
    }

    private void schedule(PendingFollowUp f, Duration after) {
        pending.put(f.id(), f);
        t.emit(new Action.ScheduleTimer(f.id(), t.now.plus(after), after));
    }

    /** A timer that was no step's came due: if it is a follow-up's, the follow-up acts (once). */
    void fired(String id) {
        PendingFollowUp f = pending.remove(id);
        if (f != null) {
            due(f);
        }
    }

    /**
     * A follow-up came due. In an idle chat its dialog starts again at the follow-up's state. A chat busy with
     * another dialog is not interrupted: the follow-up tries again an hour later, up to a day, then is dropped
     * (logged as Trouble).
     */
    private void due(PendingFollowUp f) {
        Chat chat = f.chat();
        if (chat.isGroup() && (!t.original.isPaired() || t.pauses.sharedPaused())) {
            return; // shared exercises are off for this couple now
        }
        if (t.runs.containsKey(chat)) {
            if (f.tries() + 1 >= TRIES) {
                t.emit(new Action.Trouble(
                        chat,
                        f.dialog(),
                        f.to(),
                        "follow-up dropped: the chat was busy with" + " another dialog each of " + TRIES
                                + " times it came due"));
                return;
            }
            schedule(new PendingFollowUp(Refs.timer(t.nextSeq()), chat, f.run(), f.to(), f.tries() + 1), RETRY);
            return;
        }
        Frame frame = f.run().top();
        t.runs.put(chat, f.run().withTop(frame.at(frame.version(), f.to(), frame.step())));
        if (!t.versions.refresh(chat)) {
            return; // its version is gone and the state with it: the run moved on or ended, the user was told
        }
        t.emit(new Action.DialogStarted(
                chat, frame.dialog(), t.runs.get(chat).top().version()));
        t.enter(chat, f.to());
    }

    /** Drops the follow-ups pending in a chat (of one dialog, or all when null); true if there were any. */
    boolean cancel(Chat chat, String dialogId) {
        List<String> ids = new ArrayList<>();
        for (PendingFollowUp f : pending.values()) {
            if (f.chat() == chat && (dialogId == null || dialogId.equals(f.dialog()))) {
                ids.add(f.id());
            }
        }
        for (String id : ids) {
            pending.remove(id);
            t.emit(new Action.CancelTimer(id));
        }
        return !ids.isEmpty();
    }
}
