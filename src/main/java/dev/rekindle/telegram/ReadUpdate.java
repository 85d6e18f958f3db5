package dev.rekindle.telegram;

/**
 * One update as the way in read it, with Telegram's JSON of it (to keep in the inbox): either mapped, or set aside
 * as unreadable with why. Both carry the update id, so both can be stored and confirmed to Telegram.
 */
public sealed interface ReadUpdate {
    long updateId();

    /** Telegram's JSON of the update, as received. */
    String json();

    /** Mapped: it goes on to the core once stored. */
    record Mapped(IncomingUpdate update, String json) implements ReadUpdate {
        @Override
        public long updateId() {
            return update.updateId();
        }

        /** Without the JSON, which holds what a partner wrote. */
        @Override
        public String toString() {
            return "Mapped[" + update + "]";
        }
    }

    /**
     * A field the bot uses is missing or of the wrong type: stored as failed with {@code reason} (field names, never
     * a value), and goes no further.
     */
    record Unreadable(long updateId, String json, String reason) implements ReadUpdate {
        @Override
        public String toString() {
            return "Unreadable[updateId=" + updateId + ", reason=" + reason + "]";
        }
    }
}
