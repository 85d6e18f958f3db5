package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite file, opened for Rekindle: write-ahead log, foreign keys, a busy timeout, full fsync on commit
 * and secure delete. SQLite allows one writer at a time, so every write goes through a single connection
 * guarded by a lock (threads queue here instead of failing with SQLITE_BUSY); reads use a small pool of
 * read-only connections, which the write-ahead log lets run beside the writer.
 *
 * <p>Group commit ({@link GroupCommit}): {@link #writeSoon} queues a write for the writer thread, which takes
 * everything queued (up to {@link #MAX_BATCH}) and applies it in ONE transaction, each write inside its own
 * SAVEPOINT: a write that fails rolls back only its savepoint and its future fails; the others commit together,
 * with one fsync for the batch. A future completes only after the COMMIT returned, so what it reports is on disk
 * (synchronous=FULL). Each write keeps its own all-or-nothing; only durability is shared.
 */
final class Database implements AutoCloseable {
    static final int BUSY_TIMEOUT_MILLIS = 5000;
    private static final int READERS = 2;
    /** The most writes one group commit carries; more wait for the next. */
    static final int MAX_BATCH = 512;

    static final String WRITER_THREAD = "rekindle-store-writer";

    private final Path file;
    private final InstantSource clock;
    private final Connection writer;
    private final DataKey key;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private boolean connectionsClosed; // guarded by writeLock
    private final GroupCommit groupCommit;
    private final ProcessLock lock;

    private Database(Path file, InstantSource clock, Connection writer, DataKey key, ProcessLock lock) {
        this.file = file;
        this.lock = lock;
        this.clock = clock;
        this.writer = writer;
        this.key = key;
        this.groupCommit = new GroupCommit(file, writer, writeLock, () -> connectionsClosed);
    }

    /**
     * Opens (creating if needed) the database at {@code file} and brings its schema up to date, with the data key
     * from {@code REKINDLE_DATA_KEY} or the key file next to it (see {@link DataKey#resolve}).
     */
    static Database open(Path file, InstantSource clock) {
        return open(file, clock, Migrations.latest());
    }

    /** Opens the database migrated to {@code schemaVersion} only: tests build older databases with this. */
    static Database open(Path file, InstantSource clock, int schemaVersion) {
        return open(file, clock, null, schemaVersion);
    }

    /** Opens the database with {@code key} (null: resolved from the environment and the key file). */
    static Database open(Path file, InstantSource clock, DataKey key, int schemaVersion) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException(
                    "cannot create the folder for database " + file + ": " + e.getMessage()
                            + "; check the path in REKINDLE_DB and the folder's permissions",
                    e);
        }
        ProcessLock lock = ProcessLock.shared(file);
        DataKey dataKey;
        Connection writer;
        try {
            dataKey = key != null ? key : DataKey.resolve(System.getenv(), file);
            writer = connect(file);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        Database db = new Database(file, clock, writer, dataKey, lock);
        try {
            try {
                KeyCheck.verify(db);
            } catch (RuntimeException e) {
                if (dataKey.created() != null) {
                    Files.deleteIfExists(dataKey.created()); // the new key was never used: leave no trace of it
                }
                throw e;
            }
            Migrations.apply(db, schemaVersion);
            if (schemaVersion >= KeyCheck.SCHEMA) {
                KeyCheck.sealAndRecord(db, schemaVersion);
            }
            for (int i = 0; i < READERS; i++) {
                Connection r = connect(file);
                // a read connection that tries to write is a bug; make it fail loudly
                Sql.on(r, "PRAGMA query_only = ON").execute();
                db.allReaders.add(r);
                db.readers.add(r);
            }
            return db;
        } catch (SQLException | IOException e) {
            db.close();
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    static Connection connect(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // FULL: a commit that returned has reached the disk, so it survives a power cut, not only a crash
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // deleted rows are overwritten with zeros, so data a couple asked to forget leaves no trace in the file
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        try {
            return CachedStatements.wrap(config.createConnection("jdbc:sqlite:" + file));
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot open database " + file + ": " + e.getMessage()
                            + "; check that the path is a writable file and not held by another program",
                    e);
        }
    }

    Path file() {
        return file;
    }

    InstantSource clock() {
        return clock;
    }

    /** The key that encrypts partners' free text in this database. */
    DataKey key() {
        return key;
    }

    /** Runs {@code work} in one write transaction: all of it is committed, or (on any exception) none of it. */
    <T> T write(String what, SqlWork<T> work) {
        writeLock.lock();
        try {
            ensureOpen();
            control(writer, "BEGIN IMMEDIATE");
            boolean committed = false;
            try {
                T result = work.run(writer);
                control(writer, "COMMIT");
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(writer);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database " + file + " could not " + what + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Queues {@code work} for the next group commit. The future completes once the batch's COMMIT returned
     * (the write is durable), or fails as {@link #write} would throw (SQLException as StoreException, a
     * RuntimeException as itself), in which case nothing of this work was written. Completion runs on the
     * writer thread: dependants that do more than a little bookkeeping should continue on their own executor.
     */
    <T> CompletableFuture<T> writeSoon(String what, SqlWork<T> work) {
        return groupCommit.submit(what, work);
    }

    boolean onWriterThread() {
        return groupCommit.onWriterThread();
    }

    /** Group commits so far and the writes they carried, for tests and benchmarks. */
    long[] groupCommitCounts() {
        return groupCommit.counts();
    }

    /** Runs {@code work} on a read connection inside one read transaction, so it sees one consistent state. */
    <T> T read(String what, SqlWork<T> work) {
        ensureOpen();
        Connection c = takeReader();
        try {
            control(c, "BEGIN");
            try {
                return work.run(c);
            } finally {
                control(c, "COMMIT");
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

    static void rollbackQuietly(Connection writer) {
        try {
            control(writer, "ROLLBACK");
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
            Sql.on(writer, "PRAGMA wal_checkpoint(TRUNCATE)").execute();
        } catch (SQLException e) {
            throw new StoreException(
                    "database " + file + " could not fold its write-ahead log back: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** A transaction statement without rows, prepared once per connection (see {@link CachedStatements}). */
    static void control(Connection c, String sql) throws SQLException {
        Sql.on(c, sql).update();
    }

    private void ensureOpen() {
        if (groupCommit.closed()) {
            throw new StoreException("database " + file + " is closed");
        }
    }

    /**
     * Carries out the writes already queued, stops the writer thread, then closes every connection; the last
     * close checkpoints the write-ahead log into the database file.
     */
    @Override
    public void close() {
        groupCommit.close();
        closeConnections();
    }

    private void closeConnections() {
        writeLock.lock();
        try {
            if (connectionsClosed) {
                return;
            }
            connectionsClosed = true;
            for (Connection r : allReaders) {
                closeQuietly(r);
            }
            closeQuietly(writer);
            lock.close();
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
