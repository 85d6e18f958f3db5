package dev.rekindle.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the chats of the fake Bot API received from the bot, read the way a person reads them (plain text, in
 * order), with bounded waits and button presses: the end-to-end tests' shared view of a conversation.
 */
final class Chats {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final FakeBotApi api;

    Chats(FakeBotApi api) {
        this.api = api;
    }

    /** A successful sendMessage to the chat whose plain text contains {@code containing}. */
    static Predicate<Call> sentTo(long chatId, String containing) {
        return c -> c.succeeded()
                && c.chatId() != null
                && c.chatId() == chatId
                && c.text() != null
                && plain(c.text()).contains(containing);
    }

    /** Telegram-HTML as the person sees it. */
    static String plain(String html) {
        return html.replaceAll("<[^>]+>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    List<Call> sent(long chatId, String containing) {
        return api.calls("sendMessage").stream()
                .filter(sentTo(chatId, containing))
                .toList();
    }

    /** Every message the chat received so far, as plain text, in order. */
    List<String> received(long chatId) {
        return sent(chatId, "").stream().map(c -> plain(c.text())).toList();
    }

    Call awaitSent(long chatId, String containing) {
        return awaitSent(chatId, containing, 1);
    }

    /** Waits for the {@code n}th (from 1) successful message to the chat containing the text. */
    Call awaitSent(long chatId, String containing, int n) {
        try {
            Eventually.await(
                    "message " + n + " containing '" + containing + "' in chat " + chatId,
                    () -> sent(chatId, containing).size() >= n,
                    WAIT);
        } catch (AssertionError e) {
            // what the chat holds when the wait gave up, not when it began
            throw new AssertionError(e.getMessage() + "; it has " + received(chatId), e);
        }
        return sent(chatId, containing).get(n - 1);
    }

    /**
     * Everything the chat shows, in the order the bot did it, as a person reads it: each message's plain text with
     * its buttons ("\n[Label] [Label]", one bracket per button), a document as "[document name]", and the moment a
     * message's buttons were taken away as "(buttons closed: first line of that message)".
     */
    List<String> transcript(long chatId) {
        List<String> out = new ArrayList<>();
        Map<Integer, String> firstLines = new HashMap<>();
        for (Call c : api.calls()) {
            if (!c.succeeded() || c.chatId() == null || c.chatId() != chatId) {
                continue;
            }
            switch (c.method().toLowerCase(Locale.ROOT)) {
                case "sendmessage" -> {
                    String text = plain(c.text());
                    firstLines.put(c.messageId(), text.lines().findFirst().orElse(""));
                    out.add(text + buttons(c.replyMarkup()));
                }
                case "senddocument" ->
                    out.add("[document " + c.params().path("file_name").asText() + "]");
                case "editmessagetext" ->
                    out.add("(edited: " + firstLines.get(c.messageId()) + ") " + plain(c.text())
                            + buttons(c.replyMarkup()));
                case "editmessagereplymarkup" ->
                    out.add(
                            buttons(c.replyMarkup()).isEmpty()
                                    ? "(buttons closed: " + firstLines.get(c.messageId()) + ")"
                                    : "(buttons changed: " + firstLines.get(c.messageId()) + ")"
                                            + buttons(c.replyMarkup()));
                default -> {} // typing, answers to presses, commands: nothing a person reads in the chat
            }
        }
        return out;
    }

    private static String buttons(JsonNode markup) {
        StringBuilder b = new StringBuilder();
        if (markup != null && markup.has("inline_keyboard")) {
            for (JsonNode row : markup.get("inline_keyboard")) {
                for (JsonNode button : row) {
                    b.append(b.length() == 0 ? "\n" : " ")
                            .append('[')
                            .append(button.get("text").asText())
                            .append(']');
                }
            }
        }
        return b.toString();
    }

    /**
     * Waits for the pop-up that answers a press of {@code who}: an answerCallbackQuery with text containing
     * {@code containing}, which only the presser sees (the fake names a press {@code userId * 1000 + messageId}).
     */
    Call awaitPopup(Person who, String containing) {
        return api.awaitCall(
                "answerCallbackQuery",
                c -> c.succeeded()
                        && c.text() != null
                        && c.text().contains(containing)
                        && c.params().path("callback_query_id").asText().startsWith(Long.toString(who.id())),
                WAIT);
    }

    /** The pop-ups shown so far (answers to presses with text), in order. */
    List<String> popups() {
        return api.calls("answerCallbackQuery").stream()
                .filter(c -> c.succeeded() && c.text() != null && !c.text().isEmpty())
                .map(Call::text)
                .toList();
    }

    /** {@code who} presses the button labelled {@code label} on {@code message}. */
    void press(Person who, Call message, String label) {
        for (JsonNode row : message.replyMarkup().get("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.get("text").asText().equals(label)) {
                    api.pushPress(
                            who,
                            message.chatId(),
                            message.messageId(),
                            b.get("callback_data").asText());
                    return;
                }
            }
        }
        throw new AssertionError("no button '" + label + "' on " + message.text());
    }
}
