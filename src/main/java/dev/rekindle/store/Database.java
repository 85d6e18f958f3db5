package dev.rekindle.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file, opened for Rekindle: write-ahead log, foreign keys, a busy timeout, full fsync on commit
 * and secure delete. SQLite allows one writer at a time, so every write goes through a single connection
 * guarded by a lock (threads queue here instead of failing with SQLITE_BUSY); reads use a small pool of
 * read-only connections, which the write-ahead log lets run beside the writer.
 */
public final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final int READERS = 2;

    private final Path file;
    private final InstantSource clock;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private volatile boolean closed;

    private Database(Path file, InstantSource clock, Connection writer) {
        this.file = file;
        this.clock = clock;
        this.writer = writer;
    }

    /** Opens (creating if needed) the database at {@code file} and brings its schema up to date. */
    public static Database open(Path file, InstantSource clock) {
        return open(file, clock, Migrations.latest());
    }

    /** Opens the database migrated to {@code schemaVersion} only: tests build older databases with this. */
    static Database open(Path file, InstantSource clock, int schemaVersion) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for database " + file + ": " + e.getMessage()
                    + "; check the path in REKINDLE_DB and the folder's permissions", e);
        }
        Connection writer = connect(file);
        Database db = new Database(file, clock, writer);
        try {
            Migrations.apply(db, schemaVersion);
            for (int i = 0; i < READERS; i++) {
                Connection r = connect(file);
                try (Statement s = r.createStatement()) {
                    // a read connection that tries to write is a bug; make it fail loudly
                    s.execute("PRAGMA query_only = ON");
                }
                db.allReaders.add(r);
                db.readers.add(r);
            }
            return db;
        } catch (SQLException e) {
            db.close();
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // FULL: a commit that returned has reached the disk, so it survives a power cut, not only a crash
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // deleted rows are overwritten with zeros, so data a couple asked to forget leaves no trace in the file
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage()
                    + "; check that the path is a writable file and not held by another program", e);
        }
    }

    public Path file() {
        return file;
    }

    InstantSource clock() {
        return clock;
    }

    /** Runs {@code work} in one write transaction: all of it is committed, or (on any exception) none of it. */
    <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            execute(writer, "BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(writer);
                execute(writer, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database " + file + " could not " + what + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a read connection inside one read transaction, so it sees one consistent state. */
    <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        Connection c = takeReader();
        try {
            execute(c, "BEGIN");
            try {
                return work.run(c);
            } finally {
                execute(c, "COMMIT");
            }
        } catch (SQLException e) {
            throw new StoreException("database " + file + " could not " + what + ": " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private Connection takeReader() {
        try {
            Connection c = readers.poll(BUSY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new StoreException("database " + file + ": no read connection became free within "
                        + BUSY_TIMEOUT_MILLIS + " ms; a read is stuck or the database is closing");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to read database " + file, e);
        }
    }

    private void rollbackQuietly() {
        try {
            execute(writer, "ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may have rolled back already (e.g. after a full disk); the transaction is gone either way
        }
    }

    /**
     * Copies the write-ahead log into the database file and empties the log (after a deletion that must leave no
     * trace: with secure_delete the file's freed space is zeroed, and the log's older page images go here).
     */
    void checkpoint() {
        writeLock.lock();
        try {
            ensureOpen();
            execute(writer, "PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StoreException("database " + file + " could not fold its write-ahead log back: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("database " + file + " is closed");
        }
    }

    /** Closes every connection; the last close checkpoints the write-ahead log into the database file. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Connection r : allReaders) {
                closeQuietly(r);
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing useful can be done with the failure, committed data is safe
        }
    }
}
