package dev.rekindle.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class WakeableLoopTest {
    private static final String NAME = "rekindle-test-loop";

    @Test
    void aWakeCutsAnHourLongNapShortAndCloseStopsTheThread() throws Exception {
        Semaphore rounds = new Semaphore(0);
        WakeableLoop loop = new WakeableLoop(NAME, () -> {
            rounds.release();
            return Duration.ofHours(1);
        });
        try {
            loop.start();
            assertTrue(rounds.tryAcquire(10, TimeUnit.SECONDS), "the first round runs at once");
            assertThrows(IllegalStateException.class, loop::start);
            loop.wake();
            assertTrue(rounds.tryAcquire(10, TimeUnit.SECONDS), "woken, it does not wait the hour");
        } finally {
            loop.close(); // by hand, not by try-with-resources: what close() leaves behind is checked below
        }
        assertTrue(loop.stopping());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(NAME) && t.isAlive()));
    }

    @Test
    void awaitIdleWakesTheLoopUntilItsWorkIsDone() {
        AtomicBoolean done = new AtomicBoolean();
        Semaphore rounds = new Semaphore(0);
        try (WakeableLoop loop = new WakeableLoop(NAME, () -> {
            if (rounds.availablePermits() >= 2) {
                done.set(true); // the work is done on a later round that only a wake starts
            }
            rounds.release();
            return Duration.ofHours(1);
        })) {
            loop.start();
            assertTrue(loop.awaitIdle(done::get, Duration.ofSeconds(10)));
            assertEquals(true, done.get());
        }
        assertFalse(new WakeableLoop(NAME, () -> Duration.ZERO).awaitIdle(() -> false, Duration.ZERO));
    }
}
