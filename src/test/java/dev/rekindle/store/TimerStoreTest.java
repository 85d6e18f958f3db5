package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimerStoreTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;
    long couple;
    Instant noon = TestClock.atNoon().instant();

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
        couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.inbox().receive(1, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        0,
                        Fixture.session("Ana"),
                        List.of(),
                        List.of(
                                new Action.ScheduleTimer(
                                        "t1", noon.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1)),
                                new Action.ScheduleTimer("t2", noon.plus(Duration.ofMinutes(5)), Duration.ZERO),
                                new Action.ScheduleTimer("t3", noon.plus(Duration.ofHours(3)), Duration.ofHours(1))),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(1)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> dueIds(Instant upTo) {
        return store.timers().due(upTo, 100).stream().map(DueTimer::timerId).toList();
    }

    @Test
    void dueTimersArePendingOnesUpToTheInstantEarliestFirst() {
        assertEquals(List.of(), dueIds(noon));
        assertEquals(List.of("t2"), dueIds(noon.plus(Duration.ofMinutes(5))));
        assertEquals(List.of("t2", "t1"), dueIds(noon.plus(Duration.ofMinutes(10))));
        assertEquals(
                List.of("t2"),
                store.timers().due(noon.plus(Duration.ofDays(1)), 1).stream()
                        .map(DueTimer::timerId)
                        .toList());
        assertEquals(
                Optional.of(noon.plus(Duration.ofMinutes(5))), store.timers().nextDue());
    }

    @Test
    void aCancelledTimerIsNeverDue() {
        assertTrue(store.timers().cancel(couple, "t2"));
        assertFalse(store.timers().cancel(couple, "t2"));
        assertEquals(List.of("t1", "t3"), dueIds(noon.plus(Duration.ofDays(1))));
        assertFalse(store.timers().markFired(couple, "t2"));
        assertEquals(List.of("t1", "t3"), dueIds(noon.plus(Duration.ofDays(1))));
    }

    @Test
    void aFiredTimerIsNoLongerDueAndCannotBeCancelled() {
        assertTrue(store.timers().markFired(couple, "t1"));
        assertFalse(store.timers().markFired(couple, "t1"));
        assertFalse(store.timers().cancel(couple, "t1"));
        assertEquals(List.of("t2", "t3"), dueIds(noon.plus(Duration.ofDays(1))));
    }

    @Test
    void dueTimersCarryTheirGrace() {
        assertEquals(
                new DueTimer(couple, "t3", noon.plus(Duration.ofHours(3)), Duration.ofHours(1)),
                store.timers().due(noon.plus(Duration.ofDays(1)), 100).get(2));
    }

    @Test
    void anotherCouplesTimerWithTheSameIdIsItsOwn() {
        long other = Fixture.couple(store, 33, 44, -100L);
        store.inbox().receive(2, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        other,
                        0,
                        Fixture.session("Cleo"),
                        List.of(),
                        List.of(new Action.ScheduleTimer("t1", noon, Duration.ZERO)),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(2)));
        store.timers().cancel(couple, "t1");
        assertEquals(
                List.of(new DueTimer(other, "t1", noon, Duration.ZERO)),
                store.timers().due(noon, 10));
    }
}
