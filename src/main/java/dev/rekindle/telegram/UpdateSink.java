package dev.rekindle.telegram;

/**
 * Where mapped updates go. It is called on the polling thread, one update at a time, in update-id order,
 * and the next getUpdates (which confirms these updates to Telegram for good) is sent only after it
 * returns: a sink that commits an update before returning loses none when the process dies.
 */
@FunctionalInterface
public interface UpdateSink {
    void accept(IncomingUpdate update) throws Exception;

    /**
     * The same, with the update as Telegram sent it (JSON), for a sink that keeps it: an inbox that handles
     * it again after a crash maps it again from this. By default the JSON is not needed.
     */
    default void accept(IncomingUpdate update, String rawJson) throws Exception {
        accept(update);
    }
}
