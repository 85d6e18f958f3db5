package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    static final long SUPERGROUP = -1009876543210987L;

    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;
    Outbox outbox;
    long couple;
    long update;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
        outbox = store.outbox();
        couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.inbox().receive(0, "{}");
        store.sessions().commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(0)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Commits the messages as the outcome of one update, as the adapter does. */
    private void commit(Outgoing... messages) {
        update++;
        store.inbox().receive(update, "{}");
        long version = store.sessions().load(couple).orElseThrow().version();
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        version,
                        Fixture.session("Ana"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(messages),
                        new Cause.InboxUpdate(update)));
    }

    private static Outgoing send(long chat, String ref) {
        return new Outgoing(chat, OutboxKind.SEND, "{\"text\":\"" + ref + "\"}", ref);
    }

    private List<String> dueRefs(Instant now) {
        return outbox.due(now, 100).stream().map(OutboxEntry::ref).toList();
    }

    @Test
    void aFloodInOneChatDoesNotKeepAnotherChatsMessageOutOfTheBatch() {
        for (int i = 0; i < 300; i++) {
            outbox.enqueue(null, new Outgoing(5000 + i % 30, OutboxKind.SEND, "{\"text\":\"flood\"}", null));
        }
        long quiet = outbox.enqueue(null, new Outgoing(22, OutboxKind.SEND, "{\"text\":\"help\"}", null));
        List<OutboxEntry> batch = outbox.due(clock.instant(), 40);
        assertTrue(
                batch.stream().anyMatch(e -> e.id() == quiet),
                "each chat's first message before any chat's second: the quiet chat is in the first batch");
        assertEquals(31, batch.stream().map(OutboxEntry::chatId).distinct().count());
        assertEquals(
                batch.stream()
                        .filter(e -> e.chatId() == 5000)
                        .map(OutboxEntry::id)
                        .sorted()
                        .toList(),
                batch.stream()
                        .filter(e -> e.chatId() == 5000)
                        .map(OutboxEntry::id)
                        .toList(),
                "a chat's own messages keep their order");
    }

    @Test
    void dueEntriesComeChatByChatInTurnsEachChatOldestFirst() {
        commit(send(Fixture.GROUP, "m1"), send(11, "m2"));
        commit(send(22, "m3"), send(Fixture.GROUP, "m4"));
        assertEquals(List.of("m1", "m2", "m3", "m4"), dueRefs(clock.instant()));
        assertEquals(
                List.of("m1", "m4"),
                outbox.due(Fixture.GROUP, clock.instant(), 100).stream()
                        .map(OutboxEntry::ref)
                        .toList());
        assertEquals(
                List.of("m1", "m2"),
                outbox.due(clock.instant(), 2).stream().map(OutboxEntry::ref).toList());
    }

    @Test
    void anEntryWaitsBehindAnEarlierEntryOfItsChatThatMustRetryLater() {
        commit(send(Fixture.GROUP, "m1"), send(Fixture.GROUP, "m2"), send(11, "m3"));
        long first = outbox.due(clock.instant(), 1).get(0).id();
        outbox.retryAt(first, clock.instant().plusSeconds(30));

        assertEquals(List.of("m3"), dueRefs(clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        // each chat's first before any chat's second; within the group, m1 still before m2
        assertEquals(List.of("m1", "m3", "m2"), dueRefs(clock.instant()));
        OutboxEntry retried = outbox.entry(first).orElseThrow();
        assertEquals(1, retried.attempts());
        assertEquals(clock.instant(), retried.nextAttempt());
    }

    @Test
    void aSentMessageRemembersItsTelegramIdForALaterCloseButtons() {
        commit(send(Fixture.GROUP, "m1"));
        OutboxEntry sent = outbox.due(clock.instant(), 10).get(0);
        outbox.markSent(sent.id(), 4711);
        commit(new Outgoing(Fixture.GROUP, OutboxKind.CLOSE_BUTTONS, "{\"chosen\":\"Yes\"}", "m1"));
        OutboxEntry close = outbox.due(clock.instant(), 10).get(0);

        assertEquals(OptionalLong.of(4711), outbox.messageId(couple, close.chatId(), close.ref()));
        outbox.markSent(close.id(), 4711);
        assertEquals(OptionalLong.of(4711), outbox.messageId(couple, Fixture.GROUP, "m1"));
        assertEquals(OptionalLong.empty(), outbox.messageId(couple, 11, "m1"));
        assertEquals(List.of(), outbox.due(clock.instant(), 10));
        OutboxEntry done = outbox.entry(sent.id()).orElseThrow();
        assertEquals(OutboxState.SENT, done.state());
        assertEquals("", done.payload());
    }

    @Test
    void anEntryIsReportedOnce() {
        commit(send(11, "m1"));
        long id = outbox.due(clock.instant(), 10).get(0).id();
        outbox.markSent(id);
        StoreException e = assertThrows(StoreException.class, () -> outbox.markFailed(id, "Bad Request"));
        assertTrue(e.getMessage().contains("outbox entry " + id + " is sent, not pending"), e.getMessage());
    }

    @Test
    void thePartsSentOfALongMessageSurviveARestartAndNeverGoBackwards() {
        commit(send(11, "m1"));
        long id = outbox.due(clock.instant(), 10).get(0).id();
        assertEquals(0, outbox.entry(id).orElseThrow().partsSent());
        outbox.markPartsSentSoon(id, 2).join();
        outbox.markPartsSentSoon(id, 1).join(); // late, from an earlier attempt
        outbox.retryAt(id, clock.instant().plusSeconds(5));
        store.close();

        store = Fixture.open(dir, clock);
        outbox = store.outbox();
        OutboxEntry reopened = outbox.due(clock.instant().plusSeconds(5), 10).get(0);
        assertEquals(id, reopened.id());
        assertEquals(2, reopened.partsSent());
        outbox.markSent(id, 77);
        Throwable late = assertThrows(
                        java.util.concurrent.CompletionException.class,
                        () -> outbox.markPartsSentSoon(id, 3).join())
                .getCause();
        assertTrue(late.getMessage().contains("is sent, not pending"), late.getMessage());
    }

    @Test
    void aRefusedEntryFailsWithTelegramsReason() {
        commit(send(11, "m1"));
        long id = outbox.due(clock.instant(), 10).get(0).id();
        outbox.markFailed(id, "Bad Request: can't parse entities");
        OutboxEntry failed = outbox.entry(id).orElseThrow();
        assertEquals(OutboxState.FAILED, failed.state());
        assertEquals("Bad Request: can't parse entities", failed.failure());
        assertEquals(List.of(), outbox.due(clock.instant(), 10));
    }

    @Test
    void aNoticeThatCannotBeQueuedLeavesTheEntryPendingAndTheUserReachableToBeTriedAgain() {
        commit(send(22, "m1"));
        long id = outbox.due(clock.instant(), 10).get(0).id();
        assertThrows(
                IllegalStateException.class,
                () -> outbox.markUnreachable(id, "Forbidden: bot was blocked by the user", user -> {
                    throw new IllegalStateException("the notice could not be made");
                }));
        assertEquals(OutboxState.PENDING, outbox.entry(id).orElseThrow().state(), "one transaction: all or nothing");
        assertFalse(store.couples().user(22).orElseThrow().unreachable());
    }

    @Test
    void aBlockedBotMarksTheUserOfThatPrivateChatUnreachable() {
        commit(send(22, "m1"));
        long id = outbox.due(clock.instant(), 10).get(0).id();
        Outgoing told = new Outgoing(11, OutboxKind.SEND, "{\"text\":\"Ben is out of reach\"}", null);
        assertEquals(
                List.of(22L),
                outbox.markUnreachable(
                        id,
                        "Forbidden: bot was blocked by the user",
                        user -> Optional.of(new Queued(
                                store.couples().coupleOf(user).orElseThrow().id(), told))));
        assertEquals(
                List.of(11L),
                outbox.due(clock.instant(), 10).stream()
                        .map(OutboxEntry::chatId)
                        .toList());
        commit(send(22, "m2"));
        long again = outbox.due(clock.instant(), 10).stream()
                .filter(e -> e.chatId() == 22)
                .findFirst()
                .orElseThrow()
                .id();
        assertEquals(List.of(), outbox.markUnreachable(again, "Forbidden: bot was blocked by the user", user -> {
            throw new AssertionError("a user already unreachable is not told of again");
        }));
        assertTrue(store.couples().user(22).orElseThrow().unreachable());
        assertFalse(store.couples().user(11).orElseThrow().unreachable());
        assertEquals(OutboxState.FAILED, outbox.entry(id).orElseThrow().state());
        store.couples().markReachable(22);
        assertFalse(store.couples().user(22).orElseThrow().unreachable());
    }

    @Test
    void aGroupThatBecameASupergroupTakesItsChatOutboxAndMessageRefsAlong() {
        commit(send(Fixture.GROUP, "m1"), send(Fixture.GROUP, "m2"), send(11, "m3"));
        outbox.markSent(outbox.due(clock.instant(), 1).get(0).id(), 99);

        outbox.moveChat(Fixture.GROUP, SUPERGROUP);

        assertEquals(
                List.of("m2"),
                outbox.due(SUPERGROUP, clock.instant(), 10).stream()
                        .map(OutboxEntry::ref)
                        .toList());
        assertEquals(List.of(), outbox.due(Fixture.GROUP, clock.instant(), 10));
        assertEquals(OptionalLong.of(99), outbox.messageId(couple, SUPERGROUP, "m1"));
        assertEquals(OptionalLong.of(SUPERGROUP), store.couples().chatId(couple, Chat.GROUP));
        assertEquals(couple, store.couples().find(SUPERGROUP, 22).orElseThrow().coupleId());
    }

    @Test
    void sixtyFourBitChatIdsAndMessageIdsSurvive() {
        long bigMessage = 9_007_199_254_740_993L;
        commit(send(Fixture.GROUP, "m1"));
        OutboxEntry e = outbox.due(clock.instant(), 10).get(0);
        assertEquals(-1001234567890123L, e.chatId());
        outbox.markSent(e.id(), bigMessage);
        assertEquals(OptionalLong.of(bigMessage), outbox.messageId(couple, -1001234567890123L, "m1"));
    }

    @Test
    void anEntryOutsideACommitMayBelongToNoCouple() {
        long id = outbox.enqueue(null, new Outgoing(555, OutboxKind.ANSWER_CALLBACK, "{\"id\":\"q\"}", null));
        OutboxEntry e = outbox.entry(id).orElseThrow();
        assertNull(e.coupleId());
        assertEquals(OutboxKind.ANSWER_CALLBACK, e.kind());
        assertEquals(clock.instant(), e.created());
        assertThrows(StoreException.class, () -> outbox.enqueue(null, new Outgoing(555, OutboxKind.SEND, "{}", "m1")));
    }
}
