package dev.rekindle.store;

/** Everything Rekindle keeps across restarts, by role. Closing it closes the database. */
public interface Store extends AutoCloseable {
    SessionStore sessions();

    Inbox inbox();

    Outbox outbox();

    TimerStore timers();

    JournalStore journal();

    Couples couples();

    Pairings pairings();

    Reminders reminders();

    Retention retention();

    @Override
    void close();
}
