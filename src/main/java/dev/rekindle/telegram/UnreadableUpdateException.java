package dev.rekindle.telegram;

/**
 * An update that lacks a field the bot uses, or has it in the wrong JSON type. The message names the field's path
 * and what was wrong, never a value, so it may be logged and stored as the update's failure reason. No stack
 * trace: it is an expected outcome of reading, not a fault of ours.
 */
final class UnreadableUpdateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreadableUpdateException(String reason) {
        super(reason, null, false, false);
    }
}
