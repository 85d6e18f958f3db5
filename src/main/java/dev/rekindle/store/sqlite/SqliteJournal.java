package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.JournalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link JournalStore} in the journal table. */
final class SqliteJournal implements JournalStore {
    private final Database db;

    SqliteJournal(Database db) {
        this.db = db;
    }

    @Override
    public List<JournalEntry> list(long coupleId) {
        return db.read("list the journal of couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, dialog, kind, author, text, created FROM journal WHERE couple_id = ? ORDER BY id")) {
                p.setLong(1, coupleId);
                List<JournalEntry> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String text = db.key().decrypt(SqliteSessionStore.sealed(rs.getObject(5), "journal:" + id),
                                "journal:" + id);
                        out.add(new JournalEntry(id, coupleId, rs.getString(2), rs.getString(3),
                                Partner.valueOf(rs.getString(4)), text, Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Appends a line, its text encrypted and bound to the row's id ("journal:" + id), which stays when the line
     * moves to another couple on unpairing. The id is known only after the insert, so the row is inserted with
     * an empty BLOB and its text set right after, in the same transaction.
     */
    static void append(Connection c, DataKey key, long coupleId, Action.SaveJournal entry, long now)
            throws SQLException {
        long id;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO journal (couple_id, dialog, kind, author, text, created) VALUES (?, ?, ?, ?, X'', ?)",
                java.sql.Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, coupleId);
            p.setString(2, entry.dialog());
            p.setString(3, entry.kind());
            p.setString(4, entry.author().name());
            p.setLong(5, now);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the journal insert returned no row id");
                }
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE journal SET text = ? WHERE id = ?")) {
            p.setBytes(1, key.encrypt(entry.text(), "journal:" + id));
            p.setLong(2, id);
            p.executeUpdate();
        }
    }
}
