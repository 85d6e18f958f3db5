package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.telegram.FakeBotApi.Failure;
import dev.rekindle.telegram.SendFailure.Migrated;
import dev.rekindle.telegram.SendFailure.NotModified;
import dev.rekindle.telegram.SendFailure.Permanent;
import dev.rekindle.telegram.SendFailure.RetryAfter;
import dev.rekindle.telegram.SendFailure.Transient;
import dev.rekindle.telegram.SendFailure.Unreachable;
import dev.rekindle.telegram.TelegramDelivery.Delivered;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Failures the real OkHttpTelegramClient gets from the fake Bot API, classified for the sender. */
class SendFailureTest {
    private static final long ANNA = 111222333L;
    private static final long BEN = 444555666L;
    private static final long GROUP = -4012345678L;

    private final FakeBotApi api = FakeBotApi.start();
    private final TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)));
    private final TelegramDelivery delivery =
            new TelegramDelivery(clients.client(), OutgoingMessages.telegram(), clients.redact());

    @AfterEach
    void close() {
        clients.close();
        api.close();
    }

    private static OutboxMessage.Text send(String html) {
        return new OutboxMessage.Text(html, List.of());
    }

    private SendFailure failureOf(Delivered d) {
        return assertInstanceOf(Delivered.Failed.class, d).failure();
    }

    @Test
    void tooManyRequestsIsRetryAfterForThatChatWhileOthersKeepFlowing() {
        api.failNextInChat(ANNA, 1, Failure.tooManyRequests(17));
        assertEquals(new RetryAfter(Duration.ofSeconds(17)), failureOf(delivery.send(ANNA, send("hi"))));
        assertInstanceOf(Delivered.Sent.class, delivery.send(BEN, send("hi")));
        assertInstanceOf(Delivered.Sent.class, delivery.send(ANNA, send("hi again")));
    }

    @Test
    void blockedByTheUserIsUnreachable() {
        api.failNextInChat(ANNA, 1, Failure.blockedByUser());
        assertEquals(
                new Unreachable("Forbidden: bot was blocked by the user"), failureOf(delivery.send(ANNA, send("hi"))));
    }

    @Test
    void upgradedGroupIsMigratedWithTheNewChatId() {
        api.failNextInChat(GROUP, 1, Failure.migratedTo(-1002012345678L));
        assertEquals(new Migrated(-1002012345678L), failureOf(delivery.send(GROUP, send("hi"))));
    }

    @Test
    void chatNotFoundIsPermanentWithTelegramsReason() {
        api.failNextInChat(ANNA, 1, Failure.chatNotFound());
        assertEquals(new Permanent(400, "Bad Request: chat not found"), failureOf(delivery.send(ANNA, send("hi"))));
    }

    @Test
    void brokenHtmlIsPermanentAndTheReasonHoldsNoMessageText() {
        SendFailure f = failureOf(delivery.send(ANNA, send("<u>private words</b>")));
        Permanent p = assertInstanceOf(Permanent.class, f);
        assertTrue(p.reason().startsWith("Bad Request: can't parse entities"), p.reason());
        assertFalse(p.reason().contains("private words"), p.reason());
    }

    @Test
    void serverErrorIsTransientWithBackoffDoublingToAMinute() {
        api.failNext("sendMessage", 1, Failure.internalError());
        assertInstanceOf(Transient.class, failureOf(delivery.send(ANNA, send("hi"))));
        assertEquals(
                List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
                java.util.stream.IntStream.rangeClosed(1, 8)
                        .mapToObj(Transient::backoff)
                        .map(Duration::toSeconds)
                        .toList());
    }

    @Test
    void unreachableServerIsTransientAndTheReasonHoldsNoToken() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        TelegramSettings nowhere = new TelegramSettings(
                FakeBotApi.TOKEN, URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1));
        try (TelegramClients lost = TelegramClients.open(nowhere)) {
            TelegramDelivery d = new TelegramDelivery(lost.client(), OutgoingMessages.telegram(), lost.redact());
            Transient t = assertInstanceOf(Transient.class, failureOf(d.send(ANNA, send("hi"))));
            assertFalse(t.reason().contains(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':'))), t.reason());
        }
    }

    @Test
    void closingButtonsTwiceCountsAsDoneBecauseNotModifiedMeansAlreadyDone() throws Exception {
        Delivered.Sent sent = assertInstanceOf(
                Delivered.Sent.class,
                delivery.send(
                        ANNA, new OutboxMessage.Text("Ready?", List.of(new OutboxMessage.Button("Yes", "x.y.yes@1")))));
        int id = sent.lastMessageId();
        assertInstanceOf(Delivered.Sent.class, delivery.closeButtons(ANNA, id));
        assertInstanceOf(Delivered.Sent.class, delivery.closeButtons(ANNA, id));
        assertEquals(
                List.of(true, false),
                api.calls("editMessageReplyMarkup").stream()
                        .map(FakeBotApi.Call::succeeded)
                        .toList());
        TelegramApiRequestException e = assertThrows(
                TelegramApiRequestException.class,
                () -> clients.client().execute(OutgoingMessages.telegram().closeButtons(ANNA, id)));
        assertEquals(new NotModified(), SendFailure.classify(e, clients.redact()));
    }

    @Test
    void aFailedSecondPartReportsTheFirstAsSentSoOnlyTheRestIsSentAgain() {
        String longText = "a".repeat(4000) + "\n\n" + "b".repeat(100);
        api.failNextAfter("sendMessage", 1, Failure.tooManyRequests(3));
        Delivered.Failed failed = assertInstanceOf(Delivered.Failed.class, delivery.send(BEN, send(longText)));
        assertEquals(1, failed.sentBefore().size());
        assertEquals(new RetryAfter(Duration.ofSeconds(3)), failed.failure());
        Delivered rest = delivery.send(BEN, send(longText), failed.sentBefore().size(), TelegramDelivery.Progress.NONE);
        assertEquals(
                1, assertInstanceOf(Delivered.Sent.class, rest).messageIds().size());
        assertEquals(
                List.of("a".repeat(4000), "b".repeat(100)),
                api.calls("sendMessage").stream()
                        .filter(FakeBotApi.Call::succeeded)
                        .map(FakeBotApi.Call::text)
                        .toList());
    }
}
