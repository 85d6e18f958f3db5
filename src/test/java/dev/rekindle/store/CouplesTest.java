package dev.rekindle.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CouplesTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;
    Couples couples;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
        couples = store.couples();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aMessageInAChatFindsItsCoupleAndPartner() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        assertEquals(Optional.of(new Member(couple, Partner.A, Chat.A)), couples.find(11, 11));
        assertEquals(Optional.of(new Member(couple, Partner.B, Chat.B)), couples.find(22, 22));
        assertEquals(Optional.of(new Member(couple, Partner.B, Chat.GROUP)), couples.find(Fixture.GROUP, 22));
    }

    @Test
    void aStrangerOrAnotherPartnersPrivateChatFindsNoOne() {
        Fixture.couple(store, 11, 22, Fixture.GROUP);
        assertEquals(Optional.empty(), couples.find(Fixture.GROUP, 99));
        assertEquals(Optional.empty(), couples.find(11, 22));
        assertEquals(Optional.empty(), couples.find(12345, 11));
    }

    @Test
    void eachChatOfACoupleHasItsTelegramId() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        assertEquals(OptionalLong.of(11), couples.chatId(couple, Chat.A));
        assertEquals(OptionalLong.of(22), couples.chatId(couple, Chat.B));
        assertEquals(OptionalLong.of(Fixture.GROUP), couples.chatId(couple, Chat.GROUP));
        assertEquals(
                java.util.Map.of(Chat.A, 11L, Chat.B, 22L, Chat.GROUP, Fixture.GROUP),
                couples.chatIds(couple),
                "all of them in one read");
        couples.registerGroupChat(-42, couple);
        assertEquals(OptionalLong.of(-42), couples.chatId(couple, Chat.GROUP));
        assertEquals(java.util.Map.of(Chat.A, 11L, Chat.B, 22L, Chat.GROUP, -42L), couples.chatIds(couple));
        assertEquals(Optional.empty(), couples.find(Fixture.GROUP, 11));
    }

    @Test
    void theChatIdsAreReadAgainAfterAGroupIsMovedUnlinkedOrTheCoupleForgotten() {
        long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
        Reply quiet = new Reply(java.util.List.of(), OptionalLong.empty());
        assertEquals(Fixture.GROUP, couples.chatIds(couple).get(Chat.GROUP), "read once, and kept");
        store.outbox().moveChat(Fixture.GROUP, -777);
        assertEquals(java.util.Map.of(Chat.A, 11L, Chat.B, 22L, Chat.GROUP, -777L), couples.chatIds(couple));
        store.pairings().unlink(-777, quiet);
        assertEquals(java.util.Map.of(Chat.A, 11L, Chat.B, 22L), couples.chatIds(couple));
        store.pairings().forget(22, quiet);
        assertEquals(java.util.Map.of(), couples.chatIds(couple), "forgetting a partner dissolves the couple");
    }

    @Test
    void aCoupleOfOneHasOnlyItsPrivateChat() {
        couples.createUser(77, "Ana", java.time.ZoneOffset.UTC);
        long couple = couples.startCouple(77);
        couples.registerPrivateChat(77, 77);
        assertEquals(java.util.Map.of(Chat.A, 77L), couples.chatIds(couple));
    }

    @Test
    void aFormingCoupleBecomesActiveWhenPartnerBJoins() {
        couples.createUser(11, "Ana", Fixture.ZONE);
        couples.createUser(22, "Ben", Fixture.ZONE);
        long couple = couples.startCouple(11);
        assertEquals(
                new Couple(couple, CoupleStatus.FORMING, clock.instant(), Map.of(Partner.A, 11L)),
                couples.couple(couple).orElseThrow());
        couples.join(couple, 22);
        assertEquals(
                new Couple(couple, CoupleStatus.ACTIVE, clock.instant(), Map.of(Partner.A, 11L, Partner.B, 22L)),
                couples.coupleOf(22).orElseThrow());
        StoreException e = assertThrows(StoreException.class, () -> couples.join(couple, 33));
        assertEquals(
                "database " + store.path() + " could not let user 33 join couple " + couple + ": couple " + couple
                        + " is not forming (unknown, or both partners are in)",
                e.getMessage());
    }

    @Test
    void aUserBelongsToOneCouple() {
        Fixture.couple(store, 11, 22, Fixture.GROUP);
        couples.createUser(33, "Cleo", Fixture.ZONE);
        assertThrows(StoreException.class, () -> couples.createCouple(33, 22));
        assertEquals(Optional.empty(), couples.coupleOf(33));
    }

    @Test
    void aPrivateChatNeedsTheUserInACouple() {
        couples.createUser(11, "Ana", Fixture.ZONE);
        StoreException e = assertThrows(StoreException.class, () -> couples.registerPrivateChat(11, 11));
        assertEquals(true, e.getMessage().contains("user 11 belongs to no couple; start or join one first"));
    }

    @Test
    void aUserIsKeptWithNameZoneAndCreationTime() {
        User ana = couples.createUser(8_000_000_000L, "Ana", Fixture.ZONE);
        assertEquals(new User(8_000_000_000L, "Ana", Fixture.ZONE, false, clock.instant()), ana);
        assertEquals(Optional.of(ana), couples.user(8_000_000_000L));
        assertEquals(Optional.empty(), couples.user(1));
    }
}
