package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Re-encrypts everything a database keeps encrypted under a new data key, resumably. The new key is written to
 * {@code rekindle.key.new} (mode 0600) before any row changes and a mark in {@code meta} says a rotation runs; each
 * table is then done in batches, each batch one transaction that also moves the table's cursor, so an interrupted
 * rotation goes on where it stopped when run again with the same keys. The last transaction swaps the key check
 * and clears the mark; only then is the key file replaced (the old one kept beside it, dated, for backups made
 * before). The bot refuses to open a database with the mark, and the rotation refuses a database that any
 * process has open.
 */
public final class KeyRotation {
    static final String MARK = "key-rotation";
    private static final String MARK_WHERE = "meta:" + MARK;
    private static final String CURSOR = MARK + ":";
    private static final int BATCH = 500;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** An encrypted column; its values are bound to "table:id". */
    private record Column(String table, String id, String column) {}

    /** One stored value (a class: a record's array would compare by identity). */
    private static final class Value {
        final long id;
        final byte[] sealed;

        Value(long id, byte[] sealed) {
            this.id = id;
            this.sealed = sealed;
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("sessions", "couple_id", "engine_json"),
            new Column("journal", "id", "text"),
            new Column("reminders", "id", "text"),
            new Column("inbox", "update_id", "raw_json"),
            new Column("outbox", "id", "payload"));

    /**
     * What a rotation did.
     *
     * @param rows       values re-encrypted in this run
     * @param unreadable values the old key could not read either, left as they were (already lost)
     * @param nextStep   what the operator does now, in a sentence
     */
    public record Done(long rows, long unreadable, String nextStep) {}

    private final Path database;
    private final Map<String, String> env;
    private final Consumer<String> progress;
    private final Instant now;
    private int batchesLeft;
    private long rows;
    private long unreadable;

    private KeyRotation(Path database, Map<String, String> env, Consumer<String> progress, Instant now, int batches) {
        this.database = database.toAbsolutePath();
        this.env = env;
        this.progress = progress;
        this.now = now;
        this.batchesLeft = batches;
    }

    /**
     * Rotates the data key of {@code database} (the key from {@code REKINDLE_DATA_KEY} in {@code env}, else the key
     * file beside it), telling {@code progress} what it does; run again after an interruption to finish.
     */
    public static Done rotate(Path database, Map<String, String> env, Consumer<String> progress) {
        return rotate(database, env, progress, Instant.now(), Integer.MAX_VALUE);
    }

    /** As {@link #rotate(Path, Map, Consumer)}, stopping with an exception after {@code batches} (tests). */
    static Done rotate(Path database, Map<String, String> env, Consumer<String> progress, Instant now, int batches) {
        if (!Files.isRegularFile(database)) {
            throw new StoreException(
                    "there is no database at " + database + ": give the file with --db or REKINDLE_DB");
        }
        ProcessLock lock = ProcessLock.exclusive(database);
        try {
            return new KeyRotation(database, env, progress, now, batches).run();
        } finally {
            lock.close();
        }
    }

    private boolean fromEnvironment() {
        String named = env.get(DataKey.ENV);
        return named != null && !named.isBlank();
    }

    private Done run() {
        Path keyFile = DataKey.keyFile(database);
        if (!fromEnvironment() && !Files.isRegularFile(keyFile)) {
            throw new StoreException("there is no key file " + keyFile + " and " + DataKey.ENV
                    + " is not set, so there is no key to rotate from: restore the key file first");
        }
        DataKey current = DataKey.resolve(env, database);
        Path newFile = newKeyFile(keyFile);
        DataKey next = DataKey.fromFile(newFile); // written (0600) before any row changes, or the one of before
        try (Connection c = Database.connect(database)) {
            if (Migrations.version(c) != Migrations.latest()) {
                throw new StoreException("database " + database + " is at an older schema: start the bot of this"
                        + " version once, so it brings the database up to date, stop it, then rotate");
            }
            byte[] check = meta(c, KeyCheck.NAME);
            if (check == null) {
                throw new StoreException("database " + database + " has no key check yet: start the bot once first");
            }
            if (!KeyCheck.opens(next, check, KeyCheck.WHERE)) {
                reencrypt(c, current, next, check);
            } // else the rows were all done before an interruption: only the key file is left to swap
        } catch (SQLException e) {
            throw new StoreException("cannot rotate the key of database " + database + ": " + e.getMessage(), e);
        }
        return new Done(rows, unreadable, swapKeyFile(keyFile, newFile));
    }

    private void reencrypt(Connection c, DataKey current, DataKey next, byte[] check) throws SQLException {
        if (!KeyCheck.opens(current, check, KeyCheck.WHERE)) {
            throw new StoreException("the data key (from " + current.source() + ") does not match database " + database
                    + ": rotate with the key it was written with");
        }
        byte[] mark = meta(c, MARK);
        if (mark == null) {
            inTransaction(
                    c,
                    tx -> Sql.on(tx, "INSERT INTO meta (name, value) VALUES (?, ?)")
                            .bind(MARK, next.encrypt(KeyCheck.CONSTANT, MARK_WHERE))
                            .update());
        } else if (!KeyCheck.opens(next, mark, MARK_WHERE)) {
            throw new StoreException("the rotation under way was started with another new key than the one in "
                    + next.source() + ": put that file back, then run this again");
        }
        for (Column column : COLUMNS) {
            long before = rows;
            while (batch(c, column, current, next)) {
                // each batch commits on its own
            }
            long done = rows - before;
            progress.accept(column.table() + ": " + done + (done == 1 ? " value" : " values") + " re-encrypted");
        }
        inTransaction(c, tx -> {
            Sql.on(tx, "UPDATE meta SET value = ? WHERE name = ?")
                    .bind(next.encrypt(KeyCheck.CONSTANT, KeyCheck.WHERE), KeyCheck.NAME)
                    .update();
            return Sql.on(tx, "DELETE FROM meta WHERE name = ? OR name LIKE ?")
                    .bind(MARK, CURSOR + "%")
                    .update();
        });
    }

    /** Re-encrypts the next batch of {@code column} after its cursor; false when there was none left. */
    private boolean batch(Connection c, Column column, DataKey current, DataKey next) throws SQLException {
        if (batchesLeft-- <= 0) {
            throw new StoreException("the key rotation stopped before it was done (as asked)");
        }
        String cursorName = CURSOR + column.table();
        long after = Sql.on(c, "SELECT value FROM meta WHERE name = ?")
                .bind(cursorName)
                .oneLong()
                .orElse(Long.MIN_VALUE);
        List<Value> values = Sql.on(
                        c,
                        "SELECT " + column.id() + ", " + column.column() + " FROM " + column.table() + " WHERE "
                                + column.id() + " > ? AND typeof(" + column.column() + ") = 'blob' ORDER BY "
                                + column.id() + " LIMIT " + BATCH)
                .bind(after)
                .list(rs -> new Value(rs.getLong(1), rs.getBytes(2)));
        if (values.isEmpty()) {
            return false;
        }
        inTransaction(c, tx -> {
            for (Value v : values) {
                String where = column.table() + ":" + v.id;
                try {
                    byte[] sealed = next.encrypt(current.decrypt(v.sealed, where), where);
                    Sql.on(
                                    tx,
                                    "UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE " + column.id()
                                            + " = ?")
                            .bind(sealed, v.id)
                            .update();
                    rows++;
                } catch (DataKey.TamperedException e) {
                    unreadable++; // unreadable with the old key too: nothing to carry over
                }
            }
            return Sql.on(tx, "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
                    .bind(cursorName, values.get(values.size() - 1).id)
                    .update();
        });
        return true;
    }

    private String swapKeyFile(Path keyFile, Path newFile) {
        if (fromEnvironment()) {
            return "The database is now encrypted with the key in " + newFile + ": set " + DataKey.ENV
                    + " to its contents, start the bot, then delete that file";
        }
        Path old = keyFile.resolveSibling(keyFile.getFileName() + "." + STAMP.format(now) + ".old");
        try {
            Files.copy(keyFile, old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(newFile, keyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("the database is rotated, but the key file could not be replaced ("
                    + e.getMessage() + "): move " + newFile + " to " + keyFile + " by hand before starting the bot");
        }
        return "The new key is in " + keyFile + "; the old one is in " + old
                + ": keep it only as long as you keep backups made before now, then delete it";
    }

    static Path newKeyFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".new");
    }

    private static byte[] meta(Connection c, String name) throws SQLException {
        return Sql.on(c, "SELECT value FROM meta WHERE name = ?")
                .bind(name)
                .one(rs -> rs.getBytes(1))
                .orElse(null);
    }

    private static void inTransaction(Connection c, SqlWork<?> work) throws SQLException {
        Database.control(c, "BEGIN IMMEDIATE");
        boolean done = false;
        try {
            work.run(c);
            Database.control(c, "COMMIT");
            done = true;
        } finally {
            if (!done) {
                Database.rollbackQuietly(c);
            }
        }
    }
}
