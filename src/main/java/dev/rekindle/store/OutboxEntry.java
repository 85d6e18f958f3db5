package dev.rekindle.store;

import java.time.Instant;

/**
 * An entry of the outbox as stored.
 *
 * @param coupleId null for calls that belong to no couple (e.g. answering a stranger's button)
 * @param ref      see {@link Outgoing#ref()}; null when the call names no message
 * @param failure  why it failed, or null
 * @param partsSent how many parts of a long SEND Telegram already took (stored as each goes); 0 for others
 */
public record OutboxEntry(
        long id,
        Long coupleId,
        long chatId,
        OutboxKind kind,
        String payload,
        String ref,
        Instant created,
        int attempts,
        Instant nextAttempt,
        OutboxState state,
        String failure,
        int partsSent) {}
