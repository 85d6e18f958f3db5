package dev.rekindle.store.sqlite;

import dev.rekindle.store.FailedUpdate;
import dev.rekindle.store.Inbox;
import dev.rekindle.store.ReceivedUpdate;
import dev.rekindle.store.SessionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/** {@link Inbox} in the inbox table. */
final class SqliteInbox implements Inbox {
    private final Database db;

    SqliteInbox(Database db) {
        this.db = db;
    }

    @Override
    public boolean receive(long updateId, String rawJson) {
        long now = db.clock().millis();
        return db.write("receive update " + updateId, c -> insert(c, updateId, rawJson, now));
    }

    /**
     * One getUpdates batch, in the next group commit (shared with the commits in flight): one fsync. The updates
     * that could not be read go in as failed, with their reason, in the same write.
     */
    @Override
    public Set<Long> receiveAll(Map<Long, String> rawJsonById, List<FailedUpdate> unreadable) {
        if (rawJsonById.isEmpty() && unreadable.isEmpty()) {
            return Set.of();
        }
        long now = db.clock().millis();
        int n = rawJsonById.size() + unreadable.size();
        return SessionStore.await(db.writeSoon("receive " + n + " updates", c -> {
            Set<Long> fresh = new LinkedHashSet<>();
            for (Map.Entry<Long, String> e : rawJsonById.entrySet()) {
                if (insert(c, e.getKey(), e.getValue(), now)) {
                    fresh.add(e.getKey());
                }
            }
            for (FailedUpdate u : unreadable) {
                if (insert(c, u.updateId(), u.rawJson(), now)) {
                    markFailed(c, u.updateId(), u.reason(), now);
                }
            }
            return fresh;
        }));
    }

    /** Keeps an update as pending; false when its id is in the inbox already (a redelivery). */
    private boolean insert(Connection c, long updateId, String rawJson, long now) throws SQLException {
        return Sql.on(
                                c,
                                "INSERT INTO inbox (update_id, raw_json, received, state) VALUES (?, ?, ?, 'pending') "
                                        + "ON CONFLICT (update_id) DO NOTHING")
                        .bind(updateId, seal(updateId, rawJson), now)
                        .update()
                == 1;
    }

    /**
     * Telegram's JSON holds what a partner wrote: it is encrypted, bound to its update id ("inbox:" + id), from
     * receipt until it is erased when the update is done (a failed update keeps it, encrypted).
     */
    private byte[] seal(long updateId, String rawJson) {
        return db.key().encrypt(rawJson, where(updateId));
    }

    /** The JSON as received; '' when erased (a /forget of someone it named). */
    private String open(long updateId, Object stored) {
        if ("".equals(stored)) {
            return "";
        }
        String where = where(updateId);
        return db.key().decrypt(SqliteSessionStore.sealed(stored, where), where);
    }

    static String where(long updateId) {
        return "inbox:" + updateId;
    }

    @Override
    public List<ReceivedUpdate> pending() {
        return db.read(
                "list pending updates",
                c -> Sql.on(
                                c,
                                "SELECT update_id, raw_json, received FROM inbox WHERE state = 'pending' ORDER BY update_id")
                        .list(rs -> {
                            long id = rs.getLong(1);
                            return new ReceivedUpdate(
                                    id, open(id, rs.getObject(2)), Instant.ofEpochMilli(rs.getLong(3)));
                        }));
    }

    @Override
    public void markDone(long updateId) {
        long now = db.clock().millis();
        db.write("mark update " + updateId + " done", c -> {
            markDone(c, updateId, now);
            return null;
        });
    }

    /**
     * Marks a pending update done and erases its raw JSON: it holds what a partner wrote, which is not
     * needed once handled (the update id alone keeps a redelivery from acting twice).
     */
    static void markDone(Connection c, long updateId, long now) throws SQLException {
        if (Sql.on(
                                c,
                                "UPDATE inbox SET state = 'done', done = ?, raw_json = '' WHERE update_id = ? "
                                        + "AND state = 'pending'")
                        .bind(now, updateId)
                        .update()
                != 1) {
            throw new SQLException("update " + updateId + " is not pending in the inbox (never received, or "
                    + "already done); it must not act twice");
        }
    }

    @Override
    public void markFailed(long updateId, String reason) {
        long now = db.clock().millis();
        db.write("mark update " + updateId + " failed", c -> {
            markFailed(c, updateId, reason, now);
            return null;
        });
    }

    /** Keeps a pending update's JSON (encrypted as it is) for a person to look at, with why. */
    private static void markFailed(Connection c, long updateId, String reason, long now) throws SQLException {
        if (Sql.on(
                                c,
                                "UPDATE inbox SET state = 'failed', done = ?, failure = ? WHERE update_id = ? "
                                        + "AND state = 'pending'")
                        .bind(now, reason, updateId)
                        .update()
                != 1) {
            throw new SQLException("update " + updateId + " is not pending in the inbox");
        }
    }

    @Override
    public List<FailedUpdate> failed() {
        return db.read(
                "list failed updates",
                c -> Sql.on(
                                c,
                                "SELECT update_id, raw_json, failure FROM inbox WHERE state = 'failed' ORDER BY update_id")
                        .list(rs -> {
                            long id = rs.getLong(1);
                            return new FailedUpdate(id, open(id, rs.getObject(2)), rs.getString(3));
                        }));
    }

    @Override
    public OptionalLong highestUpdateId() {
        return db.read(
                "read the highest update id",
                c -> Sql.on(c, "SELECT MAX(update_id) FROM inbox").oneLong());
    }
}
