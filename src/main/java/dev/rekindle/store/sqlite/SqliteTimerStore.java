package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.TimerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link TimerStore} in the timers table. */
final class SqliteTimerStore implements TimerStore {
    private final Database db;

    SqliteTimerStore(Database db) {
        this.db = db;
    }

    @Override
    public List<DueTimer> due(Instant upTo, int limit) {
        return db.read("list due timers", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT couple_id, timer_id, due, grace_millis FROM timers WHERE state = 'pending' AND due <= ? "
                            + "ORDER BY due, couple_id, timer_id LIMIT ?")) {
                p.setLong(1, upTo.toEpochMilli());
                p.setInt(2, limit);
                List<DueTimer> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DueTimer(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                                Duration.ofMillis(rs.getLong(4))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return db.read("find the next due timer", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT MIN(due) FROM timers WHERE state = 'pending'");
                 ResultSet rs = p.executeQuery()) {
                rs.next();
                long due = rs.getLong(1);
                return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(due));
            }
        });
    }

    @Override
    public boolean cancel(long coupleId, String timerId) {
        return db.write("cancel timer " + timerId + " of couple " + coupleId,
                c -> leavePending(c, coupleId, timerId, "cancelled"));
    }

    @Override
    public boolean markFired(long coupleId, String timerId) {
        return db.write("mark timer " + timerId + " of couple " + coupleId + " fired",
                c -> leavePending(c, coupleId, timerId, "fired"));
    }

    /** Moves a pending timer to {@code state}; false if it was not pending. */
    static boolean leavePending(Connection c, long coupleId, String timerId, String state) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE timers SET state = ? WHERE couple_id = ? AND timer_id = ? AND state = 'pending'")) {
            p.setString(1, state);
            p.setLong(2, coupleId);
            p.setString(3, timerId);
            return p.executeUpdate() == 1;
        }
    }

    static void schedule(Connection c, long coupleId, Action.ScheduleTimer t) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO timers (couple_id, timer_id, due, grace_millis, state) VALUES (?, ?, ?, ?, 'pending') "
                        + "ON CONFLICT (couple_id, timer_id) DO UPDATE SET due = excluded.due, "
                        + "grace_millis = excluded.grace_millis, state = 'pending'")) {
            p.setLong(1, coupleId);
            p.setString(2, t.id());
            p.setLong(3, t.due().toEpochMilli());
            p.setLong(4, t.grace().toMillis());
            p.executeUpdate();
        }
    }
}
