package dev.rekindle.store;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Session;
import java.util.List;
import java.util.Objects;

/**
 * Everything one handled input changes, written in one transaction: all of it or none of it.
 *
 * @param expectedVersion the version the session was loaded at ({@link StoredSession#version()}), or 0 when
 *                        the couple had no session yet
 * @param session         the engine's new session
 * @param journal         journal lines to append
 * @param schedule        timers to schedule (an id scheduled again is rescheduled)
 * @param cancel          ids of timers to cancel
 * @param outbox          Telegram calls to make once committed
 * @param cause           the update or timer handled, marked done here
 * @param reminders       reminders the dialogs set (each replaces the recipient's one of the same dialog and text)
 */
public record UpdateCommit(
        long coupleId,
        long expectedVersion,
        Session session,
        List<Action.SaveJournal> journal,
        List<Action.ScheduleTimer> schedule,
        List<String> cancel,
        List<Outgoing> outbox,
        Cause cause,
        List<NewReminder> reminders) {
    public UpdateCommit {
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must not be negative: " + expectedVersion);
        }
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(cause, "cause");
        journal = List.copyOf(journal);
        schedule = List.copyOf(schedule);
        cancel = List.copyOf(cancel);
        outbox = List.copyOf(outbox);
        reminders = List.copyOf(reminders);
    }

    /** A commit that sets no reminder. */
    public UpdateCommit(
            long coupleId,
            long expectedVersion,
            Session session,
            List<Action.SaveJournal> journal,
            List<Action.ScheduleTimer> schedule,
            List<String> cancel,
            List<Outgoing> outbox,
            Cause cause) {
        this(coupleId, expectedVersion, session, journal, schedule, cancel, outbox, cause, List.of());
    }

    /** A commit that only saves the session (tests, and inputs without visible effects). */
    public static UpdateCommit sessionOnly(long coupleId, long expectedVersion, Session session, Cause cause) {
        return new UpdateCommit(coupleId, expectedVersion, session, List.of(), List.of(), List.of(), List.of(), cause);
    }
}
