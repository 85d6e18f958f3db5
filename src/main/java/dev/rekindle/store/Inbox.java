package dev.rekindle.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Telegram updates as received. An update is stored before it is handled and marked done in the same
 * transaction as its effects ({@link SessionStore#commit}), so each acts once even across a crash. One that
 * cannot be read is stored as failed at once, with why, so that it can be confirmed to Telegram like the others.
 */
public interface Inbox {

    /** Stores the update; false if its id was received before (Telegram redelivered it): ignore it then. */
    boolean receive(long updateId, String rawJson);

    /**
     * Stores a batch of updates in one durable write: those read (id to raw JSON, in order) as pending, those that
     * could not be read as failed with their reason. Returns the ids of the read ones that were new, in order (the
     * others were received before: ignore them). All are stored, or (on failure) none.
     */
    default Set<Long> receiveAll(Map<Long, String> rawJsonById, List<FailedUpdate> unreadable) {
        Set<Long> fresh = new LinkedHashSet<>();
        rawJsonById.forEach((id, json) -> {
            if (receive(id, json)) {
                fresh.add(id);
            }
        });
        for (FailedUpdate u : unreadable) {
            if (receive(u.updateId(), u.rawJson())) {
                markFailed(u.updateId(), u.reason());
            }
        }
        return fresh;
    }

    /** {@link #receiveAll(Map, List)} of updates that were all read. */
    default Set<Long> receiveAll(Map<Long, String> rawJsonById) {
        return receiveAll(rawJsonById, List.of());
    }

    /** Updates received but not yet done, in update-id order: handle these again after a restart. */
    List<ReceivedUpdate> pending();

    /** Updates kept as failed, in update-id order, with their JSON, for a person to look at. */
    List<FailedUpdate> failed();

    /** Done without touching a session (e.g. from a stranger); its raw JSON is erased. */
    void markDone(long updateId);

    /**
     * Could not be handled and should not be tried again; kept with its JSON for a person to look at, and with
     * {@code reason} (null: the log line of the failure says why).
     */
    void markFailed(long updateId, String reason);

    /** {@link #markFailed(long, String)} with the reason in the log only. */
    default void markFailed(long updateId) {
        markFailed(updateId, null);
    }

    /** The highest update id ever received, to resume polling after it. */
    OptionalLong highestUpdateId();
}
