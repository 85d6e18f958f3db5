package dev.rekindle.dialog.engine;

/**
 * A timer the engine is waiting for: it belongs to the run in {@code chat} and to the state entered
 * at {@code step}; if that run has moved on, the timer is stale and ignored. {@code nudged} says the
 * nudge was already sent, so the next expiry leaves the state.
 */
public record PendingTimer(String id, Chat chat, long step, boolean nudged) {}
