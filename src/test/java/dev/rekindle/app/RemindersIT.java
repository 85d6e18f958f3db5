package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.bot.DataExport;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredReminder;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.DatabaseBytes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Ritual reminders through the real bot, the fake Bot API and a real database: Sam (in Berlin) sets one in
 * /rituals, it arrives at 19:30 Berlin time, once, carries on across a restart, skips a day the bot missed by
 * more than its grace, moves with /reminders, and stops; quiet hours; unpairing and /export.
 */
class RemindersIT extends BotOnFakeTelegram {
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String HELP = "guides the two of you";
    private static final String REMINDER = "A gentle reminder: a few minutes together each evening";

    private long couple;

    private void start() {
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                library,
                understanding,
                TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                        .withClock(clock)
                        .withLimits(RateLimiter.Limits.NONE)); // Telegram's pace is proven in TelegramBotIT
    }

    private void restart() {
        bot.close();
        start();
    }

    private void makeCouple(Store store) {
        store.couples().createUser(SAM.id(), "Sam", BERLIN);
        store.couples().createUser(ALEX.id(), "Alex", NEW_YORK);
        couple = store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, ALEX.id());
    }

    /** Moves the clock to {@code local} in Berlin (which must be ahead). */
    private void moveTo(ZonedDateTime local) {
        clock.advance(Duration.between(clock.instant(), local.toInstant()));
    }

    private ZonedDateTime berlinNow() {
        return clock.instant().atZone(BERLIN);
    }

    /** Something the bot answers at once, so everything before it in that chat was handled. */
    private void roundTrip(Person who) {
        int before = chats.sent(who.id(), HELP).size();
        api.pushText(who, "/help");
        chats.awaitSent(who.id(), HELP, before + 1);
    }

    /** Sam chooses the evening ritual at {@code time}, saves it and asks for the reminder. */
    private void setEveningRitual(String time, int n) {
        api.pushText(SAM, "/rituals");
        chats.press(
                SAM,
                chats.awaitSent(SAM.id(), "Which would you like to try?", n),
                "A few minutes together each evening");
        chats.awaitSent(SAM.id(), "What time would suit you?", n);
        api.pushText(SAM, time);
        chats.press(SAM, chats.awaitSent(SAM.id(), "Shall I save it in your journal", n), "Keep it to me");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Would you like a reminder from me", n), "Yes, remind me");
        chats.awaitSent(SAM.id(), "I'll remind you every day at", n);
    }

    /** Reminders received, not counting the /reminders list, which quotes them. */
    private int reminders(Person who) {
        return (int) chats.received(who.id()).stream()
                .filter(t -> t.startsWith(REMINDER))
                .count();
    }

    private StoredReminder only() {
        List<StoredReminder> all = bot.store().reminders().ofCouple(couple);
        assertEquals(1, all.size(), "reminders: " + all);
        return all.get(0);
    }

    @Test
    void aRitualReminderArrivesAtTheLocalTimeOnceAndCarriesOnAcrossARestartUntilStopped() {
        start();
        makeCouple(bot.store());
        ZonedDateTime noon =
                LocalDate.from(berlinNow()).plusDays(1).atTime(12, 0).atZone(BERLIN);
        moveTo(noon);
        setEveningRitual("7:30pm", 1);

        StoredReminder r = only();
        assertEquals(Partner.A, r.recipient());
        assertEquals(LocalTime.of(19, 30), r.at());
        assertEquals(noon.toLocalDate().atTime(19, 30).atZone(BERLIN).toInstant(), r.nextDue());
        assertTrue(chats.sent(SAM.id(), "quiet hours").isEmpty(), "19:30 is not in quiet hours");

        moveTo(noon.withHour(19).withMinute(29));
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(0, reminders(SAM), "not a minute early");

        moveTo(noon.withHour(19).withMinute(30).withSecond(5));
        bot.scheduler().fireDue();
        chats.awaitSent(SAM.id(), REMINDER);
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(1, reminders(SAM), "once");
        assertEquals(0, reminders(ALEX), "Sam's own reminder reaches only Sam");
        assertTrue(chats.received(ALEX.id()).isEmpty(), "Alex hears nothing of it: " + chats.received(ALEX.id()));
        assertEquals(noon.plusDays(1).withHour(19).withMinute(30).toInstant(), only().nextDue());

        // a restart on the same database: the next evening's reminder still comes, once
        restart();
        moveTo(noon.plusDays(1).withHour(19).withMinute(31));
        chats.awaitSent(SAM.id(), REMINDER, 2);
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(2, reminders(SAM));

        // down for two days: the evening missed by more than an hour is skipped, not sent late
        bot.close();
        moveTo(noon.plusDays(3).withHour(21).withMinute(0));
        start();
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(2, reminders(SAM), "the missed evenings are skipped");
        assertEquals(noon.plusDays(4).withHour(19).withMinute(30).toInstant(), only().nextDue());

        // /reminders: the list in plain words, then a new time
        api.pushText(SAM, "/reminders");
        Call item = chats.awaitSent(SAM.id(), "Every day at 19:30: " + REMINDER);
        chats.press(SAM, item, "Change the time");
        chats.awaitSent(SAM.id(), "What time would suit you better?");
        api.pushText(SAM, "20:15");
        chats.awaitSent(SAM.id(), "Done: Every day at 20:15 from now on.");
        assertEquals(noon.plusDays(4).withHour(20).withMinute(15).toInstant(), only().nextDue());
        moveTo(noon.plusDays(4).withHour(20).withMinute(16));
        chats.awaitSent(SAM.id(), REMINDER, 4); // the third reminder, after the list that quoted it
        assertEquals(3, reminders(SAM));

        // and stop it: nothing more comes
        api.pushText(SAM, "/reminders");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Every day at 20:15: " + REMINDER), "Stop this one");
        chats.awaitSent(SAM.id(), "Stopped. That reminder won't come any more.");
        assertTrue(bot.store().reminders().ofCouple(couple).isEmpty());
        moveTo(noon.plusDays(7).withHour(21).withMinute(0));
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(3, reminders(SAM), "stopped means stopped");
        assertTrue(bot.store().timers().nextDue().isEmpty(), "no timer is left waiting");
        api.pushText(SAM, "/reminders");
        chats.awaitSent(SAM.id(), "You have no reminders.");
    }

    @Test
    void aTimeInQuietHoursIsToldAtOnceAndTheReminderComesWhenTheyEnd() {
        start();
        makeCouple(bot.store());
        ZonedDateTime noon =
                LocalDate.from(berlinNow()).plusDays(1).atTime(12, 0).atZone(BERLIN);
        moveTo(noon);
        setEveningRitual("23:00", 1);
        chats.awaitSent(
                SAM.id(),
                "23:00 is in your quiet hours (22:00 to 08:00), when I send nothing, so this reminder will come at 08:00.");
        assertEquals(noon.plusDays(1).withHour(8).withMinute(0).toInstant(), only().nextDue());

        moveTo(noon.withHour(23).withMinute(1));
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(0, reminders(SAM), "nothing at night");
        moveTo(noon.plusDays(1).withHour(8).withMinute(0).withSecond(5));
        chats.awaitSent(SAM.id(), REMINDER);
        assertEquals(noon.plusDays(2).withHour(8).withMinute(0).toInstant(), only().nextDue());
    }

    @Test
    void theReminderTextIsEncryptedAtRestExportedToItsOwnerAndGoneWhenTheCoupleUnpairs() throws Exception {
        start();
        makeCouple(bot.store());
        ZonedDateTime noon =
                LocalDate.from(berlinNow()).plusDays(1).atTime(12, 0).atZone(BERLIN);
        moveTo(noon);
        setEveningRitual("19:45", 1);
        StoredReminder r = only();
        assertTrue(r.html().contains("19:45"));
        bot.close();
        assertFalse(
                DatabaseBytes.contain(dir.resolve("data/rekindle.db"), "A gentle reminder"),
                "the sentence is encrypted at rest");
        start();

        String sams = new String(
                new DataExport(bot.store(), "Everything Rekindle keeps about you.").of(SAM.id(), clock.instant()),
                StandardCharsets.UTF_8);
        assertTrue(sams.contains("\"reminders\""), sams);
        assertTrue(
                sams.contains(REMINDER) && sams.contains("\"at\" : \"19:45\"") && sams.contains("Europe/Berlin"), sams);
        String alexs = new String(
                new DataExport(bot.store(), "Everything Rekindle keeps about you.").of(ALEX.id(), clock.instant()),
                StandardCharsets.UTF_8);
        assertFalse(alexs.contains(REMINDER), "not in the partner's export: " + alexs);

        bot.store().pairings().dissolve(couple, new Reply(List.of(), OptionalLong.empty()));
        assertTrue(bot.store().reminders().ofCouple(couple).isEmpty());
        moveTo(noon.withHour(19).withMinute(46));
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(0, reminders(SAM), "unpairing stops the reminders");
        assertTrue(bot.store().timers().nextDue().isEmpty());
        Instant now = clock.instant();
        assertTrue(now.isAfter(r.nextDue()));
    }

    @Test
    void noReminderComesWhileTheSafetyHookHasPausedTheCouplesSharedExercisesAndStopAllEndsThem() {
        start();
        makeCouple(bot.store());
        ZonedDateTime noon =
                LocalDate.from(berlinNow()).plusDays(1).atTime(12, 0).atZone(BERLIN);
        moveTo(noon);
        setEveningRitual("19:30", 1);
        api.pushText(SAM, "he hits me when he's drunk");
        chats.awaitSent(SAM.id(), "it is not your fault");

        moveTo(noon.withHour(19).withMinute(31));
        bot.scheduler().fireDue();
        roundTrip(SAM);
        assertEquals(0, reminders(SAM), "no ritual reminder after a disclosure");
        assertEquals(noon.plusDays(1).withHour(19).withMinute(30).toInstant(), only().nextDue(), "its days go on");

        setEveningRitual("20:00", 2);
        assertEquals(2, bot.store().reminders().ofCouple(couple).size());
        api.pushText(SAM, "/reminders");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Your reminders."), "Stop them all");
        chats.awaitSent(SAM.id(), "All your reminders are stopped.");
        assertTrue(bot.store().reminders().ofCouple(couple).isEmpty());
        assertTrue(bot.store().timers().nextDue().isEmpty());
    }
}
