package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentCommitTest {
    static final int COUPLES = 6;
    static final int UPDATES_EACH = 15;

    @TempDir
    Path dir;

    @Test
    void commitsFromSeveralThreadsForDifferentCouplesAllLand() throws Exception {
        TestClock clock = TestClock.atNoon();
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long[] couples = new long[COUPLES];
            for (int i = 0; i < COUPLES; i++) {
                couples[i] = Fixture.couple(store, 100 + 2 * i, 101 + 2 * i, -1_000_000_000_000L - i);
            }
            ExecutorService pool = Executors.newFixedThreadPool(COUPLES);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < COUPLES; i++) {
                    int n = i;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int u = 0; u < UPDATES_EACH; u++) {
                            long updateId = 1000L * n + u;
                            store.inbox().receive(updateId, "{}");
                            long version = store.sessions()
                                    .load(couples[n])
                                    .map(StoredSession::version)
                                    .orElse(0L);
                            store.sessions()
                                    .commit(new UpdateCommit(
                                            couples[n],
                                            version,
                                            Fixture.session("Ana" + u),
                                            List.of(new Action.SaveJournal("d", "k", Partner.A, "line " + u)),
                                            List.of(),
                                            List.of(),
                                            List.of(),
                                            new Cause.InboxUpdate(updateId)));
                            // reads run beside the writer
                            store.journal().list(couples[n]);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (long couple : couples) {
                StoredSession s = store.sessions().load(couple).orElseThrow();
                assertEquals(UPDATES_EACH, s.version());
                assertEquals("Ana" + (UPDATES_EACH - 1), s.session().name(Partner.A));
                assertEquals(UPDATES_EACH, store.journal().list(couple).size());
            }
            assertEquals(List.of(), store.inbox().pending());
        }
    }
}
