package dev.rekindle.dialog.model;

import java.time.Duration;

/**
 * Written on an ending state: the dialog ends now, and after {@code after} it comes back in the same chat at
 * state {@code to}, with its variables and answers as they were. The chat is free in between, unlike a
 * state that waits with a timer. The engine keeps it as a pending follow-up; see docs/dialogs.md.
 *
 * @param after how long after the end; null when it could not be read (already reported)
 * @param to    the state to come back to
 */
public record FollowUp(Duration after, String to, Source source) {}
