package dev.rekindle.local;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The terminal chat's clock: it stands still until {@code /wait} moves it, so a scripted session answers the same
 * every time. The store stamps its rows with it and the core runs the engine at its now, as the running bot does
 * with the system clock.
 */
public final class LocalClock implements InstantSource {
    private volatile Instant now;

    /** A clock standing at {@code start}. */
    public LocalClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock to {@code to}; it never goes back (a stored timer would then fire twice). */
    synchronized void moveTo(Instant to) {
        if (to.isBefore(now)) {
            throw new IllegalArgumentException("time only moves forward: from " + now + " to " + to);
        }
        now = to;
    }

    void advance(Duration d) {
        moveTo(now.plus(d));
    }
}
