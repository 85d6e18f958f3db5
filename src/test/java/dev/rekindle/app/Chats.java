package dev.rekindle.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.testing.Eventually;
import java.time.Duration;
import java.util.List;
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
        return c -> c.succeeded() && c.chatId() != null && c.chatId() == chatId && c.text() != null
                && plain(c.text()).contains(containing);
    }

    /** Telegram-HTML as the person sees it. */
    static String plain(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    List<Call> sent(long chatId, String containing) {
        return api.calls("sendMessage").stream().filter(sentTo(chatId, containing)).toList();
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
        Eventually.await("message " + n + " containing '" + containing + "' in chat " + chatId + "; it has "
                + received(chatId), () -> sent(chatId, containing).size() >= n, WAIT);
        return sent(chatId, containing).get(n - 1);
    }

    /** {@code who} presses the button labelled {@code label} on {@code message}. */
    void press(Person who, Call message, String label) {
        for (JsonNode row : message.replyMarkup().get("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.get("text").asText().equals(label)) {
                    api.pushPress(who, message.chatId(), message.messageId(), b.get("callback_data").asText());
                    return;
                }
            }
        }
        throw new AssertionError("no button '" + label + "' on " + message.text());
    }
}
