package dev.rekindle.store;

/** What a commit handled, marked done in the same transaction so it never acts twice. */
public sealed interface Cause {

    /**
     * A Telegram update from the {@link Inbox}; it must be pending there. {@code author} is the person who sent it
     * (0: not known): what the commit queues is theirs, and {@code /forget} of them drops it while it waits.
     */
    record InboxUpdate(long updateId, long author) implements Cause {
        /** An update whose sender does not matter to what it queues (tests, the bot's own flows). */
        public InboxUpdate(long updateId) {
            this(updateId, 0);
        }
    }

    /** A timer of the committing couple; it must be pending in the {@link TimerStore}. */
    record TimerFired(String timerId) implements Cause {}
}
