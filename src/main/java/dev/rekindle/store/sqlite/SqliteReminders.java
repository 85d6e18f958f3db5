package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reminders;
import dev.rekindle.store.Reply;
import dev.rekindle.store.StoredReminder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link Reminders} in the reminders table, with one timers row each. */
final class SqliteReminders implements Reminders {
    private static final String COLUMNS = "id, couple_id, partner, dialog, at, days, zone, text, next_due, awaiting_time";

    private final Database db;

    SqliteReminders(Database db) {
        this.db = db;
    }

    @Override
    public List<StoredReminder> of(long coupleId, Partner recipient) {
        return list("SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? AND partner = ? ORDER BY id",
                coupleId, recipient);
    }

    @Override
    public List<StoredReminder> ofCouple(long coupleId) {
        return list("SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? ORDER BY id", coupleId, null);
    }

    @Override
    public Optional<StoredReminder> find(long coupleId, long id) {
        return db.read("read reminder " + id, c -> one(c, coupleId, id));
    }

    private List<StoredReminder> list(String sql, long coupleId, Partner recipient) {
        return db.read("list the reminders of couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, coupleId);
                if (recipient != null) {
                    p.setString(2, recipient.name());
                }
                return rows(p);
            }
        });
    }

    private Optional<StoredReminder> one(Connection c, long coupleId, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? AND id = ?")) {
            p.setLong(1, coupleId);
            p.setLong(2, id);
            List<StoredReminder> found = rows(p);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private List<StoredReminder> rows(PreparedStatement p) throws SQLException {
        List<StoredReminder> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String where = "reminders:" + id;
                String html = db.key().decrypt(SqliteSessionStore.sealed(rs.getObject(8), where), where);
                out.add(new StoredReminder(id, rs.getLong(2), Partner.valueOf(rs.getString(3)), rs.getString(4),
                        LocalTime.parse(rs.getString(5)), days(rs.getString(6)), ZoneId.of(rs.getString(7)), html,
                        Instant.ofEpochMilli(rs.getLong(9)), rs.getInt(10) == 1));
            }
        }
        return out;
    }

    /**
     * Keeps a reminder a dialog set, in the dialog's commit: the recipient's reminder of the same dialog with the
     * same text is replaced (a new time for the same ritual), then the row and its timer are written.
     */
    static void set(Connection c, DataKey key, long coupleId, NewReminder r, long now) throws SQLException {
        List<Long> same = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, text FROM reminders WHERE couple_id = ? AND partner = ? AND dialog = ?")) {
            p.setLong(1, coupleId);
            p.setString(2, r.recipient().name());
            p.setString(3, r.dialog());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String where = "reminders:" + rs.getLong(1);
                    if (key.decrypt(SqliteSessionStore.sealed(rs.getObject(2), where), where).equals(r.html())) {
                        same.add(rs.getLong(1));
                    }
                }
            }
        }
        for (long old : same) {
            delete(c, coupleId, old);
        }
        long id;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO reminders (couple_id, partner, dialog, at, days, zone, "
                + "text, next_due, awaiting_time, created) VALUES (?, ?, ?, ?, ?, ?, X'', ?, 0, ?) RETURNING id")) {
            p.setLong(1, coupleId);
            p.setString(2, r.recipient().name());
            p.setString(3, r.dialog());
            p.setString(4, r.at().toString());
            p.setString(5, column(r.days()));
            p.setString(6, r.zone().getId());
            p.setLong(7, r.nextDue().toEpochMilli());
            p.setLong(8, now);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE reminders SET text = ? WHERE id = ?")) {
            p.setBytes(1, key.encrypt(r.html(), "reminders:" + id));
            p.setLong(2, id);
            p.executeUpdate();
        }
        schedule(c, coupleId, id, r.nextDue());
    }

    @Override
    public boolean delivered(long coupleId, long id, Instant due, Outgoing message, Instant nextDue) {
        long now = db.clock().millis();
        return db.write("deliver reminder " + id + " of couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE timers SET state = 'fired' WHERE couple_id = ? "
                    + "AND timer_id = ? AND state = 'pending' AND due = ?")) {
                p.setLong(1, coupleId);
                p.setString(2, TIMER_PREFIX + id);
                p.setLong(3, due.toEpochMilli());
                if (p.executeUpdate() != 1) {
                    return false;
                }
            }
            if (message != null) {
                SqliteOutbox.enqueue(c, db.key(), coupleId, message, now);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE reminders SET next_due = ? WHERE couple_id = ? AND id = ?")) {
                p.setLong(1, nextDue.toEpochMilli());
                p.setLong(2, coupleId);
                p.setLong(3, id);
                p.executeUpdate();
            }
            schedule(c, coupleId, id, nextDue);
            return true;
        });
    }

    @Override
    public boolean stop(long coupleId, Partner recipient, long id, Reply reply) {
        long now = db.clock().millis();
        return db.write("stop reminder " + id + " of couple " + coupleId, c -> {
            boolean mine = one(c, coupleId, id).filter(r -> r.recipient() == recipient).isPresent();
            if (mine) {
                delete(c, coupleId, id);
            }
            reply(c, reply, now);
            return mine;
        });
    }

    @Override
    public int stopAll(long coupleId, Partner recipient, Reply reply) {
        long now = db.clock().millis();
        return db.write("stop the reminders of partner " + recipient + " of couple " + coupleId, c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM reminders WHERE couple_id = ? AND partner = ?")) {
                p.setLong(1, coupleId);
                p.setString(2, recipient.name());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                delete(c, coupleId, id);
            }
            reply(c, reply, now);
            return ids.size();
        });
    }

    @Override
    public boolean awaitTime(long coupleId, Partner recipient, long id, Reply reply) {
        long now = db.clock().millis();
        return db.write("await a new time for reminder " + id, c -> {
            awaiting(c, coupleId, recipient, 0, null);
            boolean found = awaiting(c, coupleId, recipient, 1, id) == 1;
            reply(c, reply, now);
            return found;
        });
    }

    @Override
    public Optional<Long> awaitingTime(long coupleId, Partner recipient) {
        return db.read("find a reminder waiting for a time", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM reminders WHERE couple_id = ? AND partner = ? "
                    + "AND awaiting_time = 1 LIMIT 1")) {
                p.setLong(1, coupleId);
                p.setString(2, recipient.name());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    @Override
    public void clearAwaiting(long coupleId, Partner recipient) {
        db.write("stop waiting for a reminder time", c -> awaiting(c, coupleId, recipient, 0, null));
    }

    private static int awaiting(Connection c, long coupleId, Partner recipient, int value, Long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE reminders SET awaiting_time = ? WHERE couple_id = ? "
                + "AND partner = ?" + (id == null ? "" : " AND id = ?"))) {
            p.setInt(1, value);
            p.setLong(2, coupleId);
            p.setString(3, recipient.name());
            if (id != null) {
                p.setLong(4, id);
            }
            return p.executeUpdate();
        }
    }

    @Override
    public boolean changeTime(long coupleId, Partner recipient, long id, LocalTime at, Instant nextDue, Reply reply) {
        long now = db.clock().millis();
        return db.write("change the time of reminder " + id, c -> {
            boolean changed;
            try (PreparedStatement p = c.prepareStatement("UPDATE reminders SET at = ?, next_due = ?, awaiting_time = 0 "
                    + "WHERE couple_id = ? AND partner = ? AND id = ?")) {
                p.setString(1, at.toString());
                p.setLong(2, nextDue.toEpochMilli());
                p.setLong(3, coupleId);
                p.setString(4, recipient.name());
                p.setLong(5, id);
                changed = p.executeUpdate() == 1;
            }
            if (changed) {
                schedule(c, coupleId, id, nextDue);
            }
            reply(c, reply, now);
            return changed;
        });
    }

    /** What a /reminders step says, queued with its change, and the update it handled marked done. */
    private void reply(Connection c, Reply reply, long now) throws SQLException {
        for (Outgoing m : reply.messages()) {
            SqliteOutbox.enqueue(c, db.key(), null, m, now);
        }
        if (reply.doneUpdate().isPresent()) {
            SqliteInbox.markDone(c, reply.doneUpdate().getAsLong(), now);
        }
    }

    /**
     * A person's reminders follow them into the couple they join (as the journal lines they wrote do): the rows and
     * their timers move, ids (and so the text's encryption binding) unchanged.
     */
    static void move(Connection c, long from, Partner who, long to, Partner as) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM reminders WHERE couple_id = ? AND partner = ?")) {
            p.setLong(1, from);
            p.setString(2, who.name());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        for (long id : ids) {
            try (PreparedStatement p = c.prepareStatement("UPDATE timers SET couple_id = ? WHERE couple_id = ? AND timer_id = ?")) {
                p.setLong(1, to);
                p.setLong(2, from);
                p.setString(3, TIMER_PREFIX + id);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE reminders SET couple_id = ?, partner = ? WHERE id = ?")) {
                p.setLong(1, to);
                p.setString(2, as.name());
                p.setLong(3, id);
                p.executeUpdate();
            }
        }
    }

    private static void delete(Connection c, long coupleId, long id) throws SQLException {
        SqliteTimerStore.leavePending(c, coupleId, TIMER_PREFIX + id, "cancelled");
        try (PreparedStatement p = c.prepareStatement("DELETE FROM reminders WHERE couple_id = ? AND id = ?")) {
            p.setLong(1, coupleId);
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    private static void schedule(Connection c, long coupleId, long id, Instant due) throws SQLException {
        SqliteTimerStore.schedule(c, coupleId, new Action.ScheduleTimer(TIMER_PREFIX + id, due, TIMER_GRACE));
    }

    private static String column(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
    }

    private static Set<DayOfWeek> days(String column) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String n : column.split(",")) {
            out.add(DayOfWeek.of(Integer.parseInt(n.strip())));
        }
        return out;
    }
}
