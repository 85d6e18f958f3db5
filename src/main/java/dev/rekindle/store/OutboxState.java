package dev.rekindle.store;

/** An outbox entry waits (pending), went out (sent), or was given up (failed, with a reason). */
public enum OutboxState {
    PENDING,
    SENT,
    FAILED
}
