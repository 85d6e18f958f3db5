package dev.rekindle.store.sqlite;

import dev.rekindle.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The group commit of a {@link Database}: the writer thread takes everything queued (up to
 * {@link Database#MAX_BATCH}) and applies it in ONE transaction on the write connection, each write inside its
 * own SAVEPOINT; a write that fails rolls back only its savepoint and its future fails; the others commit
 * together, with one fsync for the batch. A future completes only after the COMMIT returned.
 */
final class GroupCommit {
    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock;
    /** True once the database closed its connections (read under the write lock). */
    private final BooleanSupplier connectionsClosed;

    private final LinkedBlockingQueue<Queued<?>> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile Thread writerThread;
    private long batches;
    private long batched;

    /** A write waiting for the writer thread. */
    private static final class Queued<T> {
        final String what;
        final SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Queued(String what, SqlWork<T> work) {
            this.what = what;
            this.work = work;
        }

        void complete() {
            if (failure == null) {
                done.complete(result);
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    GroupCommit(Path file, Connection writer, ReentrantLock writeLock, BooleanSupplier connectionsClosed) {
        this.file = file;
        this.writer = writer;
        this.writeLock = writeLock;
        this.connectionsClosed = connectionsClosed;
    }

    /** See {@link Database#writeSoon}. */
    <T> CompletableFuture<T> submit(String what, SqlWork<T> work) {
        Queued<T> q = new Queued<>(what, work);
        synchronized (queue) {
            if (closed) {
                return CompletableFuture.failedFuture(new StoreException("database " + file + " is closed"));
            }
            if (writerThread == null) {
                writerThread = new Thread(this::writerLoop, Database.WRITER_THREAD);
                writerThread.setDaemon(true); // close() stops it; a forgotten store must not keep the JVM alive
                writerThread.start();
            }
            queue.add(q);
        }
        return q.done;
    }

    /** True once {@link #close} began: nothing new is taken. */
    boolean closed() {
        return closed;
    }

    boolean onWriterThread() {
        return Thread.currentThread() == writerThread;
    }

    /** Group commits so far and the writes they carried. */
    synchronized long[] counts() {
        return new long[] {batches, batched};
    }

    /** Takes nothing new, carries out the writes already queued and stops the writer thread (waiting for it). */
    void close() {
        Thread w;
        synchronized (queue) {
            w = writerThread;
            if (w != null && !closed) {
                queue.add(new Queued<>("stop", null));
            }
            closed = true; // no new writeSoon; write() checks this too
        }
        if (w != null && w != Thread.currentThread()) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writerLoop() {
        List<Queued<?>> batch = new ArrayList<>();
        while (true) {
            try {
                Queued<?> first = queue.take();
                if (first.work == null) {
                    return; // close() asked to stop; everything queued before was carried
                }
                batch.add(first);
                queue.drainTo(batch, Database.MAX_BATCH - 1);
                boolean stop = batch.get(batch.size() - 1).work == null;
                if (stop) {
                    batch.remove(batch.size() - 1);
                }
                commitBatch(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void commitBatch(List<Queued<?>> batch) {
        writeLock.lock();
        try {
            if (connectionsClosed.getAsBoolean()) {
                StoreException gone = new StoreException("database " + file + " is closed");
                batch.forEach(q -> q.failure = gone);
            } else {
                applyBatch(batch);
            }
        } finally {
            writeLock.unlock();
        }
        synchronized (this) {
            batches++;
            batched += batch.size();
        }
        for (Queued<?> q : batch) {
            q.complete();
        }
    }

    private void applyBatch(List<Queued<?>> batch) {
        try {
            Database.control(writer, "BEGIN IMMEDIATE");
        } catch (SQLException e) {
            StoreException f =
                    new StoreException("database " + file + " could not start a write: " + e.getMessage(), e);
            batch.forEach(q -> q.failure = f);
            return;
        }
        boolean committed = false;
        try {
            for (Queued<?> q : batch) {
                apply(q);
            }
            Database.control(writer, "COMMIT");
            committed = true;
        } catch (SQLException e) {
            // a savepoint could not be rolled back, or the COMMIT failed: nothing of the batch is written
            for (Queued<?> q : batch) {
                if (q.failure == null) {
                    q.result = null;
                    q.failure = new StoreException(
                            "database " + file + " could not " + q.what + ": the group " + "commit failed: "
                                    + e.getMessage(),
                            e);
                }
            }
        } finally {
            if (!committed) {
                Database.rollbackQuietly(writer);
            }
        }
    }

    private <T> void apply(Queued<T> q) throws SQLException {
        Database.control(writer, "SAVEPOINT w");
        try {
            q.result = q.work.run(writer);
            Database.control(writer, "RELEASE w");
        } catch (SQLException e) {
            undo(q, new StoreException("database " + file + " could not " + q.what + ": " + e.getMessage(), e));
        } catch (RuntimeException e) {
            undo(q, e);
        }
    }

    /** Rolls back this write's savepoint only; if even that fails, the whole batch fails (thrown). */
    private void undo(Queued<?> q, RuntimeException why) throws SQLException {
        q.result = null;
        q.failure = why;
        Database.control(writer, "ROLLBACK TO w");
        Database.control(writer, "RELEASE w");
    }
}
