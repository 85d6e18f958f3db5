package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.telegram.TelegramDelivery.Delivered;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

class OutgoingMessagesTest {
    private static final long ANNA = 111222333L;
    private final OutgoingMessages outgoing = OutgoingMessages.telegram();
    private final List<OutboxMessage.Button> buttons = List.of(
            new OutboxMessage.Button("Yes, let's", "checkin.ask.yes@1a"),
            new OutboxMessage.Button("Not now", "checkin.ask.later@1a"));

    @Test
    void sendBecomesOneHtmlMessageWithOneButtonPerRow() {
        List<SendMessage> out = outgoing.send(ANNA, new OutboxMessage.Text("<b>Ready</b> &amp; calm?", buttons));
        assertEquals(1, out.size());
        SendMessage m = out.get(0);
        assertEquals("111222333", m.getChatId());
        assertEquals("html", m.getParseMode());
        assertEquals("<b>Ready</b> &amp; calm?", m.getText());
        InlineKeyboardMarkup k = (InlineKeyboardMarkup) m.getReplyMarkup();
        assertEquals(2, k.getKeyboard().size());
        assertEquals("Yes, let's", k.getKeyboard().get(0).get(0).getText());
        assertEquals("checkin.ask.later@1a", k.getKeyboard().get(1).get(0).getCallbackData());
        assertEquals(1, k.getKeyboard().get(1).size());
    }

    @Test
    void aLongSendPutsTheButtonsOnTheLastPartOnly() {
        String html = "Первая часть 💬.\n\n".repeat(300);
        List<SendMessage> out = outgoing.send(ANNA, new OutboxMessage.Text(html, buttons));
        assertTrue(out.size() > 1);
        for (int i = 0; i < out.size() - 1; i++) {
            assertNull(out.get(i).getReplyMarkup());
        }
        assertEquals(
                2,
                ((InlineKeyboardMarkup) out.get(out.size() - 1).getReplyMarkup())
                        .getKeyboard()
                        .size());
    }

    @Test
    void callbackDataOverSixtyFourBytesIsRefusedBeforeTelegramRefusesIt() {
        String data = "ж".repeat(33); // 66 bytes in UTF-8, 33 characters
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> outgoing.send(
                        ANNA, new OutboxMessage.Text("?", List.of(new OutboxMessage.Button("Too long", data)))));
        assertTrue(e.getMessage().contains("66 bytes"), e.getMessage());
    }

    @Test
    void closeButtonsRemovesTheKeyboardAndKeepsTheText() {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)))) {
            TelegramDelivery delivery = new TelegramDelivery(clients.client(), outgoing, clients.redact());
            int id = assertInstanceOf(
                            Delivered.Sent.class,
                            delivery.send(ANNA, new OutboxMessage.Text("<i>Ready</i> &lt;3?", buttons)))
                    .lastMessageId();
            assertTrue(api.message(ANNA, id).has("reply_markup"));
            assertInstanceOf(Delivered.Sent.class, delivery.closeButtons(ANNA, id));
            JsonNode after = api.message(ANNA, id);
            assertFalse(after.has("reply_markup"));
            assertEquals("Ready <3?", after.get("text").asText());
        }
    }

    @Test
    void anAnsweredMessageReadsOnWithTheAnswerAndATooLongOrARefusedEditOnlyClosesTheButtons() {
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)))) {
            TelegramDelivery delivery = new TelegramDelivery(clients.client(), outgoing, clients.redact());
            int id = ((Delivered.Sent) delivery.send(ANNA, new OutboxMessage.Text("<b>Ready</b>?", buttons)))
                    .lastMessageId();
            assertInstanceOf(
                    Delivered.Sent.class,
                    delivery.closeButtons(
                            ANNA, id, new OutboxMessage.CloseButtons(0, "Alex: Yes & <go>", "<b>Ready</b>?")));
            assertEquals(
                    "Ready?\n\n✓ Alex: Yes & <go>",
                    api.message(ANNA, id).get("text").asText());
            assertFalse(api.message(ANNA, id).has("reply_markup"));

            String full = "x".repeat(4090);
            int longId = ((Delivered.Sent) delivery.send(ANNA, new OutboxMessage.Text(full, buttons))).lastMessageId();
            delivery.closeButtons(ANNA, longId, new OutboxMessage.CloseButtons(0, "Not now", full));
            assertEquals(full, api.message(ANNA, longId).get("text").asText(), "the answer would not fit: text kept");
            assertFalse(api.message(ANNA, longId).has("reply_markup"));

            int refusedId =
                    ((Delivered.Sent) delivery.send(ANNA, new OutboxMessage.Text("Ready?", buttons))).lastMessageId();
            api.failNext("editMessageText", 1, FakeBotApi.Failure.badRequest("message can't be edited"));
            assertInstanceOf(
                    Delivered.Sent.class,
                    delivery.closeButtons(ANNA, refusedId, new OutboxMessage.CloseButtons(0, "Yes", "Ready?")));
            assertFalse(api.message(ANNA, refusedId).has("reply_markup"), "the buttons go even so");
        }
    }

    @Test
    void aPopUpIsPlainTextThatGoesByItselfAndIsCutToTelegramsLimit() {
        var refusal = outgoing.answerPress("q1", "Not yours to tap.");
        assertEquals("q1", refusal.getCallbackQueryId());
        assertEquals("Not yours to tap.", refusal.getText());
        assertEquals(Boolean.FALSE, refusal.getShowAlert());
        var taken = outgoing.answerPress("q2", null);
        assertNull(taken.getText(), "a press that was taken needs no words");
        String cut = outgoing.answerPress("q3", "y".repeat(250)).getText();
        assertEquals(200, cut.length());
        assertTrue(cut.endsWith("…"));
    }

    @Test
    void aMessageOfTenThousandCharactersReachesTelegramInPartsItAccepts() {
        String html = ("<b>Вопрос</b>: что вас сблизило? 💞 Ответ &amp; &quot;мысли&quot;.\n").repeat(240);
        try (FakeBotApi api = FakeBotApi.start();
                TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)))) {
            TelegramDelivery delivery = new TelegramDelivery(clients.client(), outgoing, clients.redact());
            Delivered.Sent sent =
                    assertInstanceOf(Delivered.Sent.class, delivery.send(ANNA, new OutboxMessage.Text(html, buttons)));
            assertEquals(3, sent.messageIds().size());
            assertEquals(List.of(1, 2, 3), sent.messageIds());
            List<FakeBotApi.Call> calls = api.calls("sendMessage");
            assertTrue(calls.stream().allMatch(FakeBotApi.Call::succeeded));
            assertNull(calls.get(0).replyMarkup());
            assertEquals(2, calls.get(2).replyMarkup().get("inline_keyboard").size());
        }
    }
}
