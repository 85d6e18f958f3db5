package dev.rekindle.store;

import java.util.Optional;

/** Couples' sessions, and the one write that applies everything a handled input changed. */
public interface SessionStore {

    Optional<StoredSession> load(long coupleId);

    /**
     * Writes the session, journal lines, timers and outbox entries and marks the cause done, in one
     * transaction; returns the session's new version.
     *
     * @throws StaleSessionException if the session is no longer at {@code expectedVersion}; nothing was written
     * @throws StoreException        if any part could not be written (e.g. the cause was already done); nothing was
     *                               written
     */
    long commit(UpdateCommit commit);
}
