package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.JournalStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@link JournalStore} in the journal table. */
final class SqliteJournal implements JournalStore {
    private final Database db;

    SqliteJournal(Database db) {
        this.db = db;
    }

    @Override
    public List<JournalEntry> list(long coupleId) {
        return db.read(
                "list the journal of couple " + coupleId,
                c -> Sql.on(
                                c,
                                "SELECT id, dialog, kind, author, text, created FROM journal WHERE couple_id = ? ORDER BY id")
                        .bind(coupleId)
                        .list(rs -> {
                            long id = rs.getLong(1);
                            String text = db.key()
                                    .decrypt(
                                            SqliteSessionStore.sealed(rs.getObject(5), "journal:" + id),
                                            "journal:" + id);
                            return new JournalEntry(
                                    id,
                                    coupleId,
                                    rs.getString(2),
                                    rs.getString(3),
                                    Partner.valueOf(rs.getString(4)),
                                    text,
                                    Instant.ofEpochMilli(rs.getLong(6)));
                        }));
    }

    /**
     * Appends a line, its text encrypted and bound to the row's id ("journal:" + id), which stays when the line
     * moves to another couple on unpairing. The id is known only after the insert, so the row is inserted with
     * an empty BLOB and its text set right after, in the same transaction.
     */
    static void append(Connection c, DataKey key, long coupleId, Action.SaveJournal entry, long now)
            throws SQLException {
        long id = Sql.on(
                        c,
                        "INSERT INTO journal (couple_id, dialog, kind, author, text, created) "
                                + "VALUES (?, ?, ?, ?, X'', ?) RETURNING id")
                .bind(coupleId, entry.dialog(), entry.kind(), entry.author().name(), now)
                .firstLong();
        Sql.on(c, "UPDATE journal SET text = ? WHERE id = ?")
                .bind(key.encrypt(entry.text(), "journal:" + id), id)
                .update();
    }
}
