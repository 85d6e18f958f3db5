package dev.rekindle.telegram;

import dev.rekindle.bot.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageReplyMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Renders the engine's actions as Bot API method objects. A Send becomes one or more HTML messages (split
 * at 4096) with the buttons, one per row, on the last part. CloseButtons becomes an edit that removes the
 * keyboard and leaves the text as it was: the chosen label is not written into the message, because
 * rewriting the text would need the original HTML (which the store does not keep) and could push a
 * message over the limit; the partner's choice shows in the bot's next message instead.
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

    /** Stops the client's spinner on a pressed button; no text, the next message is the answer. */
    public AnswerCallbackQuery answerPress(String callbackQueryId) {
        return AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build();
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
