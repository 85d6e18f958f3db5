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

    /** An update as mapped, with Telegram's JSON of it. */
    record Raw(IncomingUpdate update, String json) {}

    /**
     * A whole getUpdates batch, in update-id order; by default one at a time. A sink that stores updates may
     * store the batch at once (one durable write) before handling any. A failure of one update is logged
     * and does not stop the others.
     */
    default void acceptAll(java.util.List<Raw> batch) {
        for (Raw r : batch) {
            try {
                accept(r.update(), r.json());
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(UpdateSink.class)
                        .error(
                                "update {} ({}) was not handled: {}",
                                r.update().updateId(),
                                r.update().getClass().getSimpleName(),
                                e.getClass().getSimpleName());
            }
        }
    }
}
