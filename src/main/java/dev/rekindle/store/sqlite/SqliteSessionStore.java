package dev.rekindle.store.sqlite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.session.SessionJson;
import dev.rekindle.store.Cause;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.SessionStore;
import dev.rekindle.store.StaleSessionException;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.UpdateCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SessionStore} in the sessions table, with a Caffeine cache in front. The cache changes only after
 * a commit has landed, and is invalidated when one fails, so it never serves a state the database does not
 * hold.
 */
final class SqliteSessionStore implements SessionStore {
    private final Database db;
    private final Cache<Long, StoredSession> cache;

    SqliteSessionStore(Database db, CacheSettings settings) {
        this.db = db;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfterAccess(settings.idle())
                .build();
    }

    /** How many sessions the cache keeps, and how long an unused one stays. */
    record CacheSettings(long maximumSize, Duration idle) {
        static final CacheSettings DEFAULT = new CacheSettings(10_000, Duration.ofMinutes(30));

        CacheSettings {
            if (maximumSize < 0) {
                throw new IllegalArgumentException("maximum size must not be negative: " + maximumSize);
            }
            if (idle.isNegative()) {
                throw new IllegalArgumentException("idle time must not be negative: " + idle);
            }
        }
    }

    @Override
    public Optional<StoredSession> load(long coupleId) {
        // get(key, loader) loads under the key's lock, so a commit's update waits for a load in flight
        // and lands after it: a load can never overwrite a newer committed session
        return Optional.ofNullable(
                cache.get(coupleId, id -> loadFromDatabase(id).orElse(null)));
    }

    /** The session as the database holds it, bypassing the cache. */
    Optional<StoredSession> loadFromDatabase(long coupleId) {
        return db.read(
                "load the session of couple " + coupleId,
                c -> Sql.on(c, "SELECT engine_json, version FROM sessions WHERE couple_id = ?")
                        .bind(coupleId)
                        .one(rs -> {
                            String where = "sessions:" + coupleId;
                            String json = db.key().decrypt(sealed(rs.getObject(1), where), where);
                            return new StoredSession(coupleId, SessionJson.read(json), rs.getLong(2));
                        }));
    }

    @Override
    public long commit(UpdateCommit commit) {
        if (db.onWriterThread()) {
            // a dependant of a group commit that commits again must not wait for the thread it runs on
            String json = SessionJson.write(commit.session());
            long newVersion = commit.expectedVersion() + 1;
            try {
                db.write("commit an update for couple " + commit.coupleId(), c -> {
                    apply(c, db.key(), commit, json, newVersion, db.clock().millis());
                    return null;
                });
            } catch (RuntimeException e) {
                cache.invalidate(commit.coupleId());
                throw e;
            }
            cache.asMap()
                    .merge(
                            commit.coupleId(),
                            new StoredSession(commit.coupleId(), commit.session(), newVersion),
                            (old, now) -> old.version() > now.version() ? old : now);
            return newVersion;
        }
        return SessionStore.await(commitAsync(commit));
    }

    /**
     * Queues the commit for the next group commit (see {@link Database#writeSoon}). The session is written as
     * JSON here, on the caller's thread. When the future completes, the batch is on disk and the cache holds
     * the new session, so the couple's next load sees it; when it fails, nothing of it was written and the
     * couple's cache entry is dropped.
     */
    @Override
    public CompletableFuture<Long> commitAsync(UpdateCommit commit) {
        long coupleId = commit.coupleId();
        String json;
        try {
            json = SessionJson.write(commit.session());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long newVersion = commit.expectedVersion() + 1;
        return db.writeSoon("commit an update for couple " + coupleId, c -> {
                    apply(c, db.key(), commit, json, newVersion, db.clock().millis());
                    return newVersion;
                })
                .whenComplete((v, e) -> {
                    if (e != null) {
                        cache.invalidate(coupleId);
                        return;
                    }
                    StoredSession stored = new StoredSession(coupleId, commit.session(), newVersion);
                    // two commits of one couple may reach this line out of order; the higher version wins
                    cache.asMap().merge(coupleId, stored, (old, now) -> old.version() > now.version() ? old : now);
                });
    }

    private static void apply(Connection c, DataKey key, UpdateCommit commit, String json, long newVersion, long now)
            throws SQLException {
        long coupleId = commit.coupleId();
        writeSession(c, key.encrypt(json, "sessions:" + coupleId), commit, newVersion, now);
        for (Action.SaveJournal j : commit.journal()) {
            SqliteJournal.append(c, key, coupleId, j, now);
        }
        for (String id : commit.cancel()) {
            SqliteTimerStore.leavePending(c, coupleId, id, "cancelled");
        }
        for (Action.ScheduleTimer t : commit.schedule()) {
            SqliteTimerStore.schedule(c, coupleId, t);
        }
        Long author = commit.cause() instanceof Cause.InboxUpdate u && u.author() != 0 ? u.author() : null;
        for (Outgoing o : commit.outbox()) {
            SqliteOutbox.enqueue(c, key, coupleId, o, now, author);
        }
        for (NewReminder r : commit.reminders()) {
            SqliteReminders.set(c, key, coupleId, r, now);
        }
        markCauseDone(c, coupleId, commit.cause(), now);
    }

    private static void writeSession(Connection c, byte[] sealed, UpdateCommit commit, long newVersion, long now)
            throws SQLException {
        long found = currentVersion(c, commit.coupleId());
        if (found != commit.expectedVersion()) {
            throw new StaleSessionException(commit.coupleId(), commit.expectedVersion(), found);
        }
        String sql = found == 0
                ? "INSERT INTO sessions (engine_json, schema, version, updated, couple_id) VALUES (?, ?, ?, ?, ?)"
                : "UPDATE sessions SET engine_json = ?, schema = ?, version = ?, updated = ? WHERE couple_id = ?";
        Sql.on(c, sql)
                .bind(sealed, commit.session().schema(), newVersion, now, commit.coupleId())
                .update();
    }

    private static long currentVersion(Connection c, long coupleId) throws SQLException {
        return Sql.on(c, "SELECT version FROM sessions WHERE couple_id = ?")
                .bind(coupleId)
                .oneLong()
                .orElse(0);
    }

    private static void markCauseDone(Connection c, long coupleId, Cause cause, long now) throws SQLException {
        // Java 17 has no pattern switch; Cause is sealed, so these two branches are all there is
        if (cause instanceof Cause.InboxUpdate u) {
            SqliteInbox.markDone(c, u.updateId(), now);
        } else if (cause instanceof Cause.TimerFired t
                && !SqliteTimerStore.leavePending(c, coupleId, t.timerId(), "fired")) {
            throw new SQLException("timer " + t.timerId() + " of couple " + coupleId + " is not pending "
                    + "(cancelled or fired already); its outcome must not be applied");
        }
    }

    /**
     * The stored value as an encrypted BLOB; plain text (which the open encrypted, so it was put there since) is
     * refused like any other value that does not decrypt.
     */
    static byte[] sealed(Object stored, String where) {
        if (stored instanceof byte[] b) {
            return b;
        }
        throw new DataKey.TamperedException(where, "it is not encrypted");
    }

    /** Forgets a couple's cached session after its row was deleted outside a commit (the couple was dissolved). */
    void evict(long coupleId) {
        cache.invalidate(coupleId);
    }
}
