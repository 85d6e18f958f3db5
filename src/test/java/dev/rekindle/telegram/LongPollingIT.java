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
import dev.rekindle.telegram.ReadUpdate.Mapped;
import dev.rekindle.telegram.ReadUpdate.Unreadable;
import dev.rekindle.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Our getUpdates loop on TelegramBots' client, on our executors, polling the fake Bot API. The poller's waits go to
 * {@link #pauses} and return at once: a test sees how long it would have waited, and waits for nothing.
 */
class LongPollingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Person ANNA = new Person(111222333L, "Anna");
    private static final Person BEN = new Person(444555666L, "Ben");
    private static final Group US = new Group(-4012345678L, "Anna & Ben");

    private final BlockingQueue<ReadUpdate> received = new LinkedBlockingQueue<>();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    private TelegramClients open(FakeBotApi api) {
        return TelegramClients.open(api.settings(Duration.ofSeconds(2)), pauses::add);
    }

    /** A sink that keeps what it is given, as the inbox would. */
    private void keep(List<ReadUpdate> batch) {
        received.addAll(batch);
    }

    private ReadUpdate nextRead() throws InterruptedException {
        ReadUpdate u = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (u == null) {
            throw new AssertionError("no update reached the sink within " + WAIT);
        }
        return u;
    }

    private IncomingUpdate next() throws InterruptedException {
        return assertInstanceOf(Mapped.class, nextRead()).update();
    }

    @Test
    void updatesArriveInOrderMappedOnceEachAndEverythingStopsOnClose() throws Exception {
        List<String> threadsBefore = ourThreads();
        try (FakeBotApi api = FakeBotApi.start()) {
            TelegramClients clients = open(api);
            BotIdentity me = clients.identify();
            assertEquals(new BotIdentity(FakeBotApi.BOT_ID, FakeBotApi.BOT_USERNAME), me);

            int text = api.pushText(ANNA, "Привет, we argued again 😔");
            int command = api.pushGroupText(US, BEN, "/menu@rekindle_bot");
            clients.startPolling(me, this::keep);
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

            // Telegram delivers an update again (its confirmation was lost): the poller drops it by id
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
    void anUpdateIsConfirmedOnlyOnceTheSinkStoredItAndPollingGoesOnAfterPausesThatGrow() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            int boom = api.pushText(ANNA, "boom");
            int after = api.pushText(ANNA, "still there?");
            AtomicInteger failures = new AtomicInteger(3);
            List<Integer> offsetsWhenRefused = new CopyOnWriteArrayList<>();
            clients.startPolling(clients.identify(), batch -> {
                if (failures.getAndDecrement() > 0) {
                    offsetsWhenRefused.add(api.highestOffset());
                    throw new IllegalStateException("the store is down"); // nothing of the batch was stored
                }
                keep(batch);
            });
            // Telegram served the same updates again each time: none was confirmed while the sink refused them
            assertEquals(boom, nextRead().updateId());
            assertEquals(after, nextRead().updateId());
            assertEquals(3, offsetsWhenRefused.size());
            assertTrue(offsetsWhenRefused.stream().allMatch(o -> o <= boom), () -> "confirmed: " + offsetsWhenRefused);
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), pauses);
            api.awaitConfirmed(after, WAIT); // stored at last, so confirmed by the next getUpdates
            assertTrue(clients.isPolling());
        }
    }

    @Test
    void aSinkThatNeverStoresIsAskedAgainAfterEveryFailureNeverAtOnceAndUpToAMinuteApart() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            int text = api.pushText(ANNA, "hello?");
            AtomicInteger attempts = new AtomicInteger();
            clients.startPolling(clients.identify(), batch -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("disk full");
            });
            Eventually.await("nine attempts", () -> attempts.get() >= 9, WAIT);
            clients.stopPolling();
            List<Duration> seen = List.copyOf(pauses);
            assertEquals(attempts.get(), seen.size(), "a pause after every failed attempt, before the next");
            assertEquals(
                    List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L),
                    seen.subList(0, 9).stream().map(Duration::toSeconds).toList());
            assertTrue(api.highestOffset() <= text, "never confirmed");
        }
    }

    @Test
    void aTooManyRequestsOnGetUpdatesWaitsItsRetryAfterAndLosesNothing() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            api.failNext("getUpdates", 1, FakeBotApi.Failure.tooManyRequests(7));
            int text = api.pushText(ANNA, "are you there?");
            clients.startPolling(clients.identify(), this::keep);
            assertEquals(text, nextRead().updateId());
            assertEquals(List.of(Duration.ofSeconds(7)), pauses, "retry_after, exactly, and only once");
            assertEquals(429, api.calls("getUpdates").get(0).status());
        }
    }

    @Test
    void aFailingGetUpdatesIsAskedAgainAfterPausesThatStartAgainFromOneSecondOnceAnAnswerCame() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            api.failNext("getUpdates", 3, FakeBotApi.Failure.internalError());
            int first = api.pushText(ANNA, "one");
            clients.startPolling(clients.identify(), this::keep);
            assertEquals(first, nextRead().updateId());
            api.awaitConfirmed(first, WAIT);
            api.failNext("getUpdates", 1, FakeBotApi.Failure.internalError());
            int second = api.pushText(ANNA, "two");
            assertEquals(second, nextRead().updateId());
            // the failure may hit the getUpdates after the one that brought "two", when that one was held open already
            Eventually.await("the failure's pause", () -> pauses.size() == 4, WAIT);
            assertEquals(
                    List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(1)),
                    pauses);
        }
    }

    @Test
    void aPoisonUpdateAmongGoodOnesIsSetAsideWithWhyAndConfirmedAndTheOthersArrive() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            api.holdUpdates(); // all in one getUpdates answer, as TelegramBots would have read it whole
            int good = api.pushText(ANNA, "first");
            int noType = api.pushRaw("""
                    {"update_id":%d,"message":{"message_id":9,"from":{"id":1,"is_bot":false,"first_name":"X"},
                     "chat":{"id":1},"date":1,"text":"hi"}}""".formatted(good + 1));
            int noId = api.pushRaw("""
                    {"update_id":%d,"message":{"message_id":9,"chat":{"id":-40,"type":"group"},"date":1,
                     "left_chat_member":{"is_bot":false,"first_name":"Ben"}}}""".formatted(good + 2));
            int wrongType = api.pushRaw("""
                    {"update_id":%d,"callback_query":"pressed"}""".formatted(good + 3));
            api.pushRaw("{\"message\":{\"text\":\"no update_id\"}}");
            api.pushRaw("[\"not an object\"]");
            int alsoGood = api.pushText(BEN, "second");
            api.releaseUpdates();
            clients.startPolling(clients.identify(), this::keep);

            assertEquals(good, nextRead().updateId());
            assertEquals("message.chat.type is missing", reason(nextRead(), noType));
            assertEquals("message.left_chat_member.id is missing", reason(nextRead(), noId));
            assertEquals("callback_query is a string, not an object", reason(nextRead(), wrongType));
            // the two without an update_id cannot be stored or confirmed on their own: skipped, the next confirms them
            assertEquals(new TextMessage(alsoGood, BEN.id(), ChatType.PRIVATE, BEN.id(), "Ben", "second"), next());
            api.awaitConfirmed(alsoGood, WAIT);
            assertEquals(List.of(), pauses, "nothing failed: nothing waited");

            int later = api.pushText(ANNA, "polling goes on");
            assertEquals(later, nextRead().updateId());
            assertTrue(clients.isPolling());
        }
    }

    @Test
    void anUpdateWithoutIdLastInItsAnswerIsAskedForOnceASecondUntilALaterUpdateConfirmsIt() throws Exception {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = open(api)) {
            int idless = api.pushRaw("{\"message\":{\"text\":\"no update_id\"}}");
            clients.startPolling(clients.identify(), this::keep);
            api.awaitCall("getUpdates", c -> c.params().path("offset").asInt() == 0 && pauses.size() >= 2, WAIT);
            assertTrue(pauses.stream().allMatch(Duration.ofSeconds(1)::equals), () -> "not a spin: " + pauses);
            assertTrue(received.isEmpty());
            int next = api.pushText(ANNA, "hello");
            assertEquals(next, nextRead().updateId());
            api.awaitConfirmed(idless, WAIT);
            assertTrue(clients.isPolling());
        }
    }

    @Test
    void closingDuringALongRetryAfterReturnsPromptly() throws Exception {
        LongPoller.Pause real = LongPoller.Pause.untilCutShort();
        java.util.concurrent.CountDownLatch waiting = new java.util.concurrent.CountDownLatch(1);
        LongPoller.Pause watched = new LongPoller.Pause() {
            @Override
            public void pause(Duration wait) throws InterruptedException {
                pauses.add(wait);
                waiting.countDown();
                real.pause(wait); // the real wait, on the clock
            }

            @Override
            public void cutShort() {
                real.cutShort();
            }
        };
        try (FakeBotApi api = FakeBotApi.start()) {
            TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(2)), watched);
            api.failNext("getUpdates", 1, FakeBotApi.Failure.tooManyRequests(3600));
            clients.startPolling(clients.identify(), this::keep);
            assertTrue(waiting.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the poller waits out the 429");
            assertEquals(List.of(Duration.ofHours(1)), pauses);
            long start = System.nanoTime();
            clients.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // the wait is cut short, not waited out until close gives up on the thread (5 s) and interrupts it
            assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "close took " + took);
            assertEquals(List.of(), ourThreads());
        }
    }

    private static String reason(ReadUpdate read, int expectedId) {
        assertEquals(expectedId, read.updateId());
        return assertInstanceOf(Unreadable.class, read).reason();
    }

    @Test
    void closingWhileAGetUpdatesIsHeldOpenReturnsPromptly() throws Exception {
        try (FakeBotApi api = FakeBotApi.start()) {
            TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(50)), pauses::add);
            clients.startPolling(clients.identify(), this::keep);
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
