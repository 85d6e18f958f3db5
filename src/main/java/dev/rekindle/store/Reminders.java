package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * Reminders at a local clock time. Each has a row in the couple's timers named {@code reminder-<id>}, so the
 * {@code TimerScheduler} fires it like any timer; setting one goes with the dialog's commit
 * ({@link UpdateCommit#reminders()}), and firing one is a commit of its own ({@link #delivered}).
 */
public interface Reminders {
    String TIMER_PREFIX = "reminder-";

    /** How long the timers row waits for the scheduler: the reminder's own grace is decided when it fires. */
    java.time.Duration TIMER_GRACE = java.time.Duration.ofDays(3650);

    static boolean isReminderTimer(String timerId) {
        return timerId.startsWith(TIMER_PREFIX);
    }

    /** The reminder of a timers row, or empty when the row is not a reminder's. */
    static Optional<Long> idOf(String timerId) {
        if (!isReminderTimer(timerId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(timerId.substring(TIMER_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The recipient's reminders, oldest first. */
    List<StoredReminder> of(long coupleId, Partner recipient);

    /** Every reminder of the couple, oldest first (the export picks the person's own). */
    List<StoredReminder> ofCouple(long coupleId);

    Optional<StoredReminder> find(long coupleId, long id);

    /**
     * One occurrence handled, in one transaction: the timer must still be pending at {@code due} (else nothing is
     * done and false is returned: it was stopped, changed or already handled); {@code message}, when not null, is
     * queued; the reminder and its timer move on to {@code nextDue}.
     */
    boolean delivered(long coupleId, long id, Instant due, Outgoing message, Instant nextDue);

    /** Stops one reminder of the recipient (its timer too); false when there was none. */
    boolean stop(long coupleId, Partner recipient, long id, Reply reply);

    /** Stops all of the recipient's reminders; returns how many. */
    int stopAll(long coupleId, Partner recipient, Reply reply);

    /** Marks the reminder as waiting for a new time (and no other of the recipient's). */
    boolean awaitTime(long coupleId, Partner recipient, long id, Reply reply);

    /** The reminder of the recipient waiting for a new time, if any; cheap, for every private message. */
    Optional<Long> awaitingTime(long coupleId, Partner recipient);

    /** Nothing is waiting for a new time any more. */
    void clearAwaiting(long coupleId, Partner recipient);

    /** A new time for a reminder: it next arrives at {@code nextDue}. */
    boolean changeTime(long coupleId, Partner recipient, long id, LocalTime at, Instant nextDue, Reply reply);
}
