package dev.rekindle.bot;

/**
 * Sends a file to a chat at once (Telegram: sendDocument). Used for /export, whose file is made on request and
 * handed over directly: a person's data is not copied into the outbox to wait there.
 */
@FunctionalInterface
public interface Documents {
    /** False when the messenger refused or could not be reached; the caller says so kindly. */
    boolean send(long chatId, String fileName, byte[] content);
}
