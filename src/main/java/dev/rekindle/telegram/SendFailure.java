package dev.rekindle.telegram;

import java.time.Duration;
import java.util.Locale;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * What a failed Bot API call means for the sender. The reasons are Telegram's descriptions (which name
 * the problem, never the message text) with the token masked, fit to log.
 */
public sealed interface SendFailure {

    /** 429: flood control. Only this chat waits; other chats keep flowing. */
    record RetryAfter(Duration delay) implements SendFailure {}

    /** 403: the user blocked the bot, deleted their account, or the bot was kicked; stop writing to the chat. */
    record Unreachable(String reason) implements SendFailure {}

    /** 400 with migrate_to_chat_id: the group became a supergroup; send again to the new id. */
    record Migrated(long newChatId) implements SendFailure {}

    /** 400 "message is not modified": the edit was already done (a retried or duplicated close); treat as success. */
    record NotModified() implements SendFailure {}

    /** Any other 4xx: sending again will fail the same way; log the reason and drop the message. */
    record Permanent(int code, String reason) implements SendFailure {}

    /** Network trouble or a 5xx: send again after {@link #backoff(int)}. */
    record Transient(String reason) implements SendFailure {
        /** 1 s, 2 s, 4 s ... capped at a minute; {@code attempt} counts from 1. */
        public static Duration backoff(int attempt) {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1: " + attempt);
            }
            return Duration.ofSeconds(Math.min(60, 1L << Math.min(attempt - 1, 6)));
        }
    }

    /** When Telegram asks for flood control without saying how long (it always says; this is a guard). */
    Duration DEFAULT_RETRY = Duration.ofSeconds(1);

    static SendFailure classify(TelegramApiException e, Redact redact) {
        if (e instanceof TelegramApiValidationException v) {
            // the library refused before sending (empty text, bad markup): a bug of ours, not worth a retry
            return new Permanent(0, "refused before sending: " + redact.apply(v.getMessage()));
        }
        if (!(e instanceof TelegramApiRequestException r) || r.getErrorCode() == null || r.getErrorCode() == 0) {
            // no Bot API answer: the connection failed, or the body was not JSON (a proxy's 502 page)
            return new Transient(redact.describe(e));
        }
        int code = r.getErrorCode();
        String description = redact.apply(r.getApiResponse() == null ? "" : r.getApiResponse());
        ResponseParameters p = r.getParameters();
        if (p != null && p.getMigrateToChatId() != null) {
            return new Migrated(p.getMigrateToChatId());
        }
        if (code == 429 || (p != null && p.getRetryAfter() != null)) {
            int seconds = p == null || p.getRetryAfter() == null ? 0 : p.getRetryAfter();
            return new RetryAfter(seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_RETRY);
        }
        if (code == 403) {
            return new Unreachable(description);
        }
        if (code == 400 && description.toLowerCase(Locale.ROOT).contains("message is not modified")) {
            return new NotModified();
        }
        if (code >= 500) {
            return new Transient(code + " " + description);
        }
        return new Permanent(code, description);
    }
}
