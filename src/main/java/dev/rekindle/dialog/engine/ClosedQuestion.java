package dev.rekindle.dialog.engine;

/**
 * A private question that closed on a partner before they answered it: the dialog that asked it, and when (epoch
 * second) it closed. A text of theirs soon after is told that the question has closed instead of being read as a new
 * request.
 */
public record ClosedQuestion(String dialog, long closedAt) {}
