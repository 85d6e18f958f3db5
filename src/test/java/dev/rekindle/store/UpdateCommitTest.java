package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
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

class UpdateCommitTest {
    static final Instant FAR_FUTURE = Instant.parse("3000-01-01T00:00:00Z");

    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;
    long couple;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
        couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private UpdateCommit everything(long expectedVersion, String nameOfA, Cause cause) {
        return new UpdateCommit(
                couple,
                expectedVersion,
                Fixture.session(nameOfA),
                List.of(new Action.SaveJournal("checkin", "gratitude", Partner.A, "thank you for the tea")),
                List.of(new Action.ScheduleTimer(
                        "t1", clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(5))),
                List.of(),
                List.of(new Outgoing(Fixture.GROUP, OutboxKind.SEND, "{\"text\":\"hi\"}", "m1")),
                cause);
    }

    @Test
    void oneCommitWritesSessionJournalTimerAndOutboxAndMarksTheUpdateDone() {
        store.inbox().receive(100, "{}");
        assertEquals(1, store.sessions().commit(everything(0, "Ana", new Cause.InboxUpdate(100))));

        assertEquals(
                new StoredSession(couple, Fixture.session("Ana"), 1),
                store.sessions().load(couple).orElseThrow());
        assertEquals(
                List.of("thank you for the tea"),
                store.journal().list(couple).stream().map(JournalEntry::text).toList());
        assertEquals(
                List.of(new DueTimer(couple, "t1", clock.instant().plus(Duration.ofHours(1)), Duration.ofMinutes(5))),
                store.timers().due(clock.instant().plus(Duration.ofDays(1)), 10));
        OutboxEntry out = store.outbox().due(clock.instant(), 10).get(0);
        assertEquals(List.of(couple, Fixture.GROUP, "m1"), List.of(out.coupleId(), out.chatId(), out.ref()));
        assertEquals(List.of(), store.inbox().pending());
    }

    @Test
    void aVersionMismatchWritesNothingAndLeavesTheUpdatePending() {
        store.inbox().receive(100, "{}");
        store.sessions()
                .commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(100)));
        store.inbox().receive(101, "{}");

        StaleSessionException e = assertThrows(
                StaleSessionException.class,
                () -> store.sessions().commit(everything(0, "Anna", new Cause.InboxUpdate(101))));

        assertEquals(
                "session of couple " + couple + " is at version 1 but the commit expected 0: another update "
                        + "changed it first; reload the session and handle the input again",
                e.getMessage());
        assertNothingOfEverythingLanded();
        assertEquals(
                List.of(101L),
                store.inbox().pending().stream().map(ReceivedUpdate::updateId).toList());
    }

    @Test
    void aCommitForAnUpdateAlreadyDoneWritesNothing() {
        store.inbox().receive(100, "{}");
        store.sessions()
                .commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(100)));

        StoreException e = assertThrows(
                StoreException.class, () -> store.sessions().commit(everything(1, "Anna", new Cause.InboxUpdate(100))));

        assertTrue(e.getMessage().contains("update 100 is not pending"), e.getMessage());
        assertNothingOfEverythingLanded();
    }

    private void assertNothingOfEverythingLanded() {
        assertEquals(
                "Ana", store.sessions().load(couple).orElseThrow().session().name(Partner.A));
        assertEquals(1, store.sessions().load(couple).orElseThrow().version());
        assertEquals(List.of(), store.journal().list(couple));
        assertEquals(List.of(), store.timers().due(FAR_FUTURE, 10));
        assertEquals(List.of(), store.outbox().due(clock.instant(), 10));
    }

    @Test
    void aFiredTimerIsMarkedFiredInTheCommitOfItsOutcome() {
        store.inbox().receive(100, "{}");
        store.sessions().commit(everything(0, "Ana", new Cause.InboxUpdate(100)));
        clock.advance(Duration.ofHours(2));
        DueTimer due = store.timers().due(clock.instant(), 10).get(0);

        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        1,
                        Fixture.session("Ana").withName(Partner.B, "Benno"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new Outgoing(11, OutboxKind.SEND, "{\"text\":\"nudge\"}", "m2")),
                        new Cause.TimerFired(due.timerId())));

        assertEquals(List.of(), store.timers().due(clock.instant(), 10));
        assertEquals(
                "Benno", store.sessions().load(couple).orElseThrow().session().name(Partner.B));
        assertEquals(2, store.outbox().due(clock.instant(), 10).size());
    }

    @Test
    void theOutcomeOfACancelledTimerIsRefusedWhole() {
        store.inbox().receive(100, "{}");
        store.sessions().commit(everything(0, "Ana", new Cause.InboxUpdate(100)));
        store.timers().cancel(couple, "t1");

        StoreException e = assertThrows(
                StoreException.class,
                () -> store.sessions()
                        .commit(UpdateCommit.sessionOnly(
                                couple, 1, Fixture.session("Anna"), new Cause.TimerFired("t1"))));

        assertTrue(e.getMessage().contains("timer t1 of couple " + couple + " is not pending"), e.getMessage());
        assertEquals(1, store.sessions().load(couple).orElseThrow().version());
    }

    @Test
    void aCommitCancelsTheTimersItNames() {
        store.inbox().receive(100, "{}");
        store.sessions().commit(everything(0, "Ana", new Cause.InboxUpdate(100)));
        store.inbox().receive(101, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        1,
                        Fixture.session("Ana"),
                        List.of(),
                        List.of(),
                        List.of("t1"),
                        List.of(),
                        new Cause.InboxUpdate(101)));
        assertEquals(List.of(), store.timers().due(FAR_FUTURE, 10));
        assertEquals(Optional.empty(), store.timers().nextDue());
    }

    @Test
    void journalEntriesListOldestFirstWithAuthorAndTime() {
        store.inbox().receive(100, "{}");
        store.sessions().commit(everything(0, "Ana", new Cause.InboxUpdate(100)));
        clock.advance(Duration.ofMinutes(1));
        store.inbox().receive(101, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        1,
                        Fixture.session("Ana"),
                        List.of(new Action.SaveJournal("checkin", "wish", Partner.B, "more walks")),
                        List.of(),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(101)));

        List<JournalEntry> journal = store.journal().list(couple);
        assertEquals(
                List.of(Partner.A, Partner.B),
                journal.stream().map(JournalEntry::author).toList());
        assertEquals(
                new JournalEntry(
                        journal.get(1).id(), couple, "checkin", "wish", Partner.B, "more walks", clock.instant()),
                journal.get(1));
        assertEquals(List.of(), store.journal().list(couple + 1));
    }
}
