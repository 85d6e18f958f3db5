package dev.rekindle.telegram;

import java.util.List;

/**
 * Where polled updates go: each getUpdates answer, read update by update, in update-id order, on the polling
 * thread. The poller confirms a batch to Telegram (by asking for the updates after it) only once this returned, so
 * a sink that stores the batch before returning loses none when the process dies; one that throws has stored
 * none, and the poller asks for the same updates again after a pause.
 */
@FunctionalInterface
public interface UpdateSink {
    void acceptAll(List<ReadUpdate> batch) throws Exception;
}
