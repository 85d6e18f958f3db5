package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.IncomingUpdate.ButtonPress;
import dev.rekindle.telegram.IncomingUpdate.Command;
import dev.rekindle.telegram.IncomingUpdate.GroupMigrated;
import dev.rekindle.telegram.IncomingUpdate.Ignored;
import dev.rekindle.telegram.IncomingUpdate.MediaKind;
import dev.rekindle.telegram.IncomingUpdate.NonTextMessage;
import dev.rekindle.telegram.IncomingUpdate.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real TelegramBotsLongPollingApplication, on our executors, polling the fake Bot API. */
class LongPollingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Person ANNA = new Person(111222333L, "Anna");
    private static final Person BEN = new Person(444555666L, "Ben");
    private static final Group US = new Group(-4012345678L, "Anna & Ben");

    private final BlockingQueue<IncomingUpdate> received = new LinkedBlockingQueue<>();

    private IncomingUpdate next() throws InterruptedException {
        IncomingUpdate u = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (u == null) {
            throw new AssertionError("no update reached the sink within " + WAIT);
        }
        return u;
    }

    @Test
    void updatesArriveInOrderMappedOnceEachAndEverythingStopsOnClose() throws Exception {
        List<String> threadsBefore = ourThreads();
        try (FakeBotApi api = FakeBotApi.start()) {
            TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(2)));
            BotIdentity me = clients.identify();
            assertEquals(new BotIdentity(FakeBotApi.BOT_ID, FakeBotApi.BOT_USERNAME), me);

            int text = api.pushText(ANNA, "Привет, we argued again 😔");
            int command = api.pushGroupText(US, BEN, "/menu@rekindle_bot");
            clients.startPolling(me, received::add);
            assertTrue(clients.isPolling());
            assertEquals(1, api.calls("deleteWebhook").size(), "long polling deletes any webhook first");

            assertEquals(
                    new TextMessage(text, ANNA.id(), ChatType.PRIVATE, ANNA.id(), "Anna", "Привет, we argued again 😔"),
                    next());
            assertEquals(new Command(command, US.id(), ChatType.GROUP, BEN.id(), "Ben", "menu", ""), next());

            // a button on a message the bot sent, pressed while a getUpdates is held open
            int messageId = clients.client()
                    .execute(OutgoingMessages.telegram()
                            .send(
                                    US.id(),
                                    new dev.rekindle.bot.OutboxMessage.Text(
                                            "Start?",
                                            List.of(new dev.rekindle.bot.OutboxMessage.Button(
                                                    "Yes", "menu.checkin@1"))))
                            .get(0))
                    .getMessageId();
            int press = api.pushPress(ANNA, US.id(), messageId, "menu.checkin@1");
            ButtonPress p = assertInstanceOf(ButtonPress.class, next());
            assertEquals(press, p.updateId());
            assertEquals("menu.checkin@1", p.data());
            assertEquals(messageId, p.messageId());
            assertEquals(ANNA.id(), p.userId());

            int sticker = api.pushMedia(ANNA.id(), ANNA, "sticker");
            assertEquals(
                    new NonTextMessage(sticker, ANNA.id(), ChatType.PRIVATE, ANNA.id(), MediaKind.STICKER), next());

            // Telegram delivers an update again (its confirmation was lost): the library drops it by id
            api.awaitConfirmed(sticker, WAIT);
            api.redeliver(sticker);
            int migration = api.pushMigration(US, -1002012345678L, BEN);
            assertEquals(new GroupMigrated(migration, US.id(), -1002012345678L), next());
            assertEquals(new GroupMigrated(migration + 1, US.id(), -1002012345678L), next());
            int otherBot = api.pushGroupText(US, BEN, "/menu@other_bot");
            assertEquals(new Ignored(otherBot, "command for another bot"), next());
            api.awaitConfirmed(otherBot, WAIT);
            assertTrue(received.isEmpty(), () -> "delivered twice: " + received);

            // every getUpdates asked from the last update seen on, and only for what we handle
            List<FakeBotApi.Call> polls = api.calls("getUpdates");
            assertTrue(polls.stream().allMatch(c -> c.params().get("timeout").asInt() == 2));
            assertEquals(
                    "[\"message\",\"callback_query\",\"my_chat_member\"]",
                    polls.get(0).params().get("allowed_updates").toString());

            clients.close();
            assertFalse(clients.isPolling());
        }
        List<String> leaked = new ArrayList<>(ourThreads());
        leaked.removeAll(threadsBefore);
        assertEquals(List.of(), leaked, "threads we created are still running after close");
    }

    @Test
    void aSinkThatThrowsDoesNotStopPolling() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(2)))) {
            clients.startPolling(clients.identify(), u -> {
                if (u instanceof TextMessage t && t.text().equals("boom")) {
                    throw new IllegalStateException("the store is down");
                }
                received.add(u);
            });
            api.pushText(ANNA, "boom");
            int after = api.pushText(ANNA, "still there?");
            assertEquals(after, next().updateId());
            assertTrue(clients.isPolling());
        }
    }

    @Test
    void closingWhileAGetUpdatesIsHeldOpenReturnsPromptly() throws Exception {
        try (FakeBotApi api = FakeBotApi.start()) {
            TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(50)));
            clients.startPolling(clients.identify(), received::add);
            int first = api.pushText(ANNA, "hello");
            assertEquals(first, next().updateId());
            api.awaitConfirmed(first, WAIT); // the next getUpdates is now held open for up to 50 s
            long start = System.nanoTime();
            clients.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "close took " + took);
            assertEquals(List.of(), ourThreads());
        }
    }

    private static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(TelegramClients.THREAD_PREFIX) || n.startsWith("OkHttp http"))
                .sorted()
                .toList();
    }
}
