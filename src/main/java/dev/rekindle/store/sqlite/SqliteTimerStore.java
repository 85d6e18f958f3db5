package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.TimerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link TimerStore} in the timers table. */
final class SqliteTimerStore implements TimerStore {
    private final Database db;

    SqliteTimerStore(Database db) {
        this.db = db;
    }

    @Override
    public List<DueTimer> due(Instant upTo, int limit) {
        return db.read(
                "list due timers",
                c -> Sql.on(
                                c,
                                "SELECT couple_id, timer_id, due, grace_millis FROM timers WHERE state = 'pending' AND due <= ? "
                                        + "ORDER BY due, couple_id, timer_id LIMIT ?")
                        .bind(upTo.toEpochMilli(), limit)
                        .list(rs -> new DueTimer(
                                rs.getLong(1),
                                rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3)),
                                Duration.ofMillis(rs.getLong(4)))));
    }

    @Override
    public Optional<Instant> nextDue() {
        OptionalLong due = db.read(
                "find the next due timer",
                c -> Sql.on(c, "SELECT MIN(due) FROM timers WHERE state = 'pending'")
                        .oneLong());
        return due.isPresent() ? Optional.of(Instant.ofEpochMilli(due.getAsLong())) : Optional.empty();
    }

    @Override
    public boolean cancel(long coupleId, String timerId) {
        return db.write(
                "cancel timer " + timerId + " of couple " + coupleId,
                c -> leavePending(c, coupleId, timerId, "cancelled"));
    }

    @Override
    public boolean markFired(long coupleId, String timerId) {
        return db.write(
                "mark timer " + timerId + " of couple " + coupleId + " fired",
                c -> leavePending(c, coupleId, timerId, "fired"));
    }

    /** Moves a pending timer to {@code state}; false if it was not pending. */
    static boolean leavePending(Connection c, long coupleId, String timerId, String state) throws SQLException {
        return Sql.on(c, "UPDATE timers SET state = ? WHERE couple_id = ? AND timer_id = ? AND state = 'pending'")
                        .bind(state, coupleId, timerId)
                        .update()
                == 1;
    }

    static void schedule(Connection c, long coupleId, Action.ScheduleTimer t) throws SQLException {
        Sql.on(
                        c,
                        "INSERT INTO timers (couple_id, timer_id, due, grace_millis, state) VALUES (?, ?, ?, ?, 'pending') "
                                + "ON CONFLICT (couple_id, timer_id) DO UPDATE SET due = excluded.due, "
                                + "grace_millis = excluded.grace_millis, state = 'pending'")
                .bind(coupleId, t.id(), t.due().toEpochMilli(), t.grace().toMillis())
                .update();
    }
}
