package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The key check in {@code meta}: a known constant encrypted with the data key, bound to "meta:key-check". At
 * open, before any migration or read, a database that holds one refuses a key that does not decrypt it. After
 * the migrations, {@link #sealAndRecord} writes the check if there is none yet and encrypts free text rows
 * written as plain text before schema version 4 (sessions, journal) and 5 (inbox JSON, outbox payloads).
 */
final class KeyCheck {
    /** The schema version that brought encryption at rest. */
    static final int SCHEMA = 4;
    /** The schema version that encrypts the inbox's JSON and the outbox's payloads too. */
    static final int QUEUES_SCHEMA = 5;

    static final String NAME = "key-check";
    static final String WHERE = "meta:" + NAME;
    static final String CONSTANT = "rekindle data key check v1";
    private static final System.Logger LOG = System.getLogger(KeyCheck.class.getName());

    private KeyCheck() {}

    static void verify(Database db) {
        boolean rotating = db.write(
                "look for a key rotation",
                c -> hasMeta(c)
                        && Sql.on(c, "SELECT 1 FROM meta WHERE name = ?")
                                .bind(KeyRotation.MARK)
                                .oneLong()
                                .isPresent());
        if (rotating) {
            throw new StoreException("a key rotation of database " + db.file() + " was interrupted: run `rekindle key"
                    + " rotate` again with the same key to finish it; nothing was read or changed");
        }
        byte[] stored = db.write(
                "read its key check",
                c -> hasMeta(c)
                        ? Sql.on(c, "SELECT value FROM meta WHERE name = ?")
                                .bind(NAME)
                                .one(rs -> rs.getBytes(1))
                                .orElse(null)
                        : null);
        if (stored == null) {
            return;
        }
        if (!opens(db.key(), stored, WHERE)) {
            Path pending = KeyRotation.newKeyFile(DataKey.keyFile(db.file().toAbsolutePath()));
            if (Files.exists(pending)) {
                throw new StoreException(
                        "a key rotation of database " + db.file() + " is not finished (" + pending
                                + " is still there): run `rekindle key rotate` again to finish it; nothing was read or changed");
            }
            throw new StoreException("the data key (from " + db.key().source() + ") does not match the one database "
                    + db.file() + " was written with: set " + DataKey.ENV + " to the right key or restore "
                    + DataKey.keyFile(db.file()) + "; nothing was read or changed");
        }
    }

    static void sealAndRecord(Database db, int schemaVersion) {
        int sealed = db.write("encrypt its free text", c -> {
            int n = 0;
            Sql.on(c, "INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)")
                    .bind(NAME, db.key().encrypt(CONSTANT, WHERE))
                    .update();
            n += seal(
                    c,
                    db.key(),
                    "SELECT couple_id, engine_json FROM sessions WHERE typeof(engine_json) = 'text'",
                    "UPDATE sessions SET engine_json = ? WHERE couple_id = ?",
                    "sessions:");
            n += seal(
                    c,
                    db.key(),
                    "SELECT id, text FROM journal WHERE typeof(text) = 'text'",
                    "UPDATE journal SET text = ? WHERE id = ?",
                    "journal:");
            if (schemaVersion >= QUEUES_SCHEMA) {
                // '' is an erased value (a done update, a sent message), not text to encrypt
                n += seal(
                        c,
                        db.key(),
                        "SELECT update_id, raw_json FROM inbox WHERE typeof(raw_json) = 'text' " + "AND raw_json <> ''",
                        "UPDATE inbox SET raw_json = ? WHERE update_id = ?",
                        "inbox:");
                n += seal(
                        c,
                        db.key(),
                        "SELECT id, payload FROM outbox WHERE typeof(payload) = 'text' AND payload <> ''",
                        "UPDATE outbox SET payload = ? WHERE id = ?",
                        "outbox:");
            }
            return n;
        });
        if (sealed > 0) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "database {0}: encrypted {1} rows written as plain text before",
                    db.file(),
                    sealed);
        }
    }

    private static int seal(Connection c, DataKey key, String select, String update, String table) throws SQLException {
        record Plain(long id, String text) {}
        List<Plain> rows = Sql.on(c, select).list(rs -> new Plain(rs.getLong(1), rs.getString(2)));
        for (Plain row : rows) {
            Sql.on(c, update)
                    .bind(key.encrypt(row.text(), table + row.id()), row.id())
                    .update();
        }
        return rows.size();
    }

    /** Whether {@code key} reads the check constant sealed in {@code value} for {@code where}. */
    static boolean opens(DataKey key, byte[] value, String where) {
        try {
            return CONSTANT.equals(key.decrypt(value, where));
        } catch (DataKey.TamperedException e) {
            return false;
        }
    }

    private static boolean hasMeta(Connection c) throws SQLException {
        return Sql.on(c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
                .oneLong()
                .isPresent();
    }
}
