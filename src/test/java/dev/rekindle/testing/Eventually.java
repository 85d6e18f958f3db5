package dev.rekindle.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a bounded timeout, looking every few milliseconds: never a sleep for timing. */
public final class Eventually {
    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) {
        await(what, condition, DEFAULT);
    }

    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    /** Waits until {@code value} gives a non-null result and returns it. */
    public static <T> T value(String what, Supplier<T> value) {
        Object[] found = new Object[1];
        await(what, () -> (found[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) found[0];
        return t;
    }
}
