package dev.rekindle.store;

/** A message to queue for a couple: what {@link Outbox#markUnreachable} queues in the same transaction. */
public record Queued(long coupleId, Outgoing message) {}
