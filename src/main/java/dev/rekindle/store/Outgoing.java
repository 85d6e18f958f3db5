package dev.rekindle.store;

import java.util.Objects;

/**
 * A Telegram call to make. {@code ref} is the engine's name for a message: for SEND, the name under which
 * the sent message's id is remembered; for EDIT and CLOSE_BUTTONS, the message to change. Null otherwise.
 */
public record Outgoing(long chatId, OutboxKind kind, String payload, String ref) {
    public Outgoing {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
    }
}
