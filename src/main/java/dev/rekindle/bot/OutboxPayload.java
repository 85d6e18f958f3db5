package dev.rekindle.bot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.dialog.engine.Action;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;

/**
 * {@link OutboxMessage}s as the outbox keeps them: JSON in the bot's own terms, not a Bot API body, so the core
 * stays channel-free. The payload holds what a partner shared; the store erases it once sent. Payloads written
 * before the outbox had its own type (an engine Send or CloseButtons, with a chat and a ref) still read.
 */
public final class OutboxPayload {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** How a payload of the engine's CloseButtons named a pressed message, before pressedMessageId. */
    private static final String PRESSED = "msg:";

    private OutboxPayload() {}

    /** The engine's message, in the outbox's terms (the chat is the entry's). */
    public static OutboxMessage.Text of(Action.Send send) {
        return new OutboxMessage.Text(
                send.html(),
                send.buttons().stream()
                        .map(b -> new OutboxMessage.Button(b.label(), b.data()))
                        .toList());
    }

    /**
     * The outbox entry that sends {@code message} to {@code chatId}; {@code ref} is the engine's name for the
     * message sent, or for the message whose buttons close (null for the bot's own flows).
     */
    public static Outgoing entry(long chatId, OutboxMessage message, String ref) {
        OutboxKind kind = message instanceof OutboxMessage.Text
                ? OutboxKind.SEND
                : message instanceof OutboxMessage.PressAnswer ? OutboxKind.ANSWER_CALLBACK : OutboxKind.CLOSE_BUTTONS;
        return new Outgoing(chatId, kind, write(message), ref);
    }

    static String write(OutboxMessage message) {
        try {
            return MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an outbox payload: " + e.getOriginalMessage(), e);
        }
    }

    public static OutboxMessage.Text readText(String payload) {
        try {
            return MAPPER.readValue(payload, OutboxMessage.Text.class);
        } catch (JsonProcessingException e) {
            throw unreadable(e, "message");
        }
    }

    public static OutboxMessage.CloseButtons readCloseButtons(String payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            long pressed = n.path("pressedMessageId").asLong(0);
            String legacyRef = n.path("ref").asText("");
            if (pressed == 0 && legacyRef.startsWith(PRESSED)) {
                pressed = Long.parseLong(legacyRef.substring(PRESSED.length()));
            }
            JsonNode label = n.path("chosenLabel");
            JsonNode html = n.path("pressedHtml");
            return new OutboxMessage.CloseButtons(
                    pressed, label.isTextual() ? label.asText() : null, html.isTextual() ? html.asText() : null);
        } catch (JsonProcessingException e) {
            throw unreadable(e, "close-buttons");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "an outbox close-buttons payload names a pressed message that is not " + "a number");
        }
    }

    public static OutboxMessage.PressAnswer readPressAnswer(String payload) {
        try {
            return MAPPER.readValue(payload, OutboxMessage.PressAnswer.class);
        } catch (JsonProcessingException e) {
            throw unreadable(e, "press answer");
        }
    }

    private static IllegalArgumentException unreadable(JsonProcessingException e, String what) {
        // the location only: the payload itself may hold a partner's words
        return new IllegalArgumentException("an outbox payload is not a " + what + " ("
                + e.getOriginalMessage().split("\n", 2)[0].replaceAll("\"[^\"]*\"", "\"...\"") + ")");
    }

    /** Plain text as the bot's Telegram HTML: {@code &}, {@code <} and {@code >} escaped, nothing else changed. */
    public static String escapeHtml(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
