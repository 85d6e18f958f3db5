package dev.rekindle.store;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
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
                        out.add(new JournalEntry(rs.getLong(1), coupleId, rs.getString(2), rs.getString(3),
                                Partner.valueOf(rs.getString(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                    }
                }
                return out;
            }
        });
    }

    static void append(Connection c, long coupleId, Action.SaveJournal entry, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO journal (couple_id, dialog, kind, author, text, created) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, coupleId);
            p.setString(2, entry.dialog());
            p.setString(3, entry.kind());
            p.setString(4, entry.author().name());
            p.setString(5, entry.text());
            p.setLong(6, now);
            p.executeUpdate();
        }
    }
}
