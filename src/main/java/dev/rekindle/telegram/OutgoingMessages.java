package dev.rekindle.telegram;

import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.OutboxPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Renders the outbox's messages as Bot API method objects. A Send becomes one or more HTML messages (split at
 * 4096) with the buttons, one per row, on the last part. CloseButtons becomes an edit: when the press brought the
 * pressed message's text and there is an answer to show, the text again with "✓ answer" under it and no keyboard,
 * so the history reads as questions with their answers; otherwise (a message closed by a typed answer or a timer,
 * one older than Telegram sends the text of, or one the answer would push over the limit) the keyboard is removed
 * and the text stays. A press is answered to its presser alone: a pop-up with the words of a refusal, or nothing.
 */
public final class OutgoingMessages {
    /** Telegram's limit on callback data, in bytes. */
    public static final int MAX_CALLBACK_BYTES = 64;

    private final MessageSplitter splitter;

    public OutgoingMessages(MessageSplitter splitter) {
        this.splitter = splitter;
    }

    public static OutgoingMessages telegram() {
        return new OutgoingMessages(MessageSplitter.telegram());
    }

    /** The messages for one Send, in order; only the last carries the buttons. */
    public List<SendMessage> send(long chatId, OutboxMessage.Text send) {
        List<String> parts = splitter.split(send.html());
        List<SendMessage> out = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> m =
                    SendMessage.builder().chatId(chatId).text(parts.get(i)).parseMode(ParseMode.HTML);
            if (i == parts.size() - 1 && !send.buttons().isEmpty()) {
                m.replyMarkup(keyboard(send.buttons()));
            }
            out.add(m.build());
        }
        return List.copyOf(out);
    }

    /** Takes the buttons off an answered message (an empty reply_markup removes the inline keyboard). */
    public EditMessageReplyMarkup closeButtons(long chatId, int messageId) {
        return EditMessageReplyMarkup.builder()
                .chatId(chatId)
                .messageId(messageId)
                .build();
    }

    /** Telegram's limit on the text of a press's pop-up, in characters. */
    static final int MAX_POPUP_CHARS = 200;

    /**
     * Answers a press, to its presser alone: {@code text} (plain) in a pop-up that goes by itself (not an alert to
     * dismiss), or, with null, only the client's spinner stopped.
     */
    public AnswerCallbackQuery answerPress(String callbackQueryId, String text) {
        AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> a =
                AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId);
        if (text != null && !text.isBlank()) {
            // the validator keeps bot.yaml's refusals short; a longer one is cut rather than refused by Telegram
            a.text(text.length() <= MAX_POPUP_CHARS ? text : text.substring(0, MAX_POPUP_CHARS - 1) + "…")
                    .showAlert(false);
        }
        return a.build();
    }

    /**
     * The pressed message again, with {@code answer} under its text and no keyboard; empty when it would not fit in
     * one message (then only the keyboard goes).
     */
    public java.util.Optional<EditMessageText> showAnswer(long chatId, int messageId, String html, String answer) {
        String answered = html + "\n\n✓ " + OutboxPayload.escapeHtml(answer);
        if (MessageSplitter.visibleLength(answered) > MessageSplitter.TELEGRAM_LIMIT) {
            return java.util.Optional.empty();
        }
        // without reply_markup, an edit of the text takes the inline keyboard off too
        return java.util.Optional.of(EditMessageText.builder()
                .chatId(chatId)
                .messageId(messageId)
                .text(answered)
                .parseMode(ParseMode.HTML)
                .build());
    }

    static InlineKeyboardMarkup keyboard(List<OutboxMessage.Button> buttons) {
        List<InlineKeyboardRow> rows = new ArrayList<>(buttons.size());
        for (OutboxMessage.Button b : buttons) {
            int bytes = b.data().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_CALLBACK_BYTES) {
                // the validator keeps dialog data short; reaching this means a new kind of data was added unchecked
                throw new IllegalArgumentException("callback data of button '" + b.label() + "' is " + bytes
                        + " bytes, Telegram takes at most " + MAX_CALLBACK_BYTES + ": " + b.data());
            }
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder()
                    .text(b.label())
                    .callbackData(b.data())
                    .build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }
}
