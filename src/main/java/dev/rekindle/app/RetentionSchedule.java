package dev.rekindle.app;

import dev.rekindle.store.Retention;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges what the retention policy no longer keeps (docs/operations.md, "Retention"): at the start and then once a
 * day, on a thread of its own. A purge that fails is logged and tried again the next day; it is idempotent.
 */
final class RetentionSchedule implements AutoCloseable {
    static final String KEEP_DAYS = "REKINDLE_KEEP_DAYS";
    static final String KEEP_FAILED_DAYS = "REKINDLE_KEEP_FAILED_DAYS";

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ScheduledExecutorService timer;

    private RetentionSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The policy that {@code env} sets ({@value #KEEP_DAYS}, {@value #KEEP_FAILED_DAYS}), else 30 and 90 days. */
    static Retention.Policy policy(Map<String, String> env) {
        Retention.Policy d = Retention.Policy.DEFAULT;
        return new Retention.Policy(days(env, KEEP_DAYS, d.done()), days(env, KEEP_FAILED_DAYS, d.failed()));
    }

    private static Duration days(Map<String, String> env, String name, Duration otherwise) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= 1 && n <= 36_500) {
                return Duration.ofDays(n);
            }
        } catch (NumberFormatException e) {
            // said below, with what to write instead
        }
        throw new IllegalStateException(name + " must be a whole number of days from 1 to 36500, not '" + v
                + "'; unset it for the default (" + otherwise.toDays() + ")");
    }

    static RetentionSchedule start(Retention retention, InstantSource clock, Retention.Policy policy) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rekindle-retention");
            t.setDaemon(true);
            return t;
        });
        var unused = timer.scheduleWithFixedDelay(() -> purge(retention, clock, policy), 0, 1, TimeUnit.DAYS);
        return new RetentionSchedule(timer);
    }

    private static void purge(Retention retention, InstantSource clock, Retention.Policy policy) {
        try {
            Retention.Purged p = retention.purge(clock.instant(), policy);
            if (p.updates() + p.messages() + p.timers() > 0) {
                LOG.info(
                        "retention: deleted {} handled or failed updates, {} sent or given-up messages and {} past"
                                + " timers",
                        p.updates(),
                        p.messages(),
                        p.timers());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "retention: the purge failed and is tried again tomorrow: {}",
                    e.getClass().getSimpleName());
        }
    }

    /** Stops the schedule, and a purge in progress after its current batch; waits a little for that batch. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("retention: a purge batch is still running; it ends with the database");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
