package dev.rekindle.schedule;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One thread that does a round of work, naps for as long as the round says (or until woken), and does the
 * next; the shape of the outbox sender and the timer scheduler. {@link #wake()} cuts the nap short (new work
 * was committed); {@link #close()} stops after the round in hand and joins the thread. The round catches its
 * own failures: what it throws ends the thread.
 */
public final class WakeableLoop implements AutoCloseable {
    /** One round of work; returns how long to nap before the next (zero: at once). */
    @FunctionalInterface
    public interface Round {
        Duration run();
    }

    private static final Duration JOIN_WAIT = Duration.ofSeconds(10);
    private static final long IDLE_POLL_MILLIS = 50;

    private final String threadName;
    private final Round round;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition poke = lock.newCondition();
    private boolean woken; // guarded by lock
    private volatile boolean stopping;
    private Thread thread; // guarded by this

    public WakeableLoop(String threadName, Round round) {
        this.threadName = threadName;
        this.round = round;
    }

    /** Starts the thread; its first round begins at once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("thread " + threadName + " runs already");
        }
        thread = new Thread(this::loop, threadName);
        thread.start();
    }

    /** Look now rather than at the end of the nap. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            poke.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once {@link #close()} began: a round in hand should finish what it holds and return. */
    public boolean stopping() {
        return stopping;
    }

    private void loop() {
        while (!stopping) {
            nap(round.run());
        }
    }

    private void nap(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!woken && !stopping && nanos > 0) {
                nanos = poke.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (at most {@code timeout}) until {@code idle} holds, waking the thread while it does not; false if it
     * still does not.
     */
    public boolean awaitIdle(BooleanSupplier idle, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            wake();
            lock.lock();
            try {
                poke.await(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** Stops the thread after the round in hand; joins it (at most ten seconds). */
    @Override
    public void close() {
        stopping = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(JOIN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
