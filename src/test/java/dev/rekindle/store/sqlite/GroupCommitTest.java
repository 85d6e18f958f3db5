package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Cause;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.ReceivedUpdate;
import dev.rekindle.store.StaleSessionException;
import dev.rekindle.store.StoreException;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many updates' commits in one SQLite transaction: each all or nothing, all durable when their futures end. */
class GroupCommitTest {
    private static final int COUPLES = 5;

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.atNoon();

    private static long[] couples(SqliteStore store) {
        long[] ids = new long[COUPLES];
        for (int i = 0; i < COUPLES; i++) {
            ids[i] = Fixture.couple(store, 100 + 2 * i, 101 + 2 * i, -1_000_000_000_000L - i);
        }
        return ids;
    }

    private static UpdateCommit commit(long couple, long expectedVersion, long updateId, long chatId) {
        return new UpdateCommit(
                couple,
                expectedVersion,
                Fixture.session("Ana" + updateId),
                List.of(new Action.SaveJournal("d", "k", Partner.A, "line " + updateId)),
                List.of(),
                List.of(),
                List.of(new Outgoing(chatId, OutboxKind.SEND, "{\"html\":\"hi\"}", "r" + updateId)),
                new Cause.InboxUpdate(updateId));
    }

    /** Holds the writer thread inside a first batch until the returned latch is opened, so the next queue up. */
    private static CountDownLatch holdWriter(SqliteStore store) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var unused = store.database().writeSoon("hold the writer", c -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertTrue(inside.await(10, TimeUnit.SECONDS), "the writer took the first write");
        return release;
    }

    @Test
    void aStaleMemberOfABatchFailsAloneAndTheOthersLandInTheSameCommit() throws Exception {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long[] ids = couples(store);
            for (int i = 0; i < COUPLES; i++) {
                store.inbox().receive(500 + i, "{}");
            }
            long[] before = store.database().groupCommitCounts();
            CountDownLatch release = holdWriter(store);
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < COUPLES; i++) {
                // couple 2 names a version its session never had: stale
                futures.add(store.sessions().commitAsync(commit(ids[i], i == 2 ? 7 : 0, 500 + i, 100 + 2 * i)));
            }
            // and an update that was never received cannot be marked done: that member fails too
            futures.add(store.sessions().commitAsync(commit(ids[3], 0, 999, 106)));
            release.countDown();

            for (int i = 0; i < COUPLES; i++) {
                if (i == 2) {
                    CompletionException e = assertThrows(CompletionException.class, futures.get(i)::join);
                    assertInstanceOf(StaleSessionException.class, e.getCause());
                } else {
                    assertEquals(1L, futures.get(i).join());
                }
            }
            CompletionException e = assertThrows(CompletionException.class, futures.get(COUPLES)::join);
            assertInstanceOf(StoreException.class, e.getCause());

            long[] after = store.database().groupCommitCounts();
            assertArrayEquals(
                    new long[] {2, COUPLES + 2},
                    new long[] {after[0] - before[0], after[1] - before[1]},
                    "the hold, then every queued commit together in one batch");
            assertTrue(store.sessions().load(ids[2]).isEmpty(), "nothing of the stale commit was written");
            assertEquals(
                    List.of(500L + 2),
                    store.inbox().pending().stream()
                            .map(ReceivedUpdate::updateId)
                            .toList(),
                    "only the stale commit's update is still pending");
            assertEquals(
                    COUPLES - 1,
                    store.outbox().due(clock.instant().plusSeconds(3600), 100).size(),
                    "the outbox holds the messages of the commits that landed, and only those");
        }
    }

    @Test
    void everythingInABatchIsThereWhenItsFutureCompletesAndAfterReopeningTheFile() throws Exception {
        long[] ids;
        Path file;
        try (SqliteStore store = Fixture.open(dir, clock)) {
            file = store.path();
            ids = couples(store);
            for (int i = 0; i < COUPLES; i++) {
                store.inbox().receive(700 + i, "{}");
            }
            CountDownLatch release = holdWriter(store);
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < COUPLES; i++) {
                futures.add(store.sessions().commitAsync(commit(ids[i], 0, 700 + i, 100 + 2 * i)));
            }
            release.countDown();
            for (int i = 0; i < COUPLES; i++) {
                futures.get(i).join();
                // the cache and the database agree the moment the future completes: the couple's next load sees it
                assertEquals(1L, store.sessions().load(ids[i]).orElseThrow().version());
                assertEquals(
                        1L,
                        store.sqliteSessions()
                                .loadFromDatabase(ids[i])
                                .orElseThrow()
                                .version());
                assertEquals(1, store.journal().list(ids[i]).size());
            }
            assertTrue(store.inbox().pending().isEmpty());
        }
        try (SqliteStore again = SqliteStore.open(file, clock)) {
            for (int i = 0; i < COUPLES; i++) {
                StoredSession s = again.sessions().load(ids[i]).orElseThrow();
                assertEquals(1L, s.version());
                assertEquals("Ana" + (700 + i), s.session().names().get(Partner.A));
                assertEquals(1, again.journal().list(ids[i]).size());
                assertTrue(again.couples().chatId(ids[i], Chat.A).isPresent());
            }
            assertTrue(again.inbox().pending().isEmpty());
            assertEquals(
                    COUPLES,
                    again.outbox().due(clock.instant().plusSeconds(3600), 100).size());
        }
    }

    @Test
    void closingCarriesOutTheCommitsAlreadyQueued() throws Exception {
        long[] ids;
        Path file;
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (SqliteStore store = Fixture.open(dir, clock)) {
            file = store.path();
            ids = couples(store);
            for (int i = 0; i < COUPLES; i++) {
                store.inbox().receive(800 + i, "{}");
            }
            CountDownLatch release = holdWriter(store);
            for (int i = 0; i < COUPLES; i++) {
                futures.add(store.sessions().commitAsync(commit(ids[i], 0, 800 + i, 100 + 2 * i)));
            }
            release.countDown();
        } // close() right away
        for (CompletableFuture<Long> f : futures) {
            assertEquals(1L, f.join());
        }
        try (SqliteStore again = SqliteStore.open(file, clock)) {
            for (long id : ids) {
                assertEquals(1L, again.sessions().load(id).orElseThrow().version());
            }
            assertThrows(
                    StoreException.class,
                    () -> {
                        SqliteStore closed = SqliteStore.open(dir.resolve("other.db"), clock);
                        closed.close();
                        closed.sessions().commit(commit(1, 0, 1, 1));
                    },
                    "a closed store takes no commits");
        }
    }

    @Test
    void aCouplesCommitsQueuedTogetherApplyInOrderAndOnlyTheFirstOfTwoRivalsLands() throws Exception {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long[] ids = couples(store);
            store.inbox().receive(900, "{}");
            store.inbox().receive(901, "{}");
            store.inbox().receive(902, "{}");
            CountDownLatch release = holdWriter(store);
            CompletableFuture<Long> first = store.sessions().commitAsync(commit(ids[0], 0, 900, 100));
            CompletableFuture<Long> rival = store.sessions().commitAsync(commit(ids[0], 0, 901, 100));
            CompletableFuture<Long> next = store.sessions().commitAsync(commit(ids[0], 1, 902, 100));
            release.countDown();
            assertEquals(1L, first.join());
            assertInstanceOf(
                    StaleSessionException.class,
                    assertThrows(CompletionException.class, rival::join).getCause());
            assertEquals(2L, next.join(), "a later member of the batch sees what an earlier one wrote");
            assertEquals(2L, store.sessions().load(ids[0]).orElseThrow().version());
            assertEquals(
                    List.of(901L),
                    store.inbox().pending().stream()
                            .map(ReceivedUpdate::updateId)
                            .toList());
        }
    }
}
