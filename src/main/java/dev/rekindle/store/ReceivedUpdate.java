package dev.rekindle.store;

import java.time.Instant;

/** A Telegram update as it arrived, waiting to be handled. */
public record ReceivedUpdate(long updateId, String rawJson, Instant received) {}
