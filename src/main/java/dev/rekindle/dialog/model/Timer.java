package dev.rekindle.dialog.model;

import java.time.Duration;

/**
 * A state's timer. Without a nudge: after the duration, go to {@code to}. With a nudge: after the
 * duration, send the nudge (to whoever has not answered yet) and wait the same duration again, then go to
 * {@code to}. Leaving the state cancels the timer. {@code grace} says how late a timer may still
 * fire after the bot was down; null means the bot's default.
 *
 * @param after     the duration as written; null when it comes from a variable ({@code afterFrom})
 * @param afterFrom the length as written with a variable, e.g. {@code {minutes}m}; null for a fixed length.
 *                  The engine fills it in when the timer starts (see {@link TimerLength}).
 */
public record Timer(Duration after, Message nudge, String to, Duration grace, Source source, String afterFrom) {

    /** A timer of fixed length. */
    public Timer(Duration after, Message nudge, String to, Duration grace, Source source) {
        this(after, nudge, to, grace, source, null);
    }
}
