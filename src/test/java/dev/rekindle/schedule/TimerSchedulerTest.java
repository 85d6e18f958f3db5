package dev.rekindle.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Cause;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.UpdateCommit;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler over a real SQLite file and a fake clock; its target commits each firing as the core does. */
class TimerSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path dir;

    private final MovableClock clock = MovableClock.at(T0);
    private final List<String> fired = new CopyOnWriteArrayList<>();
    private SqliteStore store;
    private TimerScheduler scheduler;
    private long couple;
    private long version;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("rekindle.db"), clock);
        store.couples().createUser(1L, "Sam", ZoneOffset.UTC);
        couple = store.couples().startCouple(1L);
        scheduler = new TimerScheduler(store.timers(), this::commitFiring, clock);
    }

    @AfterEach
    void close() {
        scheduler.close();
        store.close();
    }

    /** What the core does, minus the engine: the timer is marked fired in the commit of its outcome. */
    private CompletableFuture<Void> commitFiring(DueTimer t) {
        version = store.sessions()
                .commit(UpdateCommit.sessionOnly(couple, version, session(), new Cause.TimerFired(t.timerId())));
        fired.add(t.timerId());
        return CompletableFuture.completedFuture(null);
    }

    private static Session session() {
        return Session.start(Map.of(Partner.A, "Sam"), 7);
    }

    private void schedule(String id, Duration after, Duration grace) {
        long update = 100 + version;
        store.inbox().receive(update, "{}");
        version = store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        version,
                        session(),
                        List.of(),
                        List.of(new Action.ScheduleTimer(id, clock.instant().plus(after), grace)),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(update)));
    }

    @Test
    void aTimerFiresOnceWhenItComesDueAndNotBefore() {
        schedule("t1", Duration.ofMinutes(7), Duration.ofMinutes(7));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, scheduler.fireDue());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, scheduler.fireDue());
        assertEquals(0, scheduler.fireDue());
        assertEquals(List.of("t1"), fired);
    }

    @Test
    void aTimerThatCameDueWhileDownFiresWithinGraceAndIsDroppedBeyondIt() {
        schedule("soon", Duration.ofMinutes(5), Duration.ofMinutes(30));
        schedule("strict", Duration.ofMinutes(5), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(20)); // "down" for 20 minutes
        assertEquals(1, scheduler.fireDue());
        assertEquals(List.of("soon"), fired);
        assertTrue(store.timers().nextDue().isEmpty(), "the late one is marked so it never fires");
        assertFalse(store.timers().markFired(couple, "strict"));
    }

    @Test
    void aCancelledTimerNeverFires() {
        schedule("t1", Duration.ofMinutes(5), Duration.ofMinutes(5));
        assertTrue(store.timers().cancel(couple, "t1"));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(0, scheduler.fireDue());
        assertEquals(List.of(), fired);
    }

    @Test
    void theThreadFiresWhatIsDueAndStopsOnClose() throws Exception {
        schedule("t1", Duration.ofMinutes(1), Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        scheduler.start();
        dev.rekindle.testing.Eventually.await("the scheduler's thread to fire t1", () -> !fired.isEmpty());
        assertEquals(List.of("t1"), fired);
        scheduler.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals(TimerScheduler.THREAD_NAME)));
    }
}
