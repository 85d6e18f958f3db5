package dev.rekindle.store;

/** What a commit handled, marked done in the same transaction so it never acts twice. */
public sealed interface Cause {

    /** A Telegram update from the {@link Inbox}; it must be pending there. */
    record InboxUpdate(long updateId) implements Cause {}

    /** A timer of the committing couple; it must be pending in the {@link TimerStore}. */
    record TimerFired(String timerId) implements Cause {}
}
