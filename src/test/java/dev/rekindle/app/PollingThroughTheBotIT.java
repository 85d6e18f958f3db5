package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.FailedUpdate;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.DatabaseBytes;
import dev.rekindle.testing.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The way in by long polling, through the whole bot: the real getUpdates loop and client against the fake Bot API,
 * the real receiver and a real SQLite file. An update is confirmed to Telegram only once it is in the inbox, and
 * one that cannot be read is kept as failed and confirmed, never a stop. Waits are bounded waits on conditions.
 */
class PollingThroughTheBotIT extends BotOnFakeTelegram {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final String HELP = "guides the two of you";
    private static final String MARKER = "poisoned-but-private-7d3f";

    private Path db() {
        return dir.resolve("data/rekindle.db");
    }

    private void start() {
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                library,
                understanding,
                TelegramBot.Options.of(db()).withClock(clock).withLimits(RateLimiter.Limits.NONE));
    }

    @Test
    void anUpdateThatArrivesWhileTheDatabaseIsHeldBusyIsConfirmedOnlyOnceStoredAndActsOnce() throws Exception {
        start();
        int help;
        // another program holds the database's write lock: the inbox write fails after the busy timeout
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            int answered = api.calls("getUpdates").size();
            help = api.pushText(SAM, "/help");
            // served, not stored, asked for again: Telegram still holds it, and the bot has not lost it
            Eventually.await(
                    "the update asked for again", () -> api.calls("getUpdates").size() >= answered + 2, WAIT);
            assertTrue(api.highestOffset() <= help, "confirmed before it was stored: " + api.highestOffset());
            assertTrue(bot.store().inbox().highestUpdateId().isEmpty(), "nothing was stored");
            assertTrue(chats.sent(SAM.id(), HELP).isEmpty());
            lock.execute("ROLLBACK");
        }
        chats.awaitSent(SAM.id(), HELP);
        api.awaitConfirmed(help, WAIT);
        api.pushText(SAM, "/menu");
        chats.awaitSent(SAM.id(), "are you 18 or older");
        assertEquals(1, chats.sent(SAM.id(), HELP).size(), "served more than once, it acted once");
    }

    @Test
    void aPoisonUpdateAmongGoodOnesIsKeptAsFailedEncryptedWithWhyAndEveryOtherIsAnswered() throws Exception {
        start();
        api.holdUpdates(); // in one getUpdates answer, which TelegramBots would have refused whole
        int samsHelp = api.pushText(SAM, "/help");
        int poison = api.pushRaw("""
                {"update_id":%d,"message":{"message_id":3,"from":{"id":%d,"is_bot":false,"first_name":"Sam"},
                 "chat":{"id":%d},"date":1717171717,"text":"%s"}}""".formatted(samsHelp + 1, SAM.id(), SAM.id(), MARKER));
        api.pushRaw("{\"message\":{\"text\":\"an update without its id\"}}");
        int alexsHelp = api.pushText(ALEX, "/help");
        api.releaseUpdates();

        chats.awaitSent(SAM.id(), HELP);
        chats.awaitSent(ALEX.id(), HELP);
        api.awaitConfirmed(alexsHelp, WAIT); // and with it every update before, the poison and the one without id
        List<FailedUpdate> failed = bot.store().inbox().failed();
        assertEquals(1, failed.size(), () -> "failed: " + failed);
        assertEquals(poison, failed.get(0).updateId());
        assertEquals("message.chat.type is missing", failed.get(0).reason());
        assertTrue(failed.get(0).rawJson().contains(MARKER), "kept whole, for a person to look at");
        assertFalse(DatabaseBytes.contain(db(), MARKER), "and encrypted at rest");
        Eventually.await(
                "nothing left pending", () -> bot.store().inbox().pending().isEmpty(), WAIT);

        api.pushText(SAM, "/menu");
        chats.awaitSent(SAM.id(), "are you 18 or older");
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
        assertEquals(1, chats.sent(ALEX.id(), HELP).size());
    }
}
