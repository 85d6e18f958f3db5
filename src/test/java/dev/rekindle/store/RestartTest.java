package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was committed is there after the process stops and starts again on the same file. */
class RestartTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();

    @Test
    void everythingCommittedIsThereAfterCloseAndReopen() {
        long couple;
        try (SqliteStore store = Fixture.open(dir, clock)) {
            couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
            store.inbox().receive(1, "{\"update_id\":1}");
            store.inbox().receive(2, "{\"update_id\":2}");
            store.sessions()
                    .commit(new UpdateCommit(
                            couple,
                            0,
                            Fixture.session("Ana"),
                            List.of(new Action.SaveJournal("checkin", "wish", Partner.A, "a walk")),
                            List.of(new Action.ScheduleTimer(
                                    "t1", clock.instant().plusSeconds(60), Duration.ZERO)),
                            List.of(),
                            List.of(new Outgoing(Fixture.GROUP, OutboxKind.SEND, "{}", "m1")),
                            new Cause.InboxUpdate(1)));
        }
        assertEquals(List.of(), walAndShmLeftBehind());

        try (SqliteStore store = Fixture.open(dir, clock)) {
            assertEquals(
                    Optional.of(new StoredSession(couple, Fixture.session("Ana"), 1)),
                    store.sessions().load(couple));
            assertEquals(
                    List.of(2L),
                    store.inbox().pending().stream()
                            .map(ReceivedUpdate::updateId)
                            .toList());
            assertEquals(
                    List.of("a walk"),
                    store.journal().list(couple).stream()
                            .map(JournalEntry::text)
                            .toList());
            assertEquals(
                    1, store.timers().due(clock.instant().plusSeconds(60), 10).size());
            assertEquals(1, store.outbox().due(clock.instant(), 10).size());
            assertEquals(
                    new Member(couple, Partner.A, Chat.GROUP),
                    store.couples().find(Fixture.GROUP, 11).orElseThrow());
        }
    }

    @Test
    void aCommitIsOnDiskBeforeTheStoreIsClosed() {
        // a second, independent connection sees the commit at once: it is in the file (and its log), not in memory
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            store.sessions()
                    .commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(1)));
            try (SqliteStore other = Fixture.open(dir, clock)) {
                assertEquals(1, other.sessions().load(couple).orElseThrow().version());
            }
        }
    }

    private List<String> walAndShmLeftBehind() {
        return List.of("-wal", "-shm").stream()
                .filter(s -> Files.exists(dir.resolve("data/rekindle.db" + s)))
                .toList();
    }
}
