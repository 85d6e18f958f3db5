package dev.rekindle.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * getUpdates as a method of TelegramBots' client, whose answer is left as JSON: one tree per update, for
 * {@link UpdateReader} to read each on its own. The library's own {@link GetUpdates} binds the whole answer to its
 * model at once, so one update it cannot bind loses the answer, and with it every update after. The client still
 * does the rest: the URL with the token, the request's JSON, and an error answer made a
 * {@link TelegramApiRequestException} with Telegram's code and parameters ({@code retry_after}).
 */
final class GetRawUpdates extends BotApiMethod<ArrayNode> {
    private final long offset;
    private final int limit;
    private final int timeout;
    private final List<String> allowedUpdates;

    /** {@code offset} 0 asks from the oldest update Telegram holds; a higher one confirms every update below it. */
    GetRawUpdates(long offset, int limit, int timeoutSeconds, List<String> allowedUpdates) {
        this.offset = offset;
        this.limit = limit;
        this.timeout = timeoutSeconds;
        this.allowedUpdates = List.copyOf(allowedUpdates);
    }

    /** The request's fields, as the client writes them (JSON). */
    @JsonProperty("offset")
    long offset() {
        return offset;
    }

    @JsonProperty("limit")
    int limit() {
        return limit;
    }

    @JsonProperty("timeout")
    int timeout() {
        return timeout;
    }

    @JsonProperty("allowed_updates")
    List<String> allowedUpdates() {
        return allowedUpdates;
    }

    @Override
    public String getMethod() {
        return GetUpdates.PATH;
    }

    @Override
    public ArrayNode deserializeResponse(String answer) throws TelegramApiRequestException {
        return deserializeResponse(answer, ArrayNode.class);
    }
}
