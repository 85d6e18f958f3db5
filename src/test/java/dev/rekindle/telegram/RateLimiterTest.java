package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rekindle.telegram.RateLimiter.Permit;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long ANNA = 111222333L;
    private static final long BEN = 444555666L;
    private static final long GROUP = -1002012345678L;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T20:00:00Z"));
    private final InstantSource clock = now::get;
    private final RateLimiter limiter = new RateLimiter(clock);

    private void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    private Instant at(long millisFromStart) {
        return Instant.parse("2025-03-01T20:00:00Z").plusMillis(millisFromStart);
    }

    @Test
    void firstMessageToAChatGoesNowAndTheSecondWaitsASecond() {
        assertEquals(new Permit.Now(), limiter.tryAcquire(ANNA));
        assertEquals(new Permit.NotBefore(at(1000)), limiter.tryAcquire(ANNA));
        advance(Duration.ofMillis(999));
        assertInstanceOf(Permit.NotBefore.class, limiter.tryAcquire(ANNA));
        advance(Duration.ofMillis(1));
        assertEquals(new Permit.Now(), limiter.tryAcquire(ANNA));
    }

    @Test
    void anotherChatIsNotHeldBackByTheFirst() {
        limiter.tryAcquire(ANNA);
        assertEquals(new Permit.Now(), limiter.tryAcquire(BEN));
    }

    @Test
    void aGroupTakesTwentyMessagesAMinute() {
        for (int i = 0; i < 20; i++) {
            assertEquals(new Permit.Now(), limiter.tryAcquire(GROUP), "message " + (i + 1));
            advance(Duration.ofSeconds(1));
        }
        // 20 sent at 0..19 s: the 21st waits until the first leaves the minute window
        assertEquals(new Permit.NotBefore(at(60_000)), limiter.tryAcquire(GROUP));
        now.set(at(60_000));
        assertEquals(new Permit.Now(), limiter.tryAcquire(GROUP));
    }

    @Test
    void aPrivateChatIsNotCountedPerMinute() {
        for (int i = 0; i < 30; i++) {
            assertEquals(new Permit.Now(), limiter.tryAcquire(ANNA));
            advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void thirtyMessagesASecondOverallThenEveryoneWaits() {
        for (int i = 0; i < 30; i++) {
            assertEquals(new Permit.Now(), limiter.tryAcquire(1000L + i));
        }
        assertEquals(new Permit.NotBefore(at(1000)), limiter.tryAcquire(5000L));
        advance(Duration.ofSeconds(1));
        assertEquals(new Permit.Now(), limiter.tryAcquire(5000L));
    }

    @Test
    void retryAfterHoldsBackOnlyThatChat() {
        limiter.backOff(ANNA, Duration.ofSeconds(7));
        assertEquals(new Permit.NotBefore(at(7000)), limiter.tryAcquire(ANNA));
        assertEquals(new Permit.Now(), limiter.tryAcquire(BEN));
        assertEquals(at(7000), limiter.nextSlot(ANNA));
        now.set(at(7000));
        assertEquals(new Permit.Now(), limiter.tryAcquire(ANNA));
    }

    @Test
    void aShorterRetryAfterDoesNotShortenALongerOne() {
        limiter.backOff(ANNA, Duration.ofSeconds(30));
        limiter.backOff(ANNA, Duration.ofSeconds(2));
        assertEquals(at(30_000), limiter.nextSlot(ANNA));
    }

    @Test
    void refusedRequestsAreNotCounted() {
        limiter.tryAcquire(ANNA);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire(ANNA); // all NotBefore
        }
        advance(Duration.ofSeconds(1));
        assertEquals(new Permit.Now(), limiter.tryAcquire(ANNA));
        assertEquals(new Permit.Now(), limiter.tryAcquire(BEN));
    }

    @Test
    void idleChatsAreForgottenSoMemoryStaysBounded() {
        for (int i = 0; i < 2000; i++) {
            limiter.tryAcquire(10_000L + i);
            advance(Duration.ofMillis(100)); // 10 a second: under the overall limit
        }
        // only chats active in the last minute (600 of them, at most) may remain after pruning
        assertEquals(true, limiter.trackedChats() <= 1024 + 600, "tracked: " + limiter.trackedChats());
    }
}
