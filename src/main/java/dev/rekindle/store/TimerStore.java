package dev.rekindle.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The engine's timers, kept so they fire after a restart. They are scheduled and cancelled inside a
 * commit ({@link UpdateCommit}); a timer that fires is marked fired in the commit of its outcome
 * ({@link Cause.TimerFired}), so it acts once.
 */
public interface TimerStore {

    /** Pending timers due at or before {@code upTo}, earliest first, at most {@code limit}. */
    List<DueTimer> due(Instant upTo, int limit);

    /** When the earliest pending timer is due, so a scheduler knows how long it may sleep. */
    Optional<Instant> nextDue();

    /** Cancels a pending timer; false if it was not pending. A cancelled timer is never due. */
    boolean cancel(long coupleId, String timerId);

    /** Marks a pending timer fired without a session change (e.g. it had gone stale); false if not pending. */
    boolean markFired(long coupleId, String timerId);
}
