package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.OutboxPayload;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender on its own, against the fake Bot API through the real client, on a real SQLite outbox: different
 * chats go out in parallel, one chat's messages strictly one after another.
 */
class OutboxSenderIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long SAM = 111222333L;
    private static final long ALEX = 444555666L;
    private static final long GROUP = -4012345678L;

    @TempDir
    Path dir;

    private FakeBotApi api;
    private TelegramClients clients;
    private SqliteStore store;
    private OutboxSender sender;

    @BeforeEach
    void open() {
        api = FakeBotApi.start();
        clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)));
        store = SqliteStore.open(dir.resolve("rekindle.db"), InstantSource.system());
    }

    @AfterEach
    void close() {
        if (sender != null) {
            sender.close();
        }
        api.close(); // answers held calls, so the sender's workers finish
        clients.close();
        store.close();
    }

    private OutboxSender sender(int inFlight) {
        sender = new OutboxSender(
                store.outbox(),
                new TelegramDelivery(clients.client(), OutgoingMessages.telegram(), clients.redact()),
                new RateLimiter(InstantSource.system(), RateLimiter.Limits.NONE),
                InstantSource.system(),
                inFlight);
        return sender;
    }

    private void queue(long chatId, String text) {
        store.outbox().enqueue(null, OutboxPayload.entry(chatId, new OutboxMessage.Text(text, List.of()), null));
    }

    private List<String> sentTexts(long chatId) {
        List<String> out = new ArrayList<>();
        for (Call c : api.calls("sendMessage")) {
            if (c.succeeded() && c.chatId() == chatId) {
                out.add(c.text());
            }
        }
        return out;
    }

    @Test
    void anotherChatIsSentWhileOneChatsCallIsInFlightAndThatChatKeepsItsOrder() {
        api.holdChat(SAM);
        queue(SAM, "Sam one");
        queue(SAM, "Sam two");
        queue(SAM, "Sam three");
        queue(ALEX, "Alex one");
        queue(ALEX, "Alex two");
        sender(4).start();
        sender.wake();

        api.awaitWaiting(SAM, 1, WAIT); // Sam's first call is in flight, unanswered
        Eventually.await(
                "Alex's messages sent while Sam's first waits",
                () -> sentTexts(ALEX).size() == 2,
                WAIT);
        assertEquals(List.of("Alex one", "Alex two"), sentTexts(ALEX));
        assertEquals(List.of(), sentTexts(SAM));
        assertEquals(1, api.waiting(SAM), "Sam's second message waits for the first: one call at a time per chat");

        api.releaseChat(SAM);
        Eventually.await("Sam's messages sent", () -> sentTexts(SAM).size() == 3, WAIT);
        assertEquals(List.of("Sam one", "Sam two", "Sam three"), sentTexts(SAM));
        assertTrue(sender.awaitIdle(WAIT));
        assertTrue(store.outbox()
                .due(java.time.Instant.now().plusSeconds(3600), 10)
                .isEmpty());
        assertEquals(5, api.calls("sendMessage").size(), "each entry sent once");
    }

    @Test
    void aMessageQueuedWhileAnotherChatIsSlowGoesOutWithoutWaitingForIt() {
        api.holdChat(SAM);
        queue(SAM, "Sam one");
        sender(4).start();
        sender.wake();
        api.awaitWaiting(SAM, 1, WAIT); // Sam's call hangs: with rounds, nothing would be read again until it ends

        queue(ALEX, "Alex one");
        queue(SAM, "Sam two");
        sender.wake();
        Eventually.await(
                "Alex's message, queued after Sam's call began, sent while it hangs",
                () -> sentTexts(ALEX).size() == 1,
                WAIT);
        queue(ALEX, "Alex two");
        sender.wake();
        Eventually.await("and Alex's next one too", () -> sentTexts(ALEX).size() == 2, WAIT);
        assertEquals(1, api.waiting(SAM), "Sam's second message is not taken while the first is in hand");

        api.releaseChat(SAM);
        Eventually.await("Sam's messages sent", () -> sentTexts(SAM).size() == 2, WAIT);
        assertTrue(sender.awaitIdle(WAIT));
        assertEquals(List.of("Sam one", "Sam two"), sentTexts(SAM));
        assertEquals(List.of("Alex one", "Alex two"), sentTexts(ALEX));
        assertEquals(4, api.calls("sendMessage").size(), "each entry sent once");
    }

    @Test
    void noMoreCallsAreInFlightThanAllowed() {
        api.holdChat(SAM);
        api.holdChat(ALEX);
        api.holdChat(GROUP);
        queue(SAM, "Sam one");
        queue(ALEX, "Alex one");
        queue(GROUP, "Group one");
        sender(2).start();
        sender.wake();

        Eventually.await(
                "two calls in flight", () -> api.waiting(SAM) + api.waiting(ALEX) + api.waiting(GROUP) == 2, WAIT);
        long heldBack = List.of(SAM, ALEX, GROUP).stream()
                .filter(c -> api.waiting(c) == 0)
                .count();
        assertEquals(1, heldBack, "the third chat waits for a free slot");
        List<Long> waitingFirst = List.of(SAM, ALEX, GROUP).stream()
                .filter(c -> api.waiting(c) == 1)
                .toList();
        api.releaseChat(waitingFirst.get(0));
        Eventually.await(
                "the third chat's call goes out when a slot frees",
                () -> api.waiting(SAM) + api.waiting(ALEX) + api.waiting(GROUP) == 2,
                WAIT);
        api.releaseChat(SAM);
        api.releaseChat(ALEX);
        api.releaseChat(GROUP);
        assertTrue(sender.awaitIdle(WAIT));
        assertEquals(3, api.calls("sendMessage").size());
    }
}
