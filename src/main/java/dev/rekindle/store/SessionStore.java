package dev.rekindle.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

    /**
     * The same commit, completed later: the future completes with the new version once the commit is durable
     * and a later {@link #load} sees it, or fails with what {@link #commit} would throw (nothing written). A
     * store may carry many such commits in one transaction (group commit); each stays all or nothing. By
     * default it commits at once.
     */
    default CompletableFuture<Long> commitAsync(UpdateCommit commit) {
        try {
            return CompletableFuture.completedFuture(commit(commit));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for a store future and throws its failure as it was (not wrapped). */
    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
