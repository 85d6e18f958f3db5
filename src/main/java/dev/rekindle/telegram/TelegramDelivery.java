package dev.rekindle.telegram;

import dev.rekindle.bot.OutboxMessage;
import java.util.ArrayList;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Carries out one Send or CloseButtons now, through the real client, and says what happened in the
 * sender's terms. It neither waits nor retries: the outbox asks the {@link RateLimiter} first and acts on
 * the {@link SendFailure}.
 */
public final class TelegramDelivery {
    private final TelegramClient client;
    private final OutgoingMessages outgoing;
    private final Redact redact;

    public TelegramDelivery(TelegramClient client, OutgoingMessages outgoing, Redact redact) {
        this.client = client;
        this.outgoing = outgoing;
        this.redact = redact;
    }

    public sealed interface Delivered {
        /** Every part went out; the last message id is the one with the buttons (the Send's ref). */
        record Sent(List<Integer> messageIds) implements Delivered {
            public Sent {
                messageIds = List.copyOf(messageIds);
            }

            public int lastMessageId() {
                return messageIds.get(messageIds.size() - 1);
            }
        }

        /**
         * A part failed; {@code sentBefore} are the parts this call did send (a long message split in three may
         * fail on the second): send again from the part after them, not from the start.
         */
        record Failed(SendFailure failure, List<Integer> sentBefore) implements Delivered {
            public Failed {
                sentBefore = List.copyOf(sentBefore);
            }
        }
    }

    /**
     * Hears of each part Telegram took while more parts follow, before the next is sent: the outbox stores the
     * count so a restart goes on from there. False stops the message here (the count could not be kept).
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = partsSent -> true;

        boolean partsSent(int partsSent);
    }

    public Delivered send(long chatId, OutboxMessage.Text send) {
        return send(chatId, send, 0, Progress.NONE);
    }

    /**
     * Sends the parts of {@code send} from part {@code fromPart} on (0 for all); after each part but the last,
     * tells {@code progress} how many parts have gone out in all (counting those before {@code fromPart}).
     */
    public Delivered send(long chatId, OutboxMessage.Text send, int fromPart, Progress progress) {
        List<SendMessage> parts = outgoing.send(chatId, send);
        if (fromPart < 0 || fromPart >= parts.size()) {
            throw new IllegalArgumentException(
                    "part " + fromPart + " does not exist: the message has " + parts.size() + " part(s)");
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = fromPart; i < parts.size(); i++) {
            try {
                Message m = client.execute(parts.get(i));
                ids.add(m.getMessageId());
            } catch (TelegramApiException e) {
                return new Delivered.Failed(SendFailure.classify(e, redact), ids);
            }
            if (i + 1 < parts.size() && !progress.partsSent(i + 1)) {
                return new Delivered.Failed(new SendFailure.Transient("the parts sent could not be stored"), ids);
            }
        }
        return new Delivered.Sent(ids);
    }

    /**
     * Removes the buttons and, when {@code close} brings the pressed message's text and an answer, shows that answer
     * under the text; an edit Telegram refuses for good falls back to removing the buttons alone. "Message is not
     * modified" (already closed) counts as done.
     */
    public Delivered closeButtons(long chatId, int messageId, OutboxMessage.CloseButtons close) {
        if (close.pressedHtml() == null || close.chosenLabel() == null) {
            return closeButtons(chatId, messageId);
        }
        java.util.Optional<org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText> edit =
                outgoing.showAnswer(chatId, messageId, close.pressedHtml(), close.chosenLabel());
        if (edit.isEmpty()) {
            return closeButtons(chatId, messageId);
        }
        try {
            client.execute(edit.get());
            return new Delivered.Sent(List.of(messageId));
        } catch (TelegramApiException e) {
            SendFailure f = SendFailure.classify(e, redact);
            if (f instanceof SendFailure.NotModified) {
                return new Delivered.Sent(List.of(messageId));
            }
            return f instanceof SendFailure.Permanent
                    ? closeButtons(chatId, messageId)
                    : new Delivered.Failed(f, List.of());
        }
    }

    /**
     * Answers a press to its presser alone ({@code text} in a pop-up, or null: the spinner stops). Telegram refuses
     * an answer to a press more than a few minutes old, for good.
     */
    public Delivered answerPress(String callbackQueryId, String text) {
        try {
            client.execute(outgoing.answerPress(callbackQueryId, text));
            return new Delivered.Sent(List.of(0));
        } catch (TelegramApiException e) {
            return new Delivered.Failed(SendFailure.classify(e, redact), List.of());
        }
    }

    /** Removes the buttons; "message is not modified" (already closed) counts as done. */
    public Delivered closeButtons(long chatId, int messageId) {
        try {
            client.execute(outgoing.closeButtons(chatId, messageId));
            return new Delivered.Sent(List.of(messageId));
        } catch (TelegramApiException e) {
            SendFailure f = SendFailure.classify(e, redact);
            return f instanceof SendFailure.NotModified
                    ? new Delivered.Sent(List.of(messageId))
                    : new Delivered.Failed(f, List.of());
        }
    }
}
