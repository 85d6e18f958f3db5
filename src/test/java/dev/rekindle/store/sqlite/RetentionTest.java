package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekindle.store.Fixture;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Retention;
import dev.rekindle.store.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String count(String table, String where) {
        return Rows.text(store, "SELECT COUNT(*) FROM " + table + " WHERE " + where);
    }

    @Test
    void whatWasDoneGoesAfterThirtyDaysAFailedUpdateAfterNinetyTheNewestUpdateNeverAndTwiceChangesNothing() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        for (int id = 1; id <= 3; id++) {
            store.inbox().receive(id, "{\"update_id\":" + id + "}");
        }
        store.inbox().markDone(1);
        store.inbox().markFailed(2);
        store.inbox().markDone(3);
        long sent = store.outbox().enqueue(couple, new Outgoing(11, OutboxKind.SEND, "{\"text\":\"hi\"}", null));
        store.outbox().markSent(sent);
        store.outbox().enqueue(couple, new Outgoing(22, OutboxKind.SEND, "{\"text\":\"later\"}", null));
        long due = clock.instant().toEpochMilli();
        store.database().write("a fired and a pending timer", c -> {
            Sql.on(
                            c,
                            "INSERT INTO timers (couple_id, timer_id, due, grace_millis, state) VALUES (?, 'f', ?, 0, 'fired')")
                    .bind(couple, due)
                    .update();
            return Sql.on(
                            c,
                            "INSERT INTO timers (couple_id, timer_id, due, grace_millis, state) VALUES (?, 'p', ?, 0,"
                                    + " 'pending')")
                    .bind(couple, due)
                    .update();
        });

        clock.advance(Duration.ofDays(29));
        assertEquals(new Retention.Purged(0, 0, 0), store.retention().purge(clock.instant(), Retention.Policy.DEFAULT));

        clock.advance(Duration.ofDays(2));
        assertEquals(new Retention.Purged(1, 1, 1), store.retention().purge(clock.instant(), Retention.Policy.DEFAULT));
        assertEquals("1", count("inbox", "update_id = 2"), "a failed update is kept longer");
        assertEquals("1", count("inbox", "update_id = 3"), "the newest update is kept: polling goes on after it");
        assertEquals("1", count("outbox", "state = 'pending'"), "what waits to be sent is never purged");
        assertEquals("1", count("timers", "state = 'pending'"));
        assertEquals(new Retention.Purged(0, 0, 0), store.retention().purge(clock.instant(), Retention.Policy.DEFAULT));

        clock.advance(Duration.ofDays(60));
        assertEquals(new Retention.Purged(1, 0, 0), store.retention().purge(clock.instant(), Retention.Policy.DEFAULT));
        assertEquals("0", count("inbox", "update_id = 2"));
        assertEquals(3L, store.inbox().highestUpdateId().orElseThrow());
    }

    @Test
    void aPolicyKeepsRecordsForADayAtLeast() {
        assertThrows(
                IllegalArgumentException.class, () -> new Retention.Policy(Duration.ofHours(1), Duration.ofDays(9)));
    }
}
