package dev.rekindle.schedule;

import dev.rekindle.store.DueTimer;
import dev.rekindle.store.TimerStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the engine's stored timers when they come due, through a {@link Target} that runs each under its
 * couple's lane. A timer found later than its grace (it came due while the bot was down) is dropped: marked
 * fired without an outcome, and logged, because a "time's up" an hour late does more harm than good. A
 * cancelled timer is never due, so it never fires. Time comes from the injected clock; the thread only
 * decides when to look again, so a test can advance the clock and call {@link #fireDue()} itself.
 */
public final class TimerScheduler implements AutoCloseable {
    public static final String THREAD_NAME = "rekindle-timers";
    private static final Logger LOG = LoggerFactory.getLogger(TimerScheduler.class);
    private static final int BATCH = 100;
    /** The longest the thread sleeps without looking: a clock moved by a test, or a timer we were not told of. */
    private static final Duration MAX_NAP = Duration.ofSeconds(1);

    private static final Duration FIRE_WAIT = Duration.ofSeconds(30);

    /** Fires one timer under its couple's lock; the future completes when its outcome is committed. */
    @FunctionalInterface
    public interface Target {
        CompletableFuture<Void> fire(DueTimer timer);
    }

    private final TimerStore timers;
    private final Target target;
    private final InstantSource clock;
    private final WakeableLoop loop = new WakeableLoop(THREAD_NAME, this::round);

    public TimerScheduler(TimerStore timers, Target target, InstantSource clock) {
        this.timers = timers;
        this.target = target;
        this.clock = clock;
    }

    /** Starts the thread; the first thing it does is fire (or drop) what came due while the bot was down. */
    public void start() {
        loop.start();
    }

    /** Something scheduled a timer: look again now rather than at the end of the nap. */
    public void wake() {
        loop.wake();
    }

    /**
     * Fires every timer due at the clock's now whose grace has not passed, earliest first, each to the end
     * of its commit, and drops the ones whose grace has passed. Returns how many fired.
     */
    public synchronized int fireDue() {
        int fired = 0;
        while (!loop.stopping()) {
            Instant now = clock.instant();
            List<DueTimer> due = timers.due(now, BATCH);
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (DueTimer t : due) {
                Instant latest = t.due().plus(t.grace());
                if (now.isAfter(latest)) {
                    if (timers.markFired(t.coupleId(), t.timerId())) {
                        LOG.warn(
                                "timer {} of couple {} was due at {} and is {} late, beyond its grace of {}: dropped",
                                t.timerId(),
                                t.coupleId(),
                                t.due(),
                                Duration.between(t.due(), now),
                                t.grace());
                    }
                    continue;
                }
                running.add(target.fire(t));
                fired++;
            }
            for (CompletableFuture<Void> f : running) {
                try {
                    f.get(FIRE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fired;
                } catch (Exception e) {
                    // the target logs its own failures; a timer it could not run stays pending for the next look
                    LOG.warn("a timer did not finish firing: {}", e.toString());
                    return fired;
                }
            }
            if (due.size() < BATCH) {
                return fired;
            }
        }
        return fired;
    }

    /** One round of the thread: fire what is due, then nap until the next timer (at most MAX_NAP). */
    private Duration round() {
        try {
            fireDue();
        } catch (RuntimeException e) {
            LOG.error("looking for due timers failed; trying again shortly: {}", e.toString());
        }
        return nap();
    }

    private Duration nap() {
        try {
            Instant next = timers.nextDue().orElse(null);
            if (next != null) {
                Duration until = Duration.between(clock.instant(), next);
                return until.isNegative() ? Duration.ZERO : until.compareTo(MAX_NAP) < 0 ? until : MAX_NAP;
            }
        } catch (RuntimeException e) {
            // the store is closing or busy: nap the full time
        }
        return MAX_NAP;
    }

    /** Stops the thread after the timer in hand; joins it. */
    @Override
    public void close() {
        loop.close();
    }
}
