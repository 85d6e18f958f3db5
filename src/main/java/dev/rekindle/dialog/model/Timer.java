package dev.rekindle.dialog.model;

import java.time.Duration;

/**
 * A state's timer. Without a nudge: after the duration, go to {@code to}. With a nudge: after the
 * duration, send the nudge (to whoever has not answered yet) and wait the same duration again, then go to
 * {@code to}. Leaving the state cancels the timer. {@code grace} says how late a timer may still
 * fire after the bot was down; null means the bot's default.
 */
public record Timer(Duration after, Message nudge, String to, Duration grace, Source source) {}
