package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reminders;
import dev.rekindle.store.Reply;
import dev.rekindle.store.StoredReminder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link Reminders} in the reminders table, with one timers row each. */
final class SqliteReminders implements Reminders {
    private static final String COLUMNS =
            "id, couple_id, partner, dialog, at, days, zone, text, next_due, awaiting_time";

    private final Database db;

    SqliteReminders(Database db) {
        this.db = db;
    }

    @Override
    public List<StoredReminder> of(long coupleId, Partner recipient) {
        return db.read(
                "list the reminders of couple " + coupleId,
                c -> Sql.on(c, "SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? AND partner = ? ORDER BY id")
                        .bind(coupleId, recipient.name())
                        .list(this::row));
    }

    @Override
    public List<StoredReminder> ofCouple(long coupleId) {
        return db.read(
                "list the reminders of couple " + coupleId,
                c -> Sql.on(c, "SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? ORDER BY id")
                        .bind(coupleId)
                        .list(this::row));
    }

    @Override
    public Optional<StoredReminder> find(long coupleId, long id) {
        return db.read("read reminder " + id, c -> one(c, coupleId, id));
    }

    private Optional<StoredReminder> one(Connection c, long coupleId, long id) throws SQLException {
        return Sql.on(c, "SELECT " + COLUMNS + " FROM reminders WHERE couple_id = ? AND id = ?")
                .bind(coupleId, id)
                .one(this::row);
    }

    /** A reminder from a row of {@link #COLUMNS}, its text decrypted. */
    private StoredReminder row(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        String where = "reminders:" + id;
        String html = db.key().decrypt(SqliteSessionStore.sealed(rs.getObject(8), where), where);
        return new StoredReminder(
                id,
                rs.getLong(2),
                Partner.valueOf(rs.getString(3)),
                rs.getString(4),
                LocalTime.parse(rs.getString(5)),
                days(rs.getString(6)),
                ZoneId.of(rs.getString(7)),
                html,
                Instant.ofEpochMilli(rs.getLong(9)),
                rs.getInt(10) == 1);
    }

    /**
     * Keeps a reminder a dialog set, in the dialog's commit: the recipient's reminder of the same dialog with the
     * same text is replaced (a new time for the same ritual), then the row and its timer are written.
     */
    static void set(Connection c, DataKey key, long coupleId, NewReminder r, long now) throws SQLException {
        List<Long> same = Sql.on(c, "SELECT id, text FROM reminders WHERE couple_id = ? AND partner = ? AND dialog = ?")
                .bind(coupleId, r.recipient().name(), r.dialog())
                .list(rs -> {
                    String where = "reminders:" + rs.getLong(1);
                    String html = key.decrypt(SqliteSessionStore.sealed(rs.getObject(2), where), where);
                    return html.equals(r.html()) ? rs.getLong(1) : null;
                });
        same.removeIf(Objects::isNull); // the ones with another text
        for (long old : same) {
            delete(c, coupleId, old);
        }
        long id = Sql.on(
                        c,
                        "INSERT INTO reminders (couple_id, partner, dialog, at, days, zone, "
                                + "text, next_due, awaiting_time, created) VALUES (?, ?, ?, ?, ?, ?, X'', ?, 0, ?) RETURNING id")
                .bind(
                        coupleId,
                        r.recipient().name(),
                        r.dialog(),
                        r.at().toString(),
                        column(r.days()),
                        r.zone().getId(),
                        r.nextDue().toEpochMilli(),
                        now)
                .firstLong();
        Sql.on(c, "UPDATE reminders SET text = ? WHERE id = ?")
                .bind(key.encrypt(r.html(), "reminders:" + id), id)
                .update();
        schedule(c, coupleId, id, r.nextDue());
    }

    @Override
    public boolean delivered(long coupleId, long id, Instant due, Outgoing message, Instant nextDue) {
        long now = db.clock().millis();
        return db.write("deliver reminder " + id + " of couple " + coupleId, c -> {
            if (Sql.on(
                                    c,
                                    "UPDATE timers SET state = 'fired' WHERE couple_id = ? "
                                            + "AND timer_id = ? AND state = 'pending' AND due = ?")
                            .bind(coupleId, TIMER_PREFIX + id, due.toEpochMilli())
                            .update()
                    != 1) {
                return false;
            }
            if (message != null) {
                SqliteOutbox.enqueue(c, db.key(), coupleId, message, now);
            }
            Sql.on(c, "UPDATE reminders SET next_due = ? WHERE couple_id = ? AND id = ?")
                    .bind(nextDue.toEpochMilli(), coupleId, id)
                    .update();
            schedule(c, coupleId, id, nextDue);
            return true;
        });
    }

    @Override
    public boolean stop(long coupleId, Partner recipient, long id, Reply reply) {
        long now = db.clock().millis();
        return db.write("stop reminder " + id + " of couple " + coupleId, c -> {
            boolean mine =
                    one(c, coupleId, id).filter(r -> r.recipient() == recipient).isPresent();
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
            List<Long> ids = idsOf(c, coupleId, recipient);
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
        return db.read(
                "find a reminder waiting for a time",
                c -> Sql.on(
                                c,
                                "SELECT id FROM reminders "
                                        + "WHERE couple_id = ? AND partner = ? AND awaiting_time = 1 LIMIT 1")
                        .bind(coupleId, recipient.name())
                        .one(rs -> rs.getLong(1)));
    }

    @Override
    public void clearAwaiting(long coupleId, Partner recipient) {
        db.write("stop waiting for a reminder time", c -> awaiting(c, coupleId, recipient, 0, null));
    }

    private static int awaiting(Connection c, long coupleId, Partner recipient, int value, Long id)
            throws SQLException {
        String sql = "UPDATE reminders SET awaiting_time = ? WHERE couple_id = ? AND partner = ?";
        return id == null
                ? Sql.on(c, sql).bind(value, coupleId, recipient.name()).update()
                : Sql.on(c, sql + " AND id = ?")
                        .bind(value, coupleId, recipient.name(), id)
                        .update();
    }

    @Override
    public boolean changeTime(long coupleId, Partner recipient, long id, LocalTime at, Instant nextDue, Reply reply) {
        long now = db.clock().millis();
        return db.write("change the time of reminder " + id, c -> {
            boolean changed = Sql.on(
                                    c,
                                    "UPDATE reminders SET at = ?, next_due = ?, awaiting_time = 0 "
                                            + "WHERE couple_id = ? AND partner = ? AND id = ?")
                            .bind(at.toString(), nextDue.toEpochMilli(), coupleId, recipient.name(), id)
                            .update()
                    == 1;
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
        for (long id : idsOf(c, from, who)) {
            Sql.on(c, "UPDATE timers SET couple_id = ? WHERE couple_id = ? AND timer_id = ?")
                    .bind(to, from, TIMER_PREFIX + id)
                    .update();
            Sql.on(c, "UPDATE reminders SET couple_id = ?, partner = ? WHERE id = ?")
                    .bind(to, as.name(), id)
                    .update();
        }
    }

    private static List<Long> idsOf(Connection c, long coupleId, Partner recipient) throws SQLException {
        return Sql.on(c, "SELECT id FROM reminders WHERE couple_id = ? AND partner = ?")
                .bind(coupleId, recipient.name())
                .list(rs -> rs.getLong(1));
    }

    private static void delete(Connection c, long coupleId, long id) throws SQLException {
        SqliteTimerStore.leavePending(c, coupleId, TIMER_PREFIX + id, "cancelled");
        Sql.on(c, "DELETE FROM reminders WHERE couple_id = ? AND id = ?")
                .bind(coupleId, id)
                .update();
    }

    private static void schedule(Connection c, long coupleId, long id, Instant due) throws SQLException {
        SqliteTimerStore.schedule(c, coupleId, new Action.ScheduleTimer(TIMER_PREFIX + id, due, TIMER_GRACE));
    }

    private static String column(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> Integer.toString(d.getValue())).collect(Collectors.joining(","));
    }

    private static Set<DayOfWeek> days(String column) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String n : column.split(",", -1)) {
            out.add(DayOfWeek.of(Integer.parseInt(n.strip())));
        }
        return out;
    }
}
