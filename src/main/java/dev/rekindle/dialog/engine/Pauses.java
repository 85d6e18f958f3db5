package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.State;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The couple's shared exercises, paused by a partner's words (abuse, violence, a child at risk): who holds a pause,
 * and when a pause that person asked to lift lifts. Only their own pause is theirs to lift.
 */
final class Pauses {
    private final Turn t;
    private final Map<Partner, SafetyKind> holds = new EnumMap<>(Partner.class);
    private final Map<Partner, Long> resumeAt = new EnumMap<>(Partner.class);

    /** Copies the session's holds and resume times, then lifts what is over by the turn's instant. */
    Pauses(Turn t, Map<Partner, SafetyKind> holds, Map<Partner, Long> resumeAt) {
        this.t = t;
        this.holds.putAll(holds);
        this.resumeAt.putAll(resumeAt);
        liftExpired();
    }

    Map<Partner, SafetyKind> holds() {
        return holds;
    }

    Map<Partner, Long> resumeAt() {
        return resumeAt;
    }

    /** A pause whose cooling-off time is over lifts; a hold that pauses nothing (an old crisis hold) is dropped. */
    private void liftExpired() {
        for (Partner p : List.copyOf(resumeAt.keySet())) {
            if (t.now.getEpochSecond() >= resumeAt.get(p)) {
                resumeAt.remove(p);
                holds.remove(p);
            }
        }
        holds.values().removeIf(k -> !k.pausesShared());
    }

    /** {@code who}'s words paused the shared exercises. */
    void hold(Partner who, SafetyKind kind) {
        holds.put(who, kind);
        resumeAt.remove(who); // a new disclosure undoes a resume that was on its way
    }

    /** {@code shared_exercises:} on a state of the person's private dialog: only their own pause is theirs to lift. */
    void sharedExercises(Partner who, State.SharedExercises what) {
        SafetyKind held = holds.get(who);
        if (held == null || !held.pausesShared()) {
            return;
        }
        if (what == State.SharedExercises.RESUME) {
            resumeAt.putIfAbsent(who, t.now.plus(t.bot.resumeAfter()).getEpochSecond());
        } else {
            resumeAt.remove(who);
        }
    }

    /** {@code paused(me)} ({@code resuming} false) and {@code resuming(me)} (true). */
    boolean pauseState(Partner me, boolean resuming) {
        return me != null && Session.pausedBy(me, holds, resumeAt, t.now) && resuming == resumeAt.containsKey(me);
    }

    /** Whether the couple's shared exercises are paused now (see {@link Session#sharedPaused}). */
    boolean sharedPaused() {
        return Session.sharedPaused(holds, resumeAt, t.now);
    }
}
