package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Cause;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.GroupProposal;
import dev.rekindle.store.InvitationGoneException;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairingsTest {
    private static final Reply QUIET = new Reply(List.of(), OptionalLong.empty());

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

    /** A user on their own, as first contact makes them: partner A of a forming couple, with their private chat. */
    private long alone(long userId, String name) {
        store.couples().createUser(userId, name, Fixture.ZONE);
        long couple = store.couples().startCouple(userId);
        store.couples().registerPrivateChat(userId, userId);
        return couple;
    }

    private Instant in48h() {
        return clock.instant().plus(Duration.ofHours(48));
    }

    @Test
    void anInvitationIsAcceptedOnceAndTheInvitedUserMovesIntoTheInvitersCouple() {
        long ana = alone(11, "Ana");
        long ben = alone(22, "Ben");
        store.pairings().invite("h1", ana, 11, in48h(), QUIET);
        assertEquals(ana, store.pairings().accept("h1", 22, 22, clock.instant(), QUIET));
        Couple c = store.couples().couple(ana).orElseThrow();
        assertEquals(CoupleStatus.ACTIVE, c.status());
        assertEquals(22L, c.users().get(Partner.B));
        assertEquals(OptionalLong.of(22), store.couples().chatId(ana, Chat.B));
        assertTrue(store.couples().couple(ben).isEmpty(), "Ben's couple of one is gone");

        alone(33, "Cy");
        assertThrows(
                InvitationGoneException.class, () -> store.pairings().accept("h1", 33, 33, clock.instant(), QUIET));
        assertEquals(2, store.couples().couple(ana).orElseThrow().users().size(), "never a third member");
    }

    @Test
    void anExpiredInvitationCannotBeAcceptedAndNothingChanges() {
        long ana = alone(11, "Ana");
        long ben = alone(22, "Ben");
        store.pairings().invite("h1", ana, 11, in48h(), QUIET);
        clock.advance(Duration.ofHours(48));
        assertThrows(
                InvitationGoneException.class, () -> store.pairings().accept("h1", 22, 22, clock.instant(), QUIET));
        assertEquals(
                CoupleStatus.FORMING, store.couples().couple(ana).orElseThrow().status());
        assertEquals(ben, store.couples().coupleOf(22).orElseThrow().id());
        assertTrue(store.pairings().invitation("h1").orElseThrow().used() == null);
    }

    @Test
    void aNewInvitationReplacesTheInvitersEarlierUnusedOne() {
        long ana = alone(11, "Ana");
        store.pairings().invite("h1", ana, 11, in48h(), QUIET);
        store.pairings().invite("h2", ana, 11, in48h(), QUIET);
        assertTrue(store.pairings().invitation("h1").isEmpty());
        assertTrue(store.pairings().invitation("h2").isPresent());
    }

    @Test
    void dissolvingSplitsTheCoupleAndEachKeepsOnlyTheirOwnJournalLines() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.inbox().receive(1, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        0,
                        Fixture.session("Ana"),
                        List.of(
                                new dev.rekindle.dialog.engine.Action.SaveJournal("d", "k", Partner.A, "Ana's line"),
                                new dev.rekindle.dialog.engine.Action.SaveJournal("d", "k", Partner.B, "Ben's line")),
                        List.of(),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(1)));
        store.pairings().dissolve(couple, QUIET);
        Couple ana = store.couples().coupleOf(11).orElseThrow();
        Couple ben = store.couples().coupleOf(22).orElseThrow();
        assertNotEquals(ana.id(), ben.id());
        assertEquals(
                List.of("Ana's line"),
                store.journal().list(ana.id()).stream().map(JournalEntry::text).toList());
        assertEquals(
                List.of("Ben's line"),
                store.journal().list(ben.id()).stream().map(JournalEntry::text).toList());
        assertEquals(
                Partner.A, store.couples().find(22, 22).orElseThrow().partner(), "Ben goes on as the one of his own");
        assertTrue(store.couples().couple(couple).isEmpty());
        assertTrue(store.sessions().load(couple).isEmpty(), "the shared session is gone, from the cache too");
        assertTrue(store.pairings().coupleOfGroup(Fixture.GROUP).isEmpty(), "the group is unlinked");
    }

    @Test
    void forgettingTheInvitedPartnerLeavesTheirIdInNoInvitation() {
        long ana = alone(11, "Ana");
        alone(22, "Ben");
        store.pairings().invite("h1", ana, 11, in48h(), QUIET);
        store.pairings().accept("h1", 22, 22, clock.instant(), QUIET);
        assertEquals("1", Rows.text(store, "SELECT COUNT(*) FROM invitations WHERE used_by = 22"));
        store.pairings().forget(22, QUIET);
        assertEquals(
                "0",
                Rows.text(store, "SELECT COUNT(*) FROM invitations WHERE used_by = 22"),
                "Ben's id is gone from the invitation he used (it went with the couple it made)");
    }

    @Test
    void forgettingAPartnerDropsWhatWaitsForTheGroupButNotWhatWaitsForThePartnerNorOtherCouples() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        long others = Fixture.couple(store, 33, 44, -9);
        // Ben's safety resources may wait here: they must still reach him; Ana's shared words must not
        store.outbox().enqueue(couple, new Outgoing(22, OutboxKind.SEND, "{\"text\":\"for Ben\"}", null));
        store.inbox().receive(5, "{}");
        store.sessions()
                .commit(new UpdateCommit(
                        couple,
                        0,
                        Fixture.session("Ana"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(new Outgoing(22, OutboxKind.SEND, "{\"text\":\"Ana shared: my words\"}", null)),
                        new Cause.InboxUpdate(5, 11)));
        store.outbox().enqueue(couple, new Outgoing(Fixture.GROUP, OutboxKind.SEND, "{\"text\":\"Ana: more\"}", null));
        store.outbox().enqueue(others, new Outgoing(44, OutboxKind.SEND, "{\"text\":\"theirs\"}", null));
        Outgoing notice = new Outgoing(22, OutboxKind.SEND, "{\"text\":\"Your partner left.\"}", null);
        store.pairings().forget(11, new Reply(List.of(notice), OptionalLong.empty()));
        assertEquals(
                "22,22,44",
                Rows.text(
                        store,
                        "SELECT group_concat(chat_id) FROM (SELECT chat_id FROM outbox WHERE state = 'pending'"
                                + " ORDER BY chat_id)"),
                "the group and Ana's words get nothing more; Ben's message, the notice and the other couple's message go");
    }

    @Test
    void forgettingErasesEveryWaitingUpdateThatNamesThePersonWhereverTheIdSits() {
        Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.inbox().receive(1, "{\"update_id\":1,\"message\":{\"chat\":{\"id\":22},\"from\":{\"id\":22}}}");
        store.inbox().receive(2, "{\"update_id\":2,\"message\":{\"from\": {\"is_bot\":false, \"id\" : 22}}}");
        store.inbox().receive(3, "{\"update_id\":3,\"message\":{\"new_chat_members\":[{\"id\":5},{\"id\":22}]}}");
        store.inbox().receive(4, "{\"update_id\":4,\"message\":{\"contact\":{\"user_id\":22}}}");
        store.inbox().receive(5, "{\"update_id\":5,\"message\":{\"from\":{\"id\":221},\"text\":\"22\"}}");
        store.inbox().receive(6, "{\"update_id\":6,\"message\":{\"from\":{\"id\":11}}}");
        store.pairings().forget(22, QUIET);
        assertEquals(
                "5,6",
                Rows.text(
                        store,
                        "SELECT group_concat(update_id) FROM (SELECT update_id FROM inbox WHERE raw_json <> ''"
                                + " ORDER BY update_id)"),
                "an id last in its object, after a space, in a list or as user_id is found; 221 and a text are not");
    }

    @Test
    void unlinkingOrUnpairingDropsWhatWaitsForTheGroupButNotWhatWaitsForThePartners() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        String pending = "SELECT group_concat(chat_id) FROM (SELECT chat_id FROM outbox WHERE state = 'pending'"
                + " ORDER BY chat_id)";
        store.outbox().enqueue(couple, new Outgoing(Fixture.GROUP, OutboxKind.SEND, "{\"text\":\"Ana: yes\"}", null));
        store.outbox().enqueue(couple, new Outgoing(22, OutboxKind.SEND, "{\"text\":\"for Ben\"}", null));
        store.pairings().unlink(Fixture.GROUP, QUIET);
        assertEquals("22", Rows.text(store, pending), "the unlinked group gets nothing more; Ben's message goes");

        store.couples().registerGroupChat(-77, couple);
        store.outbox().enqueue(couple, new Outgoing(-77, OutboxKind.SEND, "{\"text\":\"Ben: sure\"}", null));
        store.pairings().dissolve(couple, QUIET);
        assertEquals("22", Rows.text(store, pending), "unpairing leaves the group nothing to receive");
    }

    @Test
    void aLinkWaitingForTheOtherPartnerFollowsAGroupThatBecameASupergroup() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        store.pairings().propose(new GroupProposal(-5, couple, Partner.A), QUIET);
        store.pairings().groupMigrated(-5, -1005);
        assertTrue(store.pairings().proposal(-5).isEmpty());
        assertEquals(Partner.A, store.pairings().proposal(-1005).orElseThrow().proposedBy());
    }
}
