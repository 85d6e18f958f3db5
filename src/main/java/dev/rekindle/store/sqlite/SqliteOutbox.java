package dev.rekindle.store.sqlite;

import dev.rekindle.store.Outbox;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.OutboxState;
import dev.rekindle.store.Outgoing;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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

    private static final String DUE_IN_TURNS = "SELECT " + COLUMNS + " FROM (SELECT id, ROW_NUMBER() OVER (PARTITION"
            + " BY chat_id ORDER BY id) AS turn FROM (SELECT id, chat_id, next_attempt, MIN(CASE WHEN next_attempt > ?"
            + " THEN id END) OVER (PARTITION BY chat_id) AS late FROM outbox WHERE state = 'pending') WHERE"
            + " next_attempt <= ? AND (late IS NULL OR id < late)) t JOIN outbox o ON o.id = t.id"
            + " ORDER BY t.turn, t.id LIMIT ?";

    private static final System.Logger LOG = System.getLogger(SqliteOutbox.class.getName());

    private final Database db;
    private final ChatIdsCache chats;

    SqliteOutbox(Database db, ChatIdsCache chats) {
        this.db = db;
        this.chats = chats;
    }

    @Override
    public long enqueue(Long coupleId, Outgoing message) {
        long now = db.clock().millis();
        return db.write(
                "add an outbox entry for chat " + message.chatId(), c -> enqueue(c, db.key(), coupleId, message, now));
    }

    /**
     * Queues a message, its payload (the rendered text: names, quoted answers) encrypted and bound to the row's id
     * ("outbox:" + id), which stays when a group's chat id moves. The id is known only after the insert, so the
     * row is inserted with an empty BLOB and its payload set right after, in the same transaction.
     */
    static long enqueue(Connection c, DataKey key, Long coupleId, Outgoing m, long now) throws SQLException {
        return enqueue(c, key, coupleId, m, now, null);
    }

    /** As {@link #enqueue(Connection, DataKey, Long, Outgoing, long)}, naming whose update the message came from. */
    static long enqueue(Connection c, DataKey key, Long coupleId, Outgoing m, long now, Long author)
            throws SQLException {
        long id = Sql.on(
                        c,
                        "INSERT INTO outbox (couple_id, chat_id, kind, payload, message_ref, created, attempts, "
                                + "next_attempt, state, author) VALUES (?, ?, ?, X'', ?, ?, 0, ?, 'pending', ?) "
                                + "RETURNING id")
                .bind(coupleId, m.chatId(), Columns.kind(m.kind()), m.ref(), now, now, author)
                .firstLong();
        Sql.on(c, "UPDATE outbox SET payload = ? WHERE id = ?")
                .bind(key.encrypt(m.payload(), where(id)), id)
                .update();
        return id;
    }

    static String where(long outboxId) {
        return "outbox:" + outboxId;
    }

    @Override
    public List<OutboxEntry> due(Instant now, int limit) {
        return db.read(
                "list due outbox entries",
                // round robin between chats: every chat's first due entry before any chat's second, so a flood in
                // some chats cannot keep a quiet chat's reply out of the batch (each chat's order still holds). A
                // chat's entries from its first one that must wait are not due; window functions find that one in
                // a single pass, where a per-row NOT EXISTS walked the chat's whole backlog again for each row
                c -> Sql.on(c, DUE_IN_TURNS)
                        .bind(now.toEpochMilli(), now.toEpochMilli(), limit)
                        .list(row(db.key())));
    }

    @Override
    public List<OutboxEntry> due(long chatId, Instant now, int limit) {
        return db.read(
                "list due outbox entries of chat " + chatId,
                c -> Sql.on(c, DUE + " AND o.chat_id = ? ORDER BY o.id LIMIT ?")
                        .bind(now.toEpochMilli(), now.toEpochMilli(), chatId, limit)
                        .list(row(db.key())));
    }

    @Override
    public Optional<OutboxEntry> entry(long id) {
        return db.read("read outbox entry " + id, c -> entry(c, db.key(), id));
    }

    private static Optional<OutboxEntry> entry(Connection c, DataKey key, long id) throws SQLException {
        return Sql.on(c, "SELECT " + COLUMNS + " FROM outbox o WHERE o.id = ?")
                .bind(id)
                .one(row(key));
    }

    /** An entry from a row of {@link #COLUMNS}, its payload decrypted with {@code key} (null: not decrypted). */
    private static Sql.Row<OutboxEntry> row(DataKey key) {
        return rs -> {
            long couple = rs.getLong(2);
            Long coupleId = rs.wasNull() ? null : couple;
            long id = rs.getLong(1);
            return new OutboxEntry(
                    id,
                    coupleId,
                    rs.getLong(3),
                    Columns.outboxKind(rs.getString(4)),
                    payload(key, id, rs.getObject(5)),
                    rs.getString(6),
                    Instant.ofEpochMilli(rs.getLong(7)),
                    rs.getInt(8),
                    Instant.ofEpochMilli(rs.getLong(9)),
                    Columns.outboxState(rs.getString(10)),
                    rs.getString(11),
                    rs.getInt(12));
        };
    }

    /**
     * The decrypted payload; empty once sent (it was erased). One that does not decrypt is served empty, which
     * the sender cannot carry out and gives up (marked failed), so one bad row never stops the others.
     */
    private static String payload(DataKey key, long id, Object stored) {
        if (key == null || (stored instanceof String s && s.isEmpty())) {
            return "";
        }
        try {
            return key.decrypt(SqliteSessionStore.sealed(stored, where(id)), where(id));
        } catch (DataKey.TamperedException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            return "";
        }
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
            long coupleId = e.coupleId(); // message_refs keeps only a couple's messages
            Sql.on(
                            c,
                            "INSERT INTO message_refs (couple_id, chat_id, ref, message_id) VALUES (?, ?, ?, ?) "
                                    + "ON CONFLICT (couple_id, chat_id, ref) DO UPDATE SET message_id = excluded.message_id")
                    .bind(coupleId, e.chatId(), e.ref(), messageId)
                    .update();
        }
        return null;
    }

    /** A sent entry keeps no payload: it may hold what a partner shared, which Telegram now has. */
    private static void sent(Connection c, OutboxEntry e) throws SQLException {
        Sql.on(c, "UPDATE outbox SET state = 'sent', attempts = attempts + 1, payload = '' WHERE id = ?")
                .bind(e.id())
                .update();
    }

    private static OutboxEntry pending(Connection c, long id) throws SQLException {
        // the state, kind and chat are what is checked and used here: the payload is not decrypted (null key)
        OutboxEntry e =
                entry(c, null, id).orElseThrow(() -> new SQLException("outbox entry " + id + " does not exist"));
        if (e.state() != OutboxState.PENDING) {
            throw new SQLException("outbox entry " + id + " is " + Columns.name(e.state()) + ", not pending; "
                    + "a sender reports each entry once");
        }
        return e;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> markPartsSentSoon(long id, int partsSent) {
        return db.writeSoon("note the parts of outbox entry " + id + " sent", c -> {
            pending(c, id);
            // never backwards: a late mark from before a restart must not make parts go out again
            Sql.on(c, "UPDATE outbox SET parts_sent = MAX(parts_sent, ?) WHERE id = ?")
                    .bind(partsSent, id)
                    .update();
            return null;
        });
    }

    @Override
    public void retryAt(long id, Instant when) {
        db.write("reschedule outbox entry " + id, c -> {
            pending(c, id);
            return Sql.on(c, "UPDATE outbox SET attempts = attempts + 1, next_attempt = ? WHERE id = ?")
                    .bind(when.toEpochMilli(), id)
                    .update();
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
    public List<Long> markUnreachable(long id, String reason) {
        return db.write("mark the recipient of outbox entry " + id + " unreachable", c -> {
            OutboxEntry e = pending(c, id);
            fail(c, e, reason);
            // Telegram gives a private chat the id of its user; a registered private chat names its member
            String whose =
                    "(id = ? OR id IN (SELECT m.user_id FROM chats ch JOIN members m ON m.couple_id = ch.couple_id"
                            + " AND m.partner = ch.partner WHERE ch.id = ? AND ch.kind = 'private'))";
            List<Long> now = Sql.on(c, "SELECT id FROM users WHERE unreachable = 0 AND " + whose)
                    .bind(e.chatId(), e.chatId())
                    .list(rs -> rs.getLong(1));
            Sql.on(c, "UPDATE users SET unreachable = 1 WHERE " + whose)
                    .bind(e.chatId(), e.chatId())
                    .update();
            return now;
        });
    }

    /** A given-up entry keeps why, not what: the payload may quote what a partner shared, and is never sent now. */
    private static void fail(Connection c, OutboxEntry e, String reason) throws SQLException {
        Sql.on(c, "UPDATE outbox SET state = 'failed', attempts = attempts + 1, failure = ?, payload = '' WHERE id = ?")
                .bind(reason, e.id())
                .update();
    }

    @Override
    public void moveChat(long fromChatId, long toChatId) {
        chats.write(db, "move chat " + fromChatId + " to " + toChatId, c -> {
            // OR REPLACE: the new chat may have been registered already by an update that arrived there first
            for (String sql : List.of(
                    "UPDATE OR REPLACE chats SET id = ? WHERE id = ?",
                    "UPDATE outbox SET chat_id = ? WHERE chat_id = ?",
                    "UPDATE OR REPLACE message_refs SET chat_id = ? WHERE chat_id = ?")) {
                Sql.on(c, sql).bind(toChatId, fromChatId).update();
            }
            return null;
        });
    }

    @Override
    public OptionalLong messageId(long coupleId, long chatId, String ref) {
        return db.read(
                "find the message sent for " + ref,
                c -> Sql.on(c, "SELECT message_id FROM message_refs WHERE couple_id = ? AND chat_id = ? AND ref = ?")
                        .bind(coupleId, chatId, ref)
                        .oneLong());
    }
}
