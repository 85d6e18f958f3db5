package dev.rekindle.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Telegram updates as received. An update is stored before it is handled and marked done in the same
 * transaction as its effects ({@link SessionStore#commit}), so each acts once even across a crash.
 */
public interface Inbox {

    /** Stores the update; false if its id was received before (Telegram redelivered it): ignore it then. */
    boolean receive(long updateId, String rawJson);

    /**
     * Stores a batch of updates (id to raw JSON, in order) in one durable write; returns the ids that were
     * new, in order (the others were received before: ignore them). All are stored, or (on failure) none.
     */
    default Set<Long> receiveAll(Map<Long, String> rawJsonById) {
        Set<Long> fresh = new LinkedHashSet<>();
        rawJsonById.forEach((id, json) -> {
            if (receive(id, json)) {
                fresh.add(id);
            }
        });
        return fresh;
    }

    /** Updates received but not yet done, in update-id order: handle these again after a restart. */
    List<ReceivedUpdate> pending();

    /** Done without touching a session (e.g. from a stranger); its raw JSON is erased. */
    void markDone(long updateId);

    /** Could not be handled and should not be tried again; kept with its JSON for a person to look at. */
    void markFailed(long updateId);

    /** The highest update id ever received, to resume polling after it. */
    OptionalLong highestUpdateId();
}
