package dev.rekindle.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link Outbox} in the outbox and message_refs tables. */
final class SqliteOutbox implements Outbox {
    private static final String COLUMNS = "o.id, o.couple_id, o.chat_id, o.kind, o.payload, o.message_ref, o.created, "
            + "o.attempts, o.next_attempt, o.state, o.failure, o.parts_sent";
    // an entry waits behind an earlier pending entry of its chat that is not due yet, so a chat's order holds
    private static final String DUE = "SELECT " + COLUMNS + " FROM outbox o WHERE o.state = 'pending' "
            + "AND o.next_attempt <= ? AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending' "
            + "AND e.chat_id = o.chat_id AND e.id < o.id AND e.next_attempt > ?)";

    private final Database db;

    SqliteOutbox(Database db) {
        this.db = db;
    }

    @Override
    public long enqueue(Long coupleId, Outgoing message) {
        long now = db.clock().millis();
        return db.write("add an outbox entry for chat " + message.chatId(), c -> enqueue(c, coupleId, message, now));
    }

    static long enqueue(Connection c, Long coupleId, Outgoing m, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO outbox (couple_id, chat_id, kind, payload, message_ref, created, attempts, next_attempt, "
                        + "state) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'pending') RETURNING id")) {
            if (coupleId == null) {
                p.setNull(1, Types.INTEGER);
            } else {
                p.setLong(1, coupleId);
            }
            p.setLong(2, m.chatId());
            p.setString(3, m.kind().column());
            p.setString(4, m.payload());
            p.setString(5, m.ref());
            p.setLong(6, now);
            p.setLong(7, now);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        return db.read("list due outbox entries", c -> {
            try (PreparedStatement p = c.prepareStatement(DUE + " ORDER BY o.id LIMIT ?")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, now.toEpochMilli());
                p.setInt(3, limit);
                return entries(p);
            }
        });
    }

    @Override
    public List<OutboxEntry> due(long chatId, Instant now, int limit) {
        return db.read("list due outbox entries of chat " + chatId, c -> {
            try (PreparedStatement p = c.prepareStatement(DUE + " AND o.chat_id = ? ORDER BY o.id LIMIT ?")) {
                p.setLong(1, now.toEpochMilli());
                p.setLong(2, now.toEpochMilli());
                p.setLong(3, chatId);
                p.setInt(4, limit);
                return entries(p);
            }
        });
    }

    @Override
    public Optional<OutboxEntry> entry(long id) {
        return db.read("read outbox entry " + id, c -> entry(c, id));
    }

    private static Optional<OutboxEntry> entry(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox o WHERE o.id = ?")) {
            p.setLong(1, id);
            List<OutboxEntry> found = entries(p);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<OutboxEntry> entries(PreparedStatement p) throws SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long couple = rs.getLong(2);
                Long coupleId = rs.wasNull() ? null : couple;
                out.add(new OutboxEntry(rs.getLong(1), coupleId, rs.getLong(3), OutboxKind.ofColumn(rs.getString(4)),
                        rs.getString(5), rs.getString(6), Instant.ofEpochMilli(rs.getLong(7)), rs.getInt(8),
                        Instant.ofEpochMilli(rs.getLong(9)), OutboxState.ofColumn(rs.getString(10)), rs.getString(11),
                        rs.getInt(12)));
            }
        }
        return out;
    }

    @Override
    public void markSent(long id) {
        db.write("mark outbox entry " + id + " sent", c -> {
            sent(c, pending(c, id));
            return null;
        });
    }

    @Override
    public void markSent(long id, long messageId) {
        db.write("mark outbox entry " + id + " sent", c -> markSent(c, id, messageId));
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> markSentSoon(long id) {
        return db.writeSoon("mark outbox entry " + id + " sent", c -> {
            sent(c, pending(c, id));
            return null;
        });
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> markSentSoon(long id, long messageId) {
        return db.writeSoon("mark outbox entry " + id + " sent", c -> markSent(c, id, messageId));
    }

    private static Void markSent(Connection c, long id, long messageId) throws SQLException {
        OutboxEntry e = pending(c, id);
        sent(c, e);
        if (e.kind() == OutboxKind.SEND && e.ref() != null) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO message_refs (couple_id, chat_id, ref, message_id) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT (couple_id, chat_id, ref) DO UPDATE SET message_id = excluded.message_id")) {
                p.setLong(1, e.coupleId());
                p.setLong(2, e.chatId());
                p.setString(3, e.ref());
                p.setLong(4, messageId);
                p.executeUpdate();
            }
        }
        return null;
    }

    /** A sent entry keeps no payload: it may hold what a partner shared, which Telegram now has. */
    private static void sent(Connection c, OutboxEntry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE outbox SET state = 'sent', attempts = attempts + 1, payload = '' WHERE id = ?")) {
            p.setLong(1, e.id());
            p.executeUpdate();
        }
    }

    private static OutboxEntry pending(Connection c, long id) throws SQLException {
        OutboxEntry e = entry(c, id).orElseThrow(() -> new SQLException("outbox entry " + id + " does not exist"));
        if (e.state() != OutboxState.PENDING) {
            throw new SQLException("outbox entry " + id + " is " + e.state().column() + ", not pending; "
                    + "a sender reports each entry once");
        }
        return e;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> markPartsSentSoon(long id, int partsSent) {
        return db.writeSoon("note the parts of outbox entry " + id + " sent", c -> {
            pending(c, id);
            // never backwards: a late mark from before a restart must not make parts go out again
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE outbox SET parts_sent = MAX(parts_sent, ?) WHERE id = ?")) {
                p.setInt(1, partsSent);
                p.setLong(2, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void retryAt(long id, Instant when) {
        db.write("reschedule outbox entry " + id, c -> {
            pending(c, id);
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt = ? WHERE id = ?")) {
                p.setLong(1, when.toEpochMilli());
                p.setLong(2, id);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void markFailed(long id, String reason) {
        db.write("mark outbox entry " + id + " failed", c -> {
            fail(c, pending(c, id), reason);
            return null;
        });
    }

    @Override
    public void markUnreachable(long id, String reason) {
        db.write("mark the recipient of outbox entry " + id + " unreachable", c -> {
            OutboxEntry e = pending(c, id);
            fail(c, e, reason);
            // Telegram gives a private chat the id of its user; a registered private chat names its member
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE users SET unreachable = 1 WHERE id = ? OR id IN (SELECT m.user_id FROM chats ch "
                            + "JOIN members m ON m.couple_id = ch.couple_id AND m.partner = ch.partner "
                            + "WHERE ch.id = ? AND ch.kind = 'private')")) {
                p.setLong(1, e.chatId());
                p.setLong(2, e.chatId());
                p.executeUpdate();
            }
            return null;
        });
    }

    private static void fail(Connection c, OutboxEntry e, String reason) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE outbox SET state = 'failed', attempts = attempts + 1, failure = ? WHERE id = ?")) {
            p.setString(1, reason);
            p.setLong(2, e.id());
            p.executeUpdate();
        }
    }

    @Override
    public void moveChat(long fromChatId, long toChatId) {
        db.write("move chat " + fromChatId + " to " + toChatId, c -> {
            // OR REPLACE: the new chat may have been registered already by an update that arrived there first
            for (String sql : List.of(
                    "UPDATE OR REPLACE chats SET id = ? WHERE id = ?",
                    "UPDATE outbox SET chat_id = ? WHERE chat_id = ?",
                    "UPDATE OR REPLACE message_refs SET chat_id = ? WHERE chat_id = ?")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, toChatId);
                    p.setLong(2, fromChatId);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public OptionalLong messageId(long coupleId, long chatId, String ref) {
        return db.read("find the message sent for " + ref, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT message_id FROM message_refs WHERE couple_id = ? AND chat_id = ? AND ref = ?")) {
                p.setLong(1, coupleId);
                p.setLong(2, chatId);
                p.setString(3, ref);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }
}
