package dev.rekindle.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.dialog.engine.Action;

/**
 * The engine's Send and CloseButtons as the outbox keeps them: JSON in the engine's own terms (HTML and
 * buttons), not a Bot API body, so the core stays channel-free and the sender renders at the last moment
 * (splitting included). The payload holds what a partner shared; the store erases it once sent.
 */
public final class OutboxPayload {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private OutboxPayload() {}

    /**
     * The ref, inside a close-buttons payload, of a message known by its channel id: the bot's own flows
     * (onboarding, pairing, confirmations, the group's link) may run before any couple exists, so their messages
     * have no couple-scoped ref in message_refs; the press names the message instead. The entry itself carries
     * no message_ref then. Engine refs never hold a colon, so the two cannot be confused.
     */
    public static String pressedMessageRef(long messageId) {
        return PRESSED + messageId;
    }

    /** The channel's message id in a ref made by {@link #pressedMessageRef}; empty for any other ref. */
    public static java.util.OptionalLong pressedMessageId(String ref) {
        if (ref == null || !ref.startsWith(PRESSED)) {
            return java.util.OptionalLong.empty();
        }
        try {
            return java.util.OptionalLong.of(Long.parseLong(ref.substring(PRESSED.length())));
        } catch (NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private static final String PRESSED = "msg:";

    public static String send(Action.Send send) {
        return write(send);
    }

    public static Action.Send readSend(String payload) {
        return read(payload, Action.Send.class);
    }

    public static String closeButtons(Action.CloseButtons close) {
        return write(close);
    }

    public static Action.CloseButtons readCloseButtons(String payload) {
        return read(payload, Action.CloseButtons.class);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an outbox payload: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String payload, Class<T> type) {
        try {
            return MAPPER.readValue(payload, type);
        } catch (JsonProcessingException e) {
            // the location only: the payload itself may hold a partner's words
            throw new IllegalArgumentException("an outbox payload is not a " + type.getSimpleName() + " ("
                    + e.getOriginalMessage().split("\n", 2)[0].replaceAll("\"[^\"]*\"", "\"...\"") + ")");
        }
    }
}
