package dev.rekindle.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * Telegram updates as received. An update is stored before it is handled and marked done in the same
 * transaction as its effects ({@link SessionStore#commit}), so each acts once even across a crash.
 */
public interface Inbox {

    /** Stores the update; false if its id was received before (Telegram redelivered it): ignore it then. */
    boolean receive(long updateId, String rawJson);

    /** Updates received but not yet done, in update-id order: handle these again after a restart. */
    List<ReceivedUpdate> pending();

    /** Done without touching a session (e.g. from a stranger); its raw JSON is erased. */
    void markDone(long updateId);

    /** Could not be handled and should not be tried again; kept with its JSON for a person to look at. */
    void markFailed(long updateId);

    /** The highest update id ever received, to resume polling after it. */
    OptionalLong highestUpdateId();
}
