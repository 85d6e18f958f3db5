package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Profile;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.DatabaseBytes;
import dev.rekindle.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Couples on Telegram, end to end: every way it can go wrong (stale and reused codes, a third person in the
 * group, a partner leaving, the bot removed, a migrated group, a blocked bot, unpairing, a partner who is not
 * safe), and the data rights in detail. The real bot against the fake Bot API, the shipped dialogs and the real
 * models. The whole way when all goes well, with every message checked, is {@link CoupleJourneyIT}.
 */
class CouplesIT extends BotOnFakeTelegram {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final Person GUEST = new Person(777888999L, "Guest");
    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final Pattern LINK =
            Pattern.compile("t\\.me/" + FakeBotApi.BOT_USERNAME + "\\?start=([A-Za-z0-9_-]+)");
    private static final String HELP = "guides the two of you";

    @BeforeEach
    void start() {
        // the fake Bot API and its chats are started by BotOnFakeTelegram, whose @BeforeEach runs first
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                library,
                understanding,
                TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                        .withClock(clock)
                        .withLimits(RateLimiter.Limits.NONE)); // Telegram's pace is proven in TelegramBotIT
    }

    // ---------------------------------------------------------------- helpers

    /** Something the bot answers at once, so everything before it in that chat was handled. */
    private void roundTrip(Person who) {
        int before = chats.sent(who.id(), HELP).size();
        api.pushText(who, "/help");
        chats.awaitSent(who.id(), HELP, before + 1);
    }

    /** Onboarding after its first message: 18+, consent, the Telegram name, a time zone, the safety question. */
    private void onboard(Person p, String zone, String safety) {
        chats.press(p, chats.awaitSent(p.id(), "are you 18 or older"), "I'm 18 or older");
        chats.press(p, chats.awaitSent(p.id(), "Is that okay with you?"), "That's okay");
        chats.press(p, chats.awaitSent(p.id(), "What name shall I use"), "Use my Telegram name");
        chats.awaitSent(p.id(), "Where are you?");
        api.pushText(p, zone);
        chats.press(p, chats.awaitSent(p.id(), "do you feel safe with your partner?"), safety);
        chats.awaitSent(p.id(), "You're set up");
    }

    private String invite(Person p, int n) {
        api.pushText(p, "/invite");
        Matcher m = LINK.matcher(Chats.plain(
                chats.awaitSent(p.id(), "Send this link to your partner", n).text()));
        assertTrue(m.find());
        return m.group(1);
    }

    /** Sam and Alex from /start to a couple, Alex answering the safety question with {@code alexSafety}. */
    private void pair(String alexSafety) {
        api.pushText(SAM, "/start");
        onboard(SAM, "+2", "Yes, I feel safe");
        String code = invite(SAM, 1);
        api.pushText(ALEX, "/start " + code);
        onboard(ALEX, "New York", alexSafety);
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Sam invited you to be a couple"), "Accept");
        chats.awaitSent(ALEX.id(), "You and Sam are a couple on Rekindle now");
        chats.awaitSent(SAM.id(), "Alex accepted your invitation");
    }

    /**
     * Sam and Alex as a couple made through the store, both onboarded and safe, for tests about what comes after
     * pairing: quicker than {@link #pair}, whose every message waits for the sender's one-a-second limit per chat.
     */
    private void pairedThroughTheStore() {
        dev.rekindle.store.Store store = bot.store();
        store.couples().createUser(SAM.id(), "Sam", ZoneOffset.ofHours(2));
        store.couples().createUser(ALEX.id(), "Alex", ZoneOffset.UTC);
        store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, ALEX.id());
    }

    private void link() {
        api.setGroupMembers(US, SAM, ALEX);
        api.pushBotAdded(US, SAM);
        chats.awaitSent(US.id(), "privacy mode");
        api.pushGroupText(US, SAM, "/link@" + FakeBotApi.BOT_USERNAME);
        Call confirm = chats.awaitSent(US.id(), "Sam would like this group to be your shared space");
        chats.press(SAM, confirm, "Confirm");
        chats.awaitPopup(SAM, "This one is for your partner to confirm"); // to Sam alone, not to the group
        chats.press(ALEX, confirm, "Confirm");
        chats.awaitSent(US.id(), "This is your shared group now");
    }

    /** Each non-empty BLOB the query returns, named "{what} {n}", read with plain JDBC as anyone with the file could. */
    private static java.util.Map<String, byte[]> blobs(java.sql.Connection c, String what, String sql)
            throws java.sql.SQLException {
        java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object v = rs.getObject(1);
                if (v instanceof byte[] b && b.length > 0) {
                    out.put(what + " " + (out.size() + 1), b);
                }
            }
        }
        return out;
    }

    private long couple() {
        return bot.store().couples().coupleOf(SAM.id()).orElseThrow().id();
    }

    // ---------------------------------------------------------------- what can go wrong

    @Test
    void anInviteeWhoAcceptsAndWritesAtOnceIsAnsweredInTheNewCoupleWhileTheInviterGoesOn() throws Exception {
        api.pushText(SAM, "/start");
        onboard(SAM, "+2", "Yes, I feel safe");
        String code = invite(SAM, 1);
        api.pushText(ALEX, "/start " + code);
        onboard(ALEX, "New York", "Yes, I feel safe");
        Call offer = chats.awaitSent(ALEX.id(), "Sam invited you to be a couple");
        // one getUpdates batch: the inviter starts a dialog, the invitee accepts and at once starts one too. The
        // accept holds both couples' lanes; Alex's next update is resolved only after it, so it runs in the couple
        // Alex has just joined, not in the couple of one the accept removed
        api.holdUpdates();
        api.pushText(SAM, "/appreciate");
        chats.press(ALEX, offer, "Accept");
        api.pushText(ALEX, "/appreciate");
        api.releaseUpdates();
        Call paired = chats.awaitSent(ALEX.id(), "You and Sam are a couple on Rekindle now");
        Call prompt = chats.awaitSent(ALEX.id(), "this week");
        assertTrue(
                paired.messageId() < prompt.messageId(),
                chats.received(ALEX.id()).toString());
        chats.awaitSent(SAM.id(), "this week");

        Couple couple = bot.store().couples().coupleOf(SAM.id()).orElseThrow();
        assertEquals(
                couple.id(),
                bot.store().couples().coupleOf(ALEX.id()).orElseThrow().id());
        assertEquals(CoupleStatus.ACTIVE, couple.status());
        var session = bot.store().sessions().load(couple.id()).orElseThrow().session();
        assertNotNull(session.run(Chat.A), "Sam's dialog runs in the couple");
        assertNotNull(session.run(Chat.B), "and so does Alex's, started right after the accept");
        Eventually.await(
                "every update handled", () -> bot.store().inbox().pending().isEmpty(), WAIT);
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/rekindle.db"));
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox WHERE state = 'failed'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no update failed for a couple that was gone");
        }
    }

    @Test
    void ownUsedExpiredMalformedAndUnknownCodesEachGetAKindAnswerAndACoupleNeverGetsAThirdMember() {
        api.pushText(SAM, "/start");
        onboard(SAM, "London", "Yes, I feel safe");
        String code = invite(SAM, 1);
        assertEquals(22, code.length());
        api.pushText(SAM, "/start " + code);
        chats.awaitSent(SAM.id(), "That's your own invitation");

        api.pushText(GUEST, "/start abc");
        chats.awaitSent(GUEST.id(), "That link looks incomplete");
        onboard(GUEST, "-5:30", "Yes, I feel safe");
        api.pushText(GUEST, "/start " + "A".repeat(22));
        chats.awaitSent(GUEST.id(), "I don't recognise that invitation");

        api.pushText(ALEX, "/start " + code);
        onboard(ALEX, "+1", "Yes, I feel safe");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Sam invited you"), "Accept");
        chats.awaitSent(SAM.id(), "Alex accepted your invitation");
        api.pushText(GUEST, "/start " + code);
        chats.awaitSent(GUEST.id(), "That invitation has already been used");
        api.pushText(SAM, "/invite");
        chats.awaitSent(SAM.id(), "You're already paired with Alex");

        String guests = invite(GUEST, 1);
        api.pushText(ALEX, "/start " + guests);
        chats.awaitSent(ALEX.id(), "You're already in a couple on Rekindle");
        Person dana = new Person(123123123L, "Dana");
        clock.advance(Duration.ofHours(49));
        api.pushText(dana, "/start " + guests);
        chats.awaitSent(dana.id(), "That invitation has expired");
        chats.awaitSent(dana.id(), "are you 18 or older");

        Couple couple = bot.store().couples().coupleOf(SAM.id()).orElseThrow();
        assertEquals(
                java.util.Set.of(SAM.id(), ALEX.id()),
                java.util.Set.copyOf(couple.users().values()));
        assertEquals(
                CoupleStatus.FORMING,
                bot.store().couples().coupleOf(GUEST.id()).orElseThrow().status());
    }

    @Test
    void anInvitationOpenedAndThenUsedBySomeoneElseIsGoneForTheFirst() {
        api.pushText(SAM, "/start");
        onboard(SAM, "UTC", "Yes, I feel safe");
        String code = invite(SAM, 1);
        api.pushText(GUEST, "/start");
        onboard(GUEST, "Berlin", "Yes, I feel safe");
        api.pushText(GUEST, "/start " + code);
        Call guestOffer = chats.awaitSent(GUEST.id(), "Sam invited you");
        api.pushText(ALEX, "/start " + code);
        onboard(ALEX, "Tokyo", "Yes, I feel safe");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Sam invited you"), "Accept");
        chats.awaitSent(SAM.id(), "Alex accepted your invitation");
        chats.press(GUEST, guestOffer, "Accept");
        chats.awaitSent(GUEST.id(), "That invitation has already been used");
        assertEquals(
                2,
                bot.store().couples().coupleOf(SAM.id()).orElseThrow().users().size());
    }

    @Test
    void aDisclosureWrittenDuringOnboardingIsNeverTakenAsANameButAnsweredWithHelp() {
        api.pushText(SAM, "/start");
        chats.press(SAM, chats.awaitSent(SAM.id(), "are you 18 or older"), "I'm 18 or older");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Is that okay with you?"), "That's okay");
        chats.awaitSent(SAM.id(), "What name shall I use");
        api.pushText(SAM, "he hits me when he's drunk");
        chats.awaitSent(SAM.id(), "not your fault");
        assertEquals("Sam", bot.store().couples().user(SAM.id()).orElseThrow().displayName());
        assertEquals(
                Profile.OnboardingStage.NAME,
                bot.store().pairings().profile(SAM.id()).orElseThrow().step());
    }

    @Test
    void aThirdPersonInTheGroupIsIgnoredWithoutAWord() {
        pairedThroughTheStore();
        link();
        int before = chats.received(US.id()).size();
        Call confirm = chats.sent(US.id(), "would like this group").get(0);
        int last = api.pushGroupText(US, GUEST, "/checkin");
        api.pushGroupText(US, GUEST, "/link");
        api.pushGroupText(US, GUEST, "hello everyone");
        chats.press(GUEST, confirm, "Confirm");
        last = api.pushGroupText(US, GUEST, "/menu");
        api.awaitConfirmed(last, WAIT);
        roundTrip(SAM);
        Eventually.await(
                "every update handled", () -> bot.store().inbox().pending().isEmpty(), WAIT);
        assertEquals(
                before,
                chats.received(US.id()).size(),
                "the bot said nothing in the group: " + chats.received(US.id()));
        assertTrue(chats.received(GUEST.id()).isEmpty());
        assertEquals(US.id(), bot.store().couples().chatId(couple(), Chat.GROUP).getAsLong());
    }

    @Test
    void linkingNeedsBothPartnersInTheGroupAndAPartnerWhoLeavesPausesItAndBothAreToldPrivately() {
        pairedThroughTheStore();
        api.setGroupMembers(US, SAM);
        api.pushGroupText(US, SAM, "/link");
        chats.awaitSent(US.id(), "Your partner isn't in this group yet");
        link();

        api.pushLeft(US, ALEX, ALEX);
        chats.awaitSent(SAM.id(), "group exercises are paused");
        chats.awaitSent(ALEX.id(), "group exercises are paused");
        assertTrue(bot.store().couples().chatId(couple(), Chat.GROUP).isEmpty(), "the group is no longer linked");
        int before = chats.received(US.id()).size();
        int id = api.pushGroupText(US, SAM, "/checkin");
        api.awaitConfirmed(id, WAIT);
        roundTrip(SAM);
        Eventually.await(
                "every update handled", () -> bot.store().inbox().pending().isEmpty(), WAIT);
        assertEquals(before, chats.received(US.id()).size(), "no group exercise while paused");

        api.setGroupMembers(US, SAM, ALEX); // Alex is back: linking again works
        api.pushGroupText(US, ALEX, "/link");
        chats.press(SAM, chats.awaitSent(US.id(), "Alex would like this group"), "Confirm");
        chats.awaitSent(US.id(), "This is your shared group now", 2);
        assertEquals(US.id(), bot.store().couples().chatId(couple(), Chat.GROUP).getAsLong());
    }

    @Test
    void theBotRemovedFromTheGroupUnlinksItAndBothAreToldPrivately() {
        pairedThroughTheStore();
        link();
        api.pushLeft(US, new Person(FakeBotApi.BOT_ID, "Rekindle"), SAM);
        chats.awaitSent(SAM.id(), "I was removed from your shared group");
        chats.awaitSent(ALEX.id(), "I was removed from your shared group");
        assertTrue(bot.store().couples().chatId(couple(), Chat.GROUP).isEmpty());
    }

    @Test
    void aMigratedGroupStaysTheCouplesUnderItsNewId() {
        pairedThroughTheStore();
        link();
        long newId = -1002012345678L;
        api.pushMigration(US, newId, SAM);
        api.pushGroupText(new Group(newId, US.title()), ALEX, "/checkin");
        chats.awaitSent(newId, "Can you both put your phones away?");
        assertEquals(newId, bot.store().couples().chatId(couple(), Chat.GROUP).getAsLong());
    }

    @Test
    void aPartnerWhoBlocksTheBotIsMarkedUnreachableAndTheOtherCarriesOn() {
        pairedThroughTheStore();
        api.pushBlocked(ALEX);
        Eventually.await(
                "Alex unreachable",
                () -> bot.store().couples().user(ALEX.id()).orElseThrow().unreachable(),
                WAIT);
        api.failNextInChat(ALEX.id(), 1, FakeBotApi.Failure.blockedByUser());
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "You fixed my bike on Sunday without being asked, and it made my week.");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?"), "Send it");
        chats.awaitSent(SAM.id(), "On its way to Alex");
        api.awaitCall("sendMessage", c -> c.status() == 403, WAIT);
        Eventually.await(
                "the refused message given up (and any notice it causes queued)",
                () -> bot.store()
                        .outbox()
                        .due(ALEX.id(), java.time.Instant.now().plus(java.time.Duration.ofDays(1)), 1)
                        .isEmpty(),
                WAIT);
        roundTrip(SAM);
        assertTrue(chats.sent(ALEX.id(), "bike").isEmpty());
        assertEquals(
                1,
                chats.sent(SAM.id(), "I can't reach Alex at the moment").size(),
                "Sam is told once, when Alex blocked the bot, not again at the refused message");
    }

    @Test
    void aPartnerWhoBlockedTheBotUnnoticedIsFoundOutByTheFirstRefusalAndTheOtherIsToldOnce() {
        pairedThroughTheStore();
        api.failNextInChat(ALEX.id(), 2, FakeBotApi.Failure.blockedByUser());
        List<String> thanks = List.of(
                "You fixed my bike on Sunday without being asked, and it made my week.",
                "You listened to me on the phone for an hour when work was awful.");
        for (int n = 1; n <= thanks.size(); n++) {
            api.pushText(SAM, "/appreciate");
            chats.awaitSent(SAM.id(), "this week", n);
            api.pushText(SAM, thanks.get(n - 1));
            chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?", n), "Send it");
            chats.awaitSent(SAM.id(), "Alex. Thank you", n);
        }
        api.awaitCall("sendMessage", c -> c.status() == 403, WAIT);
        chats.awaitSent(SAM.id(), "I can't reach Alex at the moment");
        roundTrip(SAM);
        assertTrue(bot.store().couples().user(ALEX.id()).orElseThrow().unreachable());
        assertEquals(1, chats.sent(SAM.id(), "I can't reach Alex at the moment").size(), "told once");
    }

    @Test
    void unpairingTellsTheOtherNeutrallyUnlinksTheGroupAndEachKeepsOnlyTheirOwnJournal() {
        pairedThroughTheStore();
        link();
        long together = couple();
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "You cooked dinner for my parents and made them feel welcome.");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?"), "Send it");
        chats.awaitSent(ALEX.id(), "cooked dinner");
        Eventually.await(
                "the journal line", () -> bot.store().journal().list(together).size() == 1, WAIT);

        api.pushText(ALEX, "/unpair");
        Call ask = chats.awaitSent(ALEX.id(), "Do you want to end your pairing with Sam?");
        chats.press(ALEX, ask, "Yes, end it");
        chats.awaitSent(ALEX.id(), "Your pairing has ended");
        String told = Chats.plain(
                chats.awaitSent(SAM.id(), "Your pairing on Rekindle has ended").text());
        assertFalse(told.contains("Alex"), "neutral: " + told);

        Couple sam = bot.store().couples().coupleOf(SAM.id()).orElseThrow();
        Couple alex = bot.store().couples().coupleOf(ALEX.id()).orElseThrow();
        assertNotEquals(sam.id(), alex.id());
        assertEquals(CoupleStatus.FORMING, sam.status());
        assertEquals(1, bot.store().journal().list(sam.id()).size(), "Sam keeps the line Sam wrote");
        assertEquals(0, bot.store().journal().list(alex.id()).size(), "Alex keeps nothing of Sam's");
        assertTrue(bot.store().couples().chatId(sam.id(), Chat.GROUP).isEmpty());
        assertTrue(bot.store().sessions().load(together).isEmpty(), "the shared session is gone");
        api.pushText(SAM, "/unpair");
        chats.awaitSent(SAM.id(), "You're not paired with anyone right now");
        String again = invite(SAM, 1);
        assertEquals(22, again.length());
    }

    @Test
    void aPartnerWhoIsNotSafeGetsHelpPrivatelyAndSharedExercisesStayOffWithoutTheOtherBeingTold() {
        pair("No, not always");
        chats.awaitSent(ALEX.id(), "not your fault");
        link();
        api.pushGroupText(US, SAM, "/checkin");
        chats.awaitSent(US.id(), "Shared exercises are paused for now");
        roundTrip(SAM);
        assertEquals(
                Profile.ScreeningAnswer.UNSAFE,
                bot.store().pairings().profile(ALEX.id()).orElseThrow().safety());
        for (String word : List.of("not your fault", "hotline", "violence", "I've paused", "unsafe", "not always")) {
            assertTrue(chats.sent(SAM.id(), word).isEmpty(), "Sam is never told: " + word);
            assertTrue(chats.sent(US.id(), word).isEmpty(), "the group is never told: " + word);
        }
    }

    // ---------------------------------------------------------------- safety in context

    @Test
    void aChildhoodMemoryTypedIntoHealingIsAcknowledgedTheReflectionGoesOnAndNothingIsPaused() {
        pairedThroughTheStore();
        link();
        api.pushText(SAM, "/healing");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Three questions to sit with"), "Yes, gently");
        chats.awaitSent(SAM.id(), "What old hurts might I be bringing");
        api.pushText(SAM, "my dad used to beat me when I was a kid");
        chats.press(SAM, chats.awaitSent(SAM.id(), "What happened wasn't your fault"), "Go on");
        chats.awaitSent(SAM.id(), "How do my past experiences affect");
        api.pushGroupText(US, ALEX, "/checkin");
        chats.awaitSent(US.id(), "Time for your 15-minute check-in");
        assertTrue(chats.sent(US.id(), "Shared exercises are paused").isEmpty(), "nothing is paused");
        for (String word : List.of("beat", "wasn't your fault", "trauma", "Let's leave this here")) {
            assertTrue(chats.sent(ALEX.id(), word).isEmpty(), "Alex is never told: " + word);
            assertTrue(chats.sent(US.id(), word).isEmpty(), "the group is never told: " + word);
        }
    }

    @Test
    void aCurrentDisclosureTypedMidExercisePausesPrivatelyAndThePartnerSeesOnlyTheNeutralLines() {
        pairedThroughTheStore();
        link();
        api.pushGroupText(US, SAM, "/reconnect");
        chats.awaitSent(SAM.id(), "Tap your answer");
        api.pushText(ALEX, "he hit me again last night and I am scared to go home");
        chats.awaitSent(ALEX.id(), "it is not your fault");
        chats.awaitSent(US.id(), "Let's leave this here for now.");
        chats.awaitSent(ALEX.id(), "never why. You decide, here in private, if and when they come back: /support.");
        api.pushGroupText(US, SAM, "/checkin");
        chats.awaitSent(US.id(), "Shared exercises are paused for now");
        roundTrip(SAM);
        for (String word :
                List.of("hit me", "not your fault", "hotline", "I've paused", "if and when they come back")) {
            assertTrue(chats.sent(SAM.id(), word).isEmpty(), "Sam is never told: " + word);
            assertTrue(chats.sent(US.id(), word).isEmpty(), "the group is never told: " + word);
        }
    }

    // ---------------------------------------------------------------- data rights

    @Test
    void forgettingDeletesEverythingOfThePersonEndsThePairingNeutrallyAndLeavesNoTraceInTheFileOrItsLog()
            throws Exception {
        String marker = "Quokka-7319";
        pairedThroughTheStore();
        link();
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "You drove me to the station at " + marker + " o'clock in the rain and waited with me.");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?"), "Send it");
        chats.awaitSent(ALEX.id(), marker);
        // the line is kept, and read back through the store: encrypted at rest, the journal row does not hold the
        // marker's bytes (the inbox and outbox rows of the message still may, for a while: see docs/privacy.md)
        Eventually.await(
                "the marker in Sam's journal",
                () -> bot.store()
                        .couples()
                        .coupleOf(SAM.id())
                        .map(c -> bot.store().journal().list(c.id()).stream()
                                .anyMatch(e -> e.text().contains(marker)))
                        .orElse(false),
                WAIT);

        api.pushText(SAM, "/forget");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Shall I delete everything I keep about you"), "No, keep it");
        chats.awaitSent(SAM.id(), "nothing was deleted");
        assertTrue(bot.store().couples().user(SAM.id()).isPresent());
        api.pushText(SAM, "/forget");
        Call confirm = chats.awaitSent(SAM.id(), "Shall I delete everything I keep about you", 2);

        // Sam's words are encrypted, so a plain marker missing afterwards proves little: take the very bytes of
        // each of Sam's encrypted values from the file (the couple's session, Sam's journal line, an update of
        // Sam's that failed and is kept, a message to Sam waiting to be sent) and look for those afterwards
        bot.store()
                .inbox()
                .receive(
                        1,
                        "{\"update_id\":1,\"message\":{\"message_id\":5,\"from\":{\"id\":" + SAM.id()
                                + ",\"is_bot\":false,\"first_name\":\"Sam\"},\"text\":\"" + marker + "\"}}");
        bot.store().inbox().markFailed(1);
        // the answer (one message: no "typing"): held, still to send at /forget
        api.failNextInChat(SAM.id(), 1, FakeBotApi.Failure.tooManyRequests(3600));
        api.pushText(SAM, "/help");
        api.awaitCall("sendMessage", c -> c.status() == 429 && c.chatId() != null && c.chatId() == SAM.id(), WAIT);
        long samsCouple = couple();
        Path db = dir.resolve("data").resolve("rekindle.db");
        java.util.Map<String, byte[]> sealed = new java.util.LinkedHashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
            sealed.putAll(blobs(c, "session", "SELECT engine_json FROM sessions WHERE couple_id = " + samsCouple));
            sealed.putAll(blobs(
                    c,
                    "journal line",
                    "SELECT text FROM journal WHERE couple_id = " + samsCouple + " AND author = 'A'"));
            sealed.putAll(blobs(c, "failed update", "SELECT raw_json FROM inbox WHERE update_id = 1"));
            sealed.putAll(blobs(
                    c,
                    "message waiting",
                    "SELECT payload FROM outbox WHERE chat_id = " + SAM.id() + " AND state = 'pending'"));
        }
        for (String kind : List.of("session", "journal line", "failed update", "message waiting")) {
            assertTrue(
                    sealed.keySet().stream().anyMatch(k -> k.startsWith(kind)),
                    "Sam has a " + kind + ": " + sealed.keySet());
        }
        sealed.forEach((what, bytes) -> assertTrue(DatabaseBytes.contain(db, bytes), "the check finds " + what));

        chats.press(SAM, confirm, "Yes, delete it all");
        String told = Chats.plain(
                chats.awaitSent(ALEX.id(), "Your pairing on Rekindle has ended").text());
        assertFalse(told.contains("Sam") || told.contains("delete"), "neutral: " + told);
        Eventually.await(
                "Sam forgotten", () -> bot.store().couples().user(SAM.id()).isEmpty(), WAIT);
        clock.advance(Duration.ofHours(2)); // past the 429's hold on Sam's chat
        bot.sender().wake();
        chats.awaitSent(SAM.id(), "everything I kept about you is deleted");
        try {
            Eventually.await(
                    "none of Sam's encrypted values in the file or its log",
                    () -> sealed.values().stream().noneMatch(bytes -> DatabaseBytes.contain(db, bytes)),
                    WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(
                    "still in the file or its log after /forget: "
                            + sealed.entrySet().stream()
                                    .filter(v -> DatabaseBytes.contain(db, v.getValue()))
                                    .map(java.util.Map.Entry::getKey)
                                    .toList(),
                    e);
        }

        assertTrue(bot.store().couples().user(SAM.id()).isEmpty());
        assertTrue(bot.store().pairings().profile(SAM.id()).isEmpty());
        assertTrue(bot.store().couples().coupleOf(SAM.id()).isEmpty());
        Couple alex = bot.store().couples().coupleOf(ALEX.id()).orElseThrow();
        assertEquals(CoupleStatus.FORMING, alex.status());
        assertTrue(bot.store().journal().list(alex.id()).isEmpty(), "Sam's line went with Sam");
        Eventually.await(
                "no trace of the marker in the database file or its log",
                () -> !DatabaseBytes.contain(dir.resolve("data").resolve("rekindle.db"), marker),
                WAIT);
    }

    @Test
    void exportSendsAFileOfEverythingAboutThePersonAndNothingOfThePartnersPrivateAnswers() {
        pairedThroughTheStore();
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "You planted the Heron-2231 roses by the door for me last weekend.");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?"), "Send it");
        chats.awaitSent(ALEX.id(), "Heron-2231");
        api.pushText(ALEX, "/appreciate");
        chats.awaitSent(ALEX.id(), "this week");
        api.pushText(ALEX, "You stayed calm at the Lynx-8842 dinner when my brother was rude.");
        chats.awaitSent(ALEX.id(), "Would you like me to send it to Sam?"); // Alex has not decided: it stays Alex's

        JsonNode sam = export(SAM);
        assertEquals("Sam", sam.path("user").path("name").asText());
        assertEquals("+02:00", sam.path("user").path("time_zone").asText());
        assertTrue(sam.path("onboarding").has("agreed_to_privacy_note"));
        assertEquals("safe", sam.path("onboarding").path("safety_answer").asText());
        assertTrue(sam.path("journal").toString().contains("Heron-2231"), sam.toString());
        assertFalse(sam.toString().contains("Lynx-8842"), "nothing of Alex's private answers: " + sam);

        JsonNode alex = export(ALEX);
        assertTrue(alex.path("answers").toString().contains("Lynx-8842"), alex.toString());
        assertFalse(alex.toString().contains("Heron-2231"), "Sam's journal line is Sam's: " + alex);
        assertFalse(alex.toString().contains("Sam"), "nothing about Sam at all: " + alex);
    }

    private JsonNode export(Person who) {
        int before = api.calls("sendDocument").size();
        api.pushText(who, "/export");
        chats.awaitSent(
                who.id(),
                "Here is everything I keep about you",
                chats.sent(who.id(), "Here is everything").size() + 1);
        Call doc = api.calls("sendDocument").get(before);
        assertEquals(who.id(), doc.chatId().longValue());
        assertEquals("rekindle-export.json", doc.params().path("file_name").asText());
        return doc.params().get("file");
    }
}
