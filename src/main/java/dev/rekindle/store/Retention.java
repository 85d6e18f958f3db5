package dev.rekindle.store;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the records of work already done are kept, and the purge that keeps to it: handled updates, sent or
 * given-up messages and fired or cancelled timers hold no words (those are erased when the work is done), but their
 * rows would grow without end. A failed update keeps its encrypted JSON for a person to look at, so it is kept
 * longer. Purging is idempotent and may stop anywhere: each batch is its own transaction.
 */
public interface Retention {
    /** Deletes what {@code policy} no longer keeps at {@code now}; returns how many rows of each kind went. */
    Purged purge(Instant now, Policy policy);

    /**
     * How long records are kept.
     *
     * @param done   how long a handled update, a sent or given-up message and a fired or cancelled timer are kept
     * @param failed how long an update that failed is kept
     */
    record Policy(Duration done, Duration failed) {
        public static final Policy DEFAULT = new Policy(Duration.ofDays(30), Duration.ofDays(90));

        public Policy {
            if (done.compareTo(Duration.ofDays(1)) < 0 || failed.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("records are kept for at least a day (a redelivered update must"
                        + " still be known as done): done " + done.toDays() + " days, failed " + failed.toDays()
                        + " days");
            }
        }
    }

    /** Rows deleted by one purge. */
    record Purged(long updates, long messages, long timers) {}
}
