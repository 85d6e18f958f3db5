package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.OutboxPayload;
import dev.rekindle.store.OutboxState;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Failure;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.Eventually;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole bot, end to end: a real SQLite file, the real TelegramBots client and long polling against the
 * fake Bot API on 127.0.0.1, the shipped dialogs and the real Understanding from models/en. Waits are
 * bounded waits on conditions; timers move with a clock that follows real time plus what a test adds.
 */
class TelegramBotIT extends BotOnFakeTelegram {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final String HELP = "guides the two of you";

    private long couple;

    /** Without Telegram's pace, which only {@link #typingShowsWhileAnAnswersNextMessageWaitsForTelegramsPaceAndNeverBeforeAOneMessageAnswer} needs. */
    private TelegramBot.Options options() {
        return TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                .withClock(clock)
                .withLimits(RateLimiter.Limits.NONE);
    }

    private TelegramBot start(TelegramBot.Options options) {
        bot = TelegramBot.start(api.settings(Duration.ofSeconds(1)), library, understanding, options);
        return bot;
    }

    /** Sam and Alex as a couple, with their private chats and their group, made through the store. */
    private void makeCouple(Store store) {
        store.couples().createUser(SAM.id(), "Sam", ZoneOffset.UTC);
        store.couples().createUser(ALEX.id(), "Alex", ZoneOffset.UTC);
        couple = store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        store.couples().registerGroupChat(US.id(), couple);
        onboarded(store, SAM.id());
        onboarded(store, ALEX.id());
    }

    /** As if the user had gone through onboarding (18+, consent, safe). */
    static void onboarded(Store store, long userId) {
        java.time.Instant now = java.time.Instant.now();
        store.pairings()
                .save(
                        new Profile(
                                userId,
                                Profile.OnboardingStage.DONE,
                                true,
                                now,
                                Profile.ScreeningAnswer.SAFE,
                                now,
                                null),
                        null,
                        null,
                        new Reply(List.of(), java.util.OptionalLong.empty()));
    }

    /** Something the bot answers at once, to know that everything before it in that chat was handled. */
    private void roundTrip(Person who) {
        int before = chats.sent(who.id(), HELP).size();
        api.pushText(who, "/help");
        chats.awaitSent(who.id(), HELP, before + 1);
    }

    // ---------------------------------------------------------------- conversations

    /** The core's threads, which a test can stop taking work for a while (what is held runs on release). */
    private static final class HeldExecutor implements java.util.concurrent.Executor, AutoCloseable {
        private final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        private List<Runnable> held;

        @Override
        public synchronized void execute(Runnable task) {
            if (held != null) {
                held.add(task);
            } else {
                pool.execute(task);
            }
        }

        synchronized void hold() {
            held = new ArrayList<>();
        }

        synchronized void release() {
            List<Runnable> waiting = held;
            held = null;
            waiting.forEach(pool::execute);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    @Test
    void wordsWaitingInTheInboxAndASharedAnswerWaitingInTheOutboxAreEncryptedAndReadBackThroughTheStore() {
        String marker = "Quokka-5581";
        java.nio.file.Path db = dir.resolve("data/rekindle.db");
        try (HeldExecutor core = new HeldExecutor()) {
            start(options().withCoreExecutor(core));
            makeCouple(bot.store());
            api.pushText(SAM, "/appreciate");
            chats.awaitSent(SAM.id(), "this week");

            core.hold();
            int update = api.pushText(SAM, "You sang " + marker + " to me while I cooked, and I felt so loved.");
            Eventually.await(
                    "the update stored",
                    () -> bot.store().inbox().pending().stream().anyMatch(u -> u.updateId() == update),
                    WAIT);
            assertFalse(
                    dev.rekindle.testing.DatabaseBytes.contain(db, marker),
                    "the update waiting in the inbox is encrypted in the file and its log");
            assertTrue(
                    bot.store().inbox().pending().stream()
                            .filter(u -> u.updateId() == update)
                            .findFirst()
                            .orElseThrow()
                            .rawJson()
                            .contains(marker),
                    "and reads back through the store");

            api.holdChat(ALEX.id());
            core.release();
            chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?"), "Send it");
            api.awaitWaiting(ALEX.id(), 1, WAIT);
            assertFalse(
                    dev.rekindle.testing.DatabaseBytes.contain(db, marker),
                    "the shared answer waiting in the outbox is encrypted in the file and its log");
            assertTrue(
                    bot.store().outbox().due(ALEX.id(), clock.instant().plus(Duration.ofDays(1)), 10).stream()
                            .anyMatch(e -> e.payload().contains(marker)),
                    "and reads back through the store");
            api.releaseChat(ALEX.id());
            chats.awaitSent(ALEX.id(), marker);
            bot.close(); // before its core's threads stop
        }
    }

    @Test
    void aCommandForOnboardingWaitsForTheDialogAnswerToTheTextBeforeItInTheSameBatch() {
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.holdUpdates();
        api.pushText(SAM, "You made coffee every morning while I was swamped at work. I felt looked after.");
        api.pushText(SAM, "/unpair");
        api.releaseUpdates();
        Call confirm = chats.awaitSent(SAM.id(), "Do you want to end your pairing");
        Call offer = chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?");
        assertTrue(
                offer.messageId() < confirm.messageId(),
                "the answer to the text comes first, as Sam wrote it " + "first: " + chats.received(SAM.id()));
    }

    @Test
    void aForgetConfirmedRightAfterADialogAnswerInTheSameBatchLetsTheAnswerBeHandledFirst() throws Exception {
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "/forget");
        Call confirm = chats.awaitSent(SAM.id(), "Shall I delete everything");
        api.holdUpdates();
        int text = api.pushText(SAM, "You made coffee every morning while I was swamped at work. I felt looked after.");
        chats.press(SAM, confirm, "Yes, delete it all");
        api.releaseUpdates();
        chats.awaitSent(SAM.id(), "everything I kept about you is deleted");
        Eventually.await(
                "Sam forgotten", () -> bot.store().couples().user(SAM.id()).isEmpty(), WAIT);
        // the text was handled by the couple it was written in, before the forgetting: done, not failed for a
        // couple that no longer existed (a failed row would keep Sam's words)
        Eventually.await(
                "the text handled",
                () -> bot.store().inbox().pending().stream().noneMatch(u -> u.updateId() == text),
                WAIT);
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/rekindle.db"));
                java.sql.PreparedStatement p = c.prepareStatement("SELECT state FROM inbox WHERE update_id = ?")) {
            p.setLong(1, text);
            try (java.sql.ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next(), "update " + text + " is in the inbox");
                assertEquals("done", rs.getString(1));
            }
        }
    }

    @Test
    void aPartnerAppreciatesAndTheOtherReceivesItOnlyAfterConsent() {
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, "You made coffee every morning while I was swamped at work. I felt looked after.");
        Call offer = chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?");
        assertTrue(chats.sent(ALEX.id(), "").isEmpty(), "nothing reaches Alex before Sam says yes");
        chats.press(SAM, offer, "Send it");
        chats.awaitSent(ALEX.id(), "coffee every morning");
        chats.awaitSent(SAM.id(), "Alex");
        api.awaitCall(
                "editMessageText",
                c -> c.chatId() == SAM.id()
                        && c.messageId() == offer.messageId().intValue(),
                WAIT);
        assertNull(api.message(SAM.id(), offer.messageId()).get("reply_markup"), "the offer's buttons are closed");
        assertEquals(
                "Thank you for noticing that. Would you like me to send it to Alex?\n\n✓ Send it",
                api.message(SAM.id(), offer.messageId()).get("text").asText(),
                "and it shows the answer Sam gave");
        api.awaitCall("answerCallbackQuery", c -> true, WAIT); // the press was answered
        assertTrue(api.calls("setMyCommands").get(0).params().toString().contains("appreciate"));

        api.pushMedia(SAM.id(), SAM, "sticker");
        chats.awaitSent(SAM.id(), "only read written words");
        assertEquals(1, bot.store().journal().list(couple).size());
    }

    @Test
    void typingShowsWhileAnAnswersNextMessageWaitsForTelegramsPaceAndNeverBeforeAOneMessageAnswer() {
        start(options().withLimits(RateLimiter.Limits.TELEGRAM));
        makeCouple(bot.store());
        api.pushText(SAM, "/affection");
        chats.press(SAM, chats.awaitSent(SAM.id(), "how is touch for you right now?"), "Not today");
        chats.awaitSent(SAM.id(), "Another day");
        roundTrip(SAM);
        assertEquals(List.of(), api.calls("sendChatAction"), "one-message answers come without typing");

        api.pushText(SAM, "/affection");
        chats.press(SAM, chats.awaitSent(SAM.id(), "how is touch for you right now?", 2), "I'd like more of it");
        chats.press(SAM, chats.awaitSent(SAM.id(), "today?"), "Holding hands when we're out");
        Call second = chats.awaitSent(SAM.id(), "You picked holding hands");
        Call first = chats.awaitSent(SAM.id(), "when you're both comfortable with it");
        List<Call> typing = api.calls("sendChatAction");
        assertEquals(1, typing.size(), "typing once, while the second message waited: " + typing);
        assertEquals(SAM.id(), typing.get(0).chatId());
        assertEquals("typing", typing.get(0).params().get("action").asText());
        List<Call> all = api.calls();
        assertTrue(
                all.indexOf(first) < all.indexOf(typing.get(0)) && all.indexOf(typing.get(0)) < all.indexOf(second),
                "typing came after the first message and before the second: "
                        + all.stream().map(Call::method).toList());
    }

    private static void assertNull(Object o, String message) {
        assertTrue(o == null || (o instanceof JsonNode n && n.isNull()), message + ": " + o);
    }

    @Test
    void theCouplesGroupRunsTheDailyCheckinWithBothPartnersPressing() {
        start(options());
        makeCouple(bot.store());
        api.pushGroupText(US, SAM, "/checkin@" + FakeBotApi.BOT_USERNAME);
        Call phones = chats.awaitSent(US.id(), "Can you both put your phones away?");
        chats.press(ALEX, phones, "My phone is away");
        chats.press(SAM, chats.awaitSent(US.id(), "Sam, tap when yours is away too"), "Mine is away too");
        Call turn = chats.awaitSent(US.id(), " speaks, ");
        Matcher m = Pattern.compile("(\\w+) speaks, (\\w+) listens").matcher(Chats.plain(turn.text()));
        assertTrue(m.find(), turn.text());
        Person speaker = m.group(1).equals("Sam") ? SAM : ALEX;
        Person listener = speaker == SAM ? ALEX : SAM;
        chats.press(listener, turn, "I'm done");
        chats.awaitPopup(listener, "your partner's to tap");
        chats.press(speaker, turn, "I'm done");
        Call swap = chats.awaitSent(US.id(), listener.firstName() + " speaks, ");
        chats.press(listener, swap, "I'm done");
        chats.awaitSent(US.id(), "private question");
        chats.awaitSent(SAM.id(), "One word for how you feel");
        chats.awaitSent(ALEX.id(), "One word for how you feel");

        api.pushText(SAM, "calm");
        chats.press(SAM, chats.awaitSent(SAM.id(), "May I show your word"), "Show it");
        chats.awaitSent(SAM.id(), "I'll show the words in the group");
        api.pushText(ALEX, "tired");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "May I show your word"), "Keep it to me");
        // one word kept private keeps both private, so no name stands beside "(kept private)"
        Call words = chats.awaitSent(US.id(), "Your words stay with you today");
        assertFalse(words.text().contains("tired"), "Alex kept the word private: " + words.text());
        assertFalse(words.text().contains("calm"), "a word is shown only when both agreed: " + words.text());
        chats.press(SAM, chats.awaitSent(US.id(), "How was this check-in for you?"), "Good, let's do it again");
        chats.press(ALEX, chats.awaitSent(US.id(), "And how was it for you, Alex?"), "Hard, but worth it");
        chats.awaitSent(US.id(), "Saved in your journal");
        assertEquals(2, bot.store().journal().list(couple).size(), "each partner's own answer is kept");
    }

    @Test
    void aGroupMessageFromSomeoneElseIsIgnoredPolitely() {
        start(options());
        makeCouple(bot.store());
        Person guest = new Person(999L, "Guest");
        int id = api.pushGroupText(US, guest, "/checkin");
        api.awaitConfirmed(id, WAIT);
        roundTrip(SAM);
        assertTrue(chats.sent(US.id(), "").isEmpty(), "the bot said nothing in the group");
        assertTrue(bot.store().sessions().load(couple).isEmpty()
                || bot.store().sessions().load(couple).get().session().run(dev.rekindle.dialog.engine.Chat.GROUP)
                        == null);
    }

    // ---------------------------------------------------------------- once, and after crashes

    @Test
    void aDuplicatedUpdateActsOnce() {
        start(options());
        makeCouple(bot.store());
        int help = api.pushText(SAM, "/help");
        chats.awaitSent(SAM.id(), HELP);
        api.awaitConfirmed(help, WAIT);
        api.redeliver(help);
        api.pushText(SAM, "/menu");
        chats.awaitSent(SAM.id(), "What would you like to do?");
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
    }

    @Test
    void crashBeforeCommitRedeliversOnce() {
        // the core's executor never runs anything: updates reach the inbox and stop there, like a kill
        start(options().withCoreExecutor(r -> {}).withStopWait(Duration.ofMillis(200)));
        makeCouple(bot.store());
        int help = api.pushText(SAM, "/help");
        api.awaitConfirmed(help, WAIT); // stored, and confirmed to "Telegram": only our inbox has it now
        assertEquals(1, bot.store().inbox().pending().size());
        bot.close();
        assertTrue(chats.sent(SAM.id(), HELP).isEmpty());

        start(options());
        chats.awaitSent(SAM.id(), HELP);
        api.redeliver(help); // and should Telegram send it again too, it still acts once
        roundTrip(ALEX);
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
        assertTrue(bot.store().inbox().pending().isEmpty());
    }

    @Test
    void crashBetweenCommitAndSendDeliversAfterRestart() {
        start(options().withSending(false));
        makeCouple(bot.store());
        int help = api.pushText(SAM, "/help");
        api.awaitConfirmed(help, WAIT);
        Eventually.await(
                "the commit of /help",
                () -> bot.store().inbox().pending().isEmpty()
                        && !bot.store().outbox().due(clock.instant(), 10).isEmpty());
        bot.close();
        assertTrue(chats.sent(SAM.id(), HELP).isEmpty());

        start(options());
        chats.awaitSent(SAM.id(), HELP);
        roundTrip(ALEX);
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
    }

    @Test
    void aLongMessageCutShortByFloodControlSendsOnlyItsMissingPartsAfterARestart() {
        String one = "One. " + "a".repeat(3000);
        String two = "Two. " + "b".repeat(3000);
        String three = "Three. " + "c".repeat(3000);
        start(options());
        makeCouple(bot.store());
        api.failNextAfter("sendMessage", 1, Failure.tooManyRequests(60)); // part 1 goes, part 2 meets a 429
        String text = one + "\n\n" + two + "\n\n" + three; // over 4,096 characters: three parts
        bot.store()
                .outbox()
                .enqueue(couple, OutboxPayload.entry(SAM.id(), new OutboxMessage.Text(text, List.of()), null));
        api.awaitCall("sendMessage", c -> c.status() == 429, WAIT);
        bot.close(); // Telegram's wait outlasts this instance: the next one must know part 1 went out
        assertEquals(List.of(one), chats.received(SAM.id()));

        clock.advance(Duration.ofSeconds(61));
        start(options());
        Eventually.await(
                "parts 2 and 3 after the restart",
                () -> chats.received(SAM.id()).size() >= 3);
        roundTrip(SAM); // anything still to go in Sam's chat went before this answer
        List<String> received = chats.received(SAM.id());
        assertEquals(List.of(one, two, three), received.subList(0, 3), "each part once, in order");
        assertEquals(4, received.size());
        assertEquals(
                1,
                api.calls("sendMessage").stream().filter(c -> c.status() == 429).count());
    }

    // ---------------------------------------------------------------- Telegram says no

    @Test
    void floodControlOnOneChatDelaysItButLosesNothingWhileAnotherChatFlows() {
        start(options());
        makeCouple(bot.store());
        // a one-message answer shows no "typing": all three failures meet the answer
        api.failNextInChat(SAM.id(), 3, Failure.tooManyRequests(1));
        api.pushText(SAM, "/help");
        api.awaitCall("sendMessage", c -> c.status() == 429, WAIT);
        api.pushText(ALEX, "/help");
        Call alex = chats.awaitSent(ALEX.id(), HELP);
        Call sam = chats.awaitSent(SAM.id(), HELP);
        List<Call> all = api.calls("sendMessage");
        assertTrue(all.indexOf(alex) < all.indexOf(sam), "Alex was answered while Sam's chat waited");
        assertEquals(3, all.stream().filter(c -> c.status() == 429).count());
        roundTrip(SAM);
        assertEquals(2, chats.sent(SAM.id(), HELP).size(), "nothing lost, nothing doubled");
    }

    @Test
    void aBlockedUserIsMarkedUnreachableAndNothingCrashes() {
        start(options());
        makeCouple(bot.store());
        api.failNextInChat(SAM.id(), 1, Failure.blockedByUser()); // the answer (one message: no "typing")
        api.pushText(SAM, "/help");
        api.awaitCall("sendMessage", c -> c.status() == 403, WAIT);
        Eventually.await(
                "Sam marked unreachable",
                () -> bot.store().couples().user(SAM.id()).orElseThrow().unreachable());
        roundTrip(ALEX);
        // Sam unblocks the bot and writes again: reachable again
        roundTrip(SAM);
        assertFalse(bot.store().couples().user(SAM.id()).orElseThrow().unreachable());
    }

    @Test
    void aMigratedGroupKeepsWorkingUnderItsNewId() {
        start(options());
        makeCouple(bot.store());
        long newId = -1002012345678L;
        Group supergroup = new Group(newId, US.title());
        api.failNextInChat(US.id(), 1, Failure.migratedTo(newId)); // the answer (one message: no "typing")
        api.pushGroupText(US, SAM, "/help");
        chats.awaitSent(newId, HELP); // the error moved the chat; the answer went to the new id
        api.pushMigration(US, newId, SAM); // the service messages come too: moving again changes nothing
        api.pushGroupText(supergroup, ALEX, "/checkin");
        chats.awaitSent(newId, "Can you both put your phones away?");
        assertEquals(
                newId,
                bot.store()
                        .couples()
                        .chatId(couple, dev.rekindle.dialog.engine.Chat.GROUP)
                        .getAsLong());
        assertEquals(0, chats.sent(US.id(), "").size());
    }

    // ---------------------------------------------------------------- timers across a restart

    @Test
    void aTimerThatCameDueWhileDownFiresOnceWithinGraceAndIsDroppedBeyondIt() {
        String nudge = "No rush. When something comes to mind";
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        bot.close();
        clock.advance(Duration.ofHours(5)); // due after 2 h, grace 2 h: 3 h too late
        start(options());
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertTrue(chats.sent(SAM.id(), nudge).isEmpty(), "dropped beyond its grace");
        assertTrue(bot.store().timers().nextDue().isEmpty());

        int asked = chats.sent(SAM.id(), "this week").size(); // /help's list says "this week" too
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week", asked + 1);
        bot.close();
        clock.advance(Duration.ofHours(3)); // 1 h late, within grace
        start(options());
        chats.awaitSent(SAM.id(), nudge);
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(1, chats.sent(SAM.id(), nudge).size(), "fired once");
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void shutdownLeavesNoThreadOfOursRunning() {
        List<String> before = ourThreads();
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/help");
        chats.awaitSent(SAM.id(), HELP);
        long started = System.nanoTime();
        bot.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        List<String> leaked = new ArrayList<>(ourThreads());
        leaked.removeAll(before);
        assertEquals(List.of(), leaked);
        assertTrue(bot.store() != null);
        assertNotNull(OutboxState.SENT);
    }

    @Test
    void closeFinishesEveryStepEvenWhenTheDatabaseIsAlreadyClosed() {
        List<String> before = ourThreads();
        start(options());
        makeCouple(bot.store());
        api.pushText(SAM, "/help");
        chats.awaitSent(SAM.id(), HELP);
        bot.store().close(); // the sender's "is anything due?" now throws
        bot.close(); // does not throw, and stops every thread after the failing step
        List<String> leaked = new ArrayList<>(ourThreads());
        leaked.removeAll(before);
        assertEquals(List.of(), leaked);
    }

    private static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                // OkHttp's own TaskRunner is a shared daemon of the library, not a thread we were given or made
                .filter(n -> n.startsWith("rekindle-") || n.startsWith("OkHttp http"))
                .sorted()
                .toList();
    }
}
