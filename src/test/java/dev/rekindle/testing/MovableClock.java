package dev.rekindle.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock tests move by hand instead of sleeping. Either it stands still until advanced, or it follows the
 * real clock plus everything it was advanced by: then rate limits and retry_after waits pass in real time
 * while a test jumps hours ahead to fire timers.
 */
public final class MovableClock implements InstantSource {
    private final InstantSource base;
    private volatile Duration offset = Duration.ZERO;

    private MovableClock(InstantSource base) {
        this.base = base;
    }

    public static MovableClock at(Instant start) {
        return new MovableClock(Clock.fixed(start, java.time.ZoneOffset.UTC));
    }

    public static MovableClock followingRealTime() {
        return new MovableClock(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + d);
        }
        offset = offset.plus(d);
    }
}
