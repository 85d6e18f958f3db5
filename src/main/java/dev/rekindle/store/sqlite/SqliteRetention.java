package dev.rekindle.store.sqlite;

import dev.rekindle.store.Retention;
import java.time.Instant;

/**
 * {@link Retention} in the inbox, outbox and timers tables, a thousand rows per transaction, so that a purge never
 * holds the single writer for long and a restart in the middle leaves whole batches. The newest update is always
 * kept, so the inbox still knows the highest update id it handled. A purge stops between batches when its thread is
 * interrupted (the bot is stopping); the next one goes on from there.
 */
final class SqliteRetention implements Retention {
    private static final int BATCH = 1000;

    private final Database db;

    SqliteRetention(Database db) {
        this.db = db;
    }

    @Override
    public Purged purge(Instant now, Policy policy) {
        long done = now.minus(policy.done()).toEpochMilli();
        long failed = now.minus(policy.failed()).toEpochMilli();
        long updates = batches(
                        "purge handled updates",
                        "DELETE FROM inbox WHERE update_id IN (SELECT update_id FROM inbox WHERE state = 'done' AND done < ?"
                                + " AND update_id < (SELECT MAX(update_id) FROM inbox) LIMIT " + BATCH + ")",
                        done)
                + batches(
                        "purge failed updates",
                        "DELETE FROM inbox WHERE update_id IN (SELECT update_id FROM inbox WHERE state = 'failed'"
                                + " AND received < ? AND update_id < (SELECT MAX(update_id) FROM inbox) LIMIT " + BATCH
                                + ")",
                        failed);
        long messages = batches(
                "purge sent and given-up messages",
                "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE state IN ('sent', 'failed') AND created < ?"
                        + " LIMIT " + BATCH + ")",
                done);
        long timers = batches(
                "purge fired and cancelled timers",
                "DELETE FROM timers WHERE rowid IN (SELECT rowid FROM timers WHERE state IN ('fired', 'cancelled')"
                        + " AND due < ? LIMIT " + BATCH + ")",
                done);
        return new Purged(updates, messages, timers);
    }

    private long batches(String what, String sql, long before) {
        long total = 0;
        int n;
        do {
            if (Thread.currentThread().isInterrupted()) {
                return total;
            }
            n = db.write(what, c -> Sql.on(c, sql).bind(before).update());
            total += n;
        } while (n == BATCH);
        return total;
    }
}
