package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.telegram.WebhookServer;
import dev.rekindle.telegram.WebhookSettings;
import dev.rekindle.testing.Eventually;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bot in webhook mode, end to end: a real SQLite file, the real endpoint on 127.0.0.1 (an ephemeral port)
 * spoken to in plain HTTP as the reverse proxy in front would, and the fake Bot API for setWebhook and the
 * bot's answers. Waits are bounded waits on conditions.
 */
class WebhookIT extends BotOnFakeTelegram {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final String HELP = "guides the two of you";
    private static final URI PUBLIC_URL = URI.create("https://public.example/rekindle/telegram");
    private static final String SECRET = "test-secret_0123456789abcdefABCDEF";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TelegramBot startWithWebhook() {
        WebhookSettings webhook =
                new WebhookSettings(PUBLIC_URL, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SECRET);
        bot = TelegramBot.start(api.settings(Duration.ofSeconds(1)), library, understanding, options(), webhook);
        return bot;
    }

    private TelegramBot.Options options() {
        // Telegram's pace is proven in TelegramBotIT
        return TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                .withClock(clock)
                .withLimits(RateLimiter.Limits.NONE);
    }

    /** POSTs as Telegram (through the proxy) would; the status code. */
    private int post(String path, String secret, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(endpoint(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            r.header(WebhookServer.SECRET_HEADER, secret);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private URI endpoint(String path) {
        InetSocketAddress a = bot.webhookAddress();
        return URI.create("http://127.0.0.1:" + a.getPort() + path);
    }

    private String path() {
        return PUBLIC_URL.getPath();
    }

    // ---------------------------------------------------------------- setting the webhook

    @Test
    void startingSetsTheWebhookWithItsUrlItsSecretAndThePollingsUpdateTypes() {
        startWithWebhook();
        assertEquals(PUBLIC_URL.toString(), api.webhookUrl());
        assertEquals(SECRET, api.webhookSecret());
        JsonNode params = api.calls("setWebhook").get(0).params();
        assertEquals(
                "[\"message\",\"callback_query\",\"my_chat_member\"]",
                params.get("allowed_updates").toString());
        assertEquals(
                String.valueOf(WebhookServer.MAX_CONNECTIONS),
                params.get("max_connections").asText());
        assertTrue(api.calls("getUpdates").isEmpty(), "no polling in webhook mode");
        assertTrue(api.calls("deleteWebhook").isEmpty());
    }

    @Test
    void aWebhookTelegramRefusesStopsTheStartWithTelegramsReason() {
        api.failNext(
                "setWebhook",
                1,
                FakeBotApi.Failure.badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"));
        IllegalStateException e = assertThrows(IllegalStateException.class, this::startWithWebhook);
        assertTrue(e.getMessage().contains("only on ports 80, 88, 443 or 8443"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aTakenPortStopsTheStartWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WebhookSettings webhook = new WebhookSettings(
                    PUBLIC_URL, new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()), SECRET);
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> TelegramBot.start(
                            api.settings(Duration.ofSeconds(1)), library, understanding, options(), webhook));
            assertTrue(e.getMessage().contains("--listen HOST:PORT"), e.getMessage());
        }
        assertNull(api.webhookUrl(), "Telegram was not told of an endpoint that is not there");
    }

    @Test
    void pollingAfterAWebhookDeletesItAndIsAnswered() {
        startWithWebhook();
        bot.close();
        bot = TelegramBot.start(api.settings(Duration.ofSeconds(1)), library, understanding, options());
        assertNull(api.webhookUrl(), "the library deletes the webhook before it polls");
        api.pushText(SAM, "/help");
        chats.awaitSent(SAM.id(), HELP);
        assertTrue(api.calls("getUpdates").stream().allMatch(Call::succeeded), "no 409 Conflict");
    }

    // ---------------------------------------------------------------- updates in

    @Test
    void aCommandForOnboardingPostedRightAfterADialogAnswerWaitsForItsAnswer() throws Exception {
        startWithWebhook();
        Person alex = new Person(444555666L, "Alex");
        dev.rekindle.store.Store store = bot.store();
        store.couples().createUser(SAM.id(), "Sam", java.time.ZoneOffset.UTC);
        store.couples().createUser(alex.id(), "Alex", java.time.ZoneOffset.UTC);
        store.couples().createCouple(SAM.id(), alex.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(alex.id(), alex.id());
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, alex.id());
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/appreciate")));
        chats.awaitSent(SAM.id(), "this week");
        assertEquals(
                200,
                post(
                        path(),
                        SECRET,
                        api.webhookText(
                                SAM,
                                "You made coffee every morning while I was swamped at work. I felt looked after.")));
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/unpair")));
        Call confirm = chats.awaitSent(SAM.id(), "Do you want to end your pairing");
        Call offer = chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?");
        assertTrue(offer.messageId() < confirm.messageId(), "in the order Sam wrote: " + chats.received(SAM.id()));
    }

    @Test
    void anUpdatePostedWithTheRightSecretIsStoredAnsweredAndProcessed() throws Exception {
        startWithWebhook();
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/help")));
        chats.awaitSent(SAM.id(), HELP);
        Eventually.await(
                "the update marked done", () -> bot.store().inbox().pending().isEmpty());
        assertTrue(bot.store().inbox().highestUpdateId().isPresent(), "it went through the inbox");
    }

    @Test
    void aWrongOrMissingSecretGets401AndChangesNothing() throws Exception {
        startWithWebhook();
        String help = api.webhookText(SAM, "/help");
        assertEquals(401, post(path(), "test-secret_0123456789abcdefABCDEX", help));
        assertEquals(401, post(path(), SECRET.substring(0, 10), help));
        assertEquals(401, post(path(), "", help));
        assertEquals(401, post(path(), null, help));
        assertTrue(bot.store().inbox().highestUpdateId().isEmpty(), "the inbox is untouched");
        assertTrue(bot.store().inbox().pending().isEmpty());

        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/menu")));
        chats.awaitSent(SAM.id(), "are you 18 or older");
        assertTrue(chats.sent(SAM.id(), HELP).isEmpty(), "the refused /help never acted");
    }

    @Test
    void onlyAPostOnTheWebhookPathWithABodyUpToOneMebibyteIsRead() throws Exception {
        startWithWebhook();
        HttpResponse<Void> get = http.send(
                HttpRequest.newBuilder(endpoint(path()))
                        .header(WebhookServer.SECRET_HEADER, SECRET)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(405, get.statusCode());
        assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
        String help = api.webhookText(SAM, "/help");
        assertEquals(404, post("/rekindle/other", SECRET, help));
        assertEquals(404, post(path() + "/", SECRET, help));
        String padded =
                help.substring(0, help.length() - 1) + ",\"x\":\"" + "a".repeat(WebhookServer.MAX_BODY_BYTES) + "\"}";
        assertEquals(413, post(path(), SECRET, padded));
        assertEquals(400, post(path(), SECRET, "{not json"));
        assertTrue(bot.store().inbox().highestUpdateId().isEmpty(), "the inbox is untouched");
    }

    @Test
    void theSameUpdatePostedTwiceActsOnce() throws Exception {
        startWithWebhook();
        String help = api.webhookText(SAM, "/help");
        assertEquals(200, post(path(), SECRET, help));
        chats.awaitSent(SAM.id(), HELP);
        assertEquals(200, post(path(), SECRET, help), "a redelivery is acknowledged, so Telegram stops sending it");
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/menu")));
        chats.awaitSent(SAM.id(), "are you 18 or older");
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
    }

    @Test
    void anUpdateThatCannotBeReadIsKeptAsFailedAndAnswered200SoTelegramStopsSendingIt() throws Exception {
        startWithWebhook();
        String help = api.webhookText(SAM, "/help");
        // the same update, its chat without a type: a field the bot uses is missing
        String poison = help.replace(",\"type\":\"private\"", "").replace("\"/help\"", "\"my private words\"");
        assertTrue(poison.contains("my private words") && !poison.contains("\"private\""), poison);
        assertEquals(200, post(path(), SECRET, poison));
        assertEquals(200, post(path(), SECRET, poison), "sent again, it stays set aside");
        var failed = bot.store().inbox().failed();
        assertEquals(1, failed.size());
        assertEquals("message.chat.type is missing", failed.get(0).reason());
        assertEquals(
                400, post(path(), SECRET, "{\"message\":{\"text\":\"no update_id\"}}"), "nothing to keep it under");
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/help")));
        chats.awaitSent(SAM.id(), HELP);
    }

    @Test
    void anUpdateThatCannotBeStoredGets500AndActsOnceWhenTelegramSendsItAgain() throws Exception {
        startWithWebhook();
        String help = api.webhookText(SAM, "/help");
        // another program holds the database's write lock: the inbox write fails after the busy timeout
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/rekindle.db"));
                Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            assertEquals(500, post(path(), SECRET, help));
            lock.execute("ROLLBACK");
        }
        assertTrue(bot.store().inbox().highestUpdateId().isEmpty(), "not stored, not acknowledged");
        assertEquals(200, post(path(), SECRET, help)); // Telegram sends it again
        chats.awaitSent(SAM.id(), HELP);
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/menu")));
        chats.awaitSent(SAM.id(), "are you 18 or older");
        assertEquals(1, chats.sent(SAM.id(), HELP).size());
    }

    @Test
    void neitherTheTokenNorTheSecretReachesALogLine() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            startWithWebhook();
            assertEquals(401, post(path(), "wrong-secret-wrong-secret", api.webhookText(SAM, "/help")));
            assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/help")));
            chats.awaitSent(SAM.id(), HELP);
            bot.close();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("401"), "the log was captured: " + log);
        assertFalse(log.contains(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1)), log);
        assertFalse(log.contains(SECRET), log);
        assertFalse(log.contains("wrong-secret"), "a refused request's header is not logged: " + log);
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void closingFreesThePortAndLeavesNoThreadOfOurs() throws Exception {
        List<String> before = ourThreads();
        startWithWebhook();
        int port = bot.webhookAddress().getPort();
        assertEquals(200, post(path(), SECRET, api.webhookText(SAM, "/help")));
        chats.awaitSent(SAM.id(), HELP);
        long started = System.nanoTime();
        bot.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(10)) < 0);
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
        List<String> leaked = new ArrayList<>(ourThreads());
        before.forEach(leaked::remove); // one each: the fake Bot API runs a JDK HTTP server of its own
        assertEquals(List.of(), leaked);
    }

    private static List<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                // the JDK HTTP server's own threads are named HTTP-Dispatcher and idle-timeout-task
                .filter(n -> n.startsWith("rekindle-")
                        || n.startsWith("OkHttp http")
                        || n.startsWith("HTTP-Dispatcher")
                        || n.startsWith("idle-timeout-task"))
                .sorted()
                .toList();
    }
}
