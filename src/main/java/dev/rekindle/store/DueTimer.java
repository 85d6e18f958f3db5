package dev.rekindle.store;

import java.time.Duration;
import java.time.Instant;

/** A pending timer of a couple's session that is due; {@code grace} is how late it may still fire. */
public record DueTimer(long coupleId, String timerId, Instant due, Duration grace) {}
