package dev.rekindle.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Telegram calls waiting to be made. Entries are written in the same transaction as the session change
 * that caused them ({@link SessionStore#commit}); a sender takes them in id order and reports back.
 * Within a chat, order is kept: an entry is not due while an earlier pending entry of its chat waits.
 */
public interface Outbox {

    /** Adds an entry outside a commit, for calls no session change caused; {@code coupleId} may be null. */
    long enqueue(Long coupleId, Outgoing message);

    /**
     * Pending entries due at {@code now}, at most {@code limit}: chat by chat in turns (every chat's first before any
     * chat's second), each chat's oldest first.
     */
    List<OutboxEntry> due(Instant now, int limit);

    /** The same for one chat only. */
    List<OutboxEntry> due(long chatId, Instant now, int limit);

    Optional<OutboxEntry> entry(long id);

    /** Delivered, and no message id worth keeping (answers, chat actions, commands). */
    void markSent(long id);

    /** Delivered as Telegram message {@code messageId}; a SEND with a ref remembers it for later edits. */
    void markSent(long id, long messageId);

    /**
     * The same, queued for the next group commit: the future completes once the mark is durable. A sender
     * that marks many entries this way waits for the futures before it reads the due entries again.
     */
    default java.util.concurrent.CompletableFuture<Void> markSentSoon(long id, long messageId) {
        try {
            markSent(id, messageId);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** {@link #markSent(long)}, queued for the next group commit. */
    default java.util.concurrent.CompletableFuture<Void> markSentSoon(long id) {
        try {
            markSent(id);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The first {@code partsSent} parts of a long SEND went out: a later attempt, also after a restart, starts
     * at the next part. Queued for the next group commit; the future completes once the count is durable, and
     * a sender waits for it before it sends the next part.
     */
    java.util.concurrent.CompletableFuture<Void> markPartsSentSoon(long id, int partsSent);

    /** Telegram asked to wait (429) or was unreachable: try again at {@code when}. Counts an attempt. */
    void retryAt(long id, Instant when);

    /** Telegram refused the call for good (400): give it up with Telegram's reason. */
    void markFailed(long id, String reason);

    /**
     * Telegram answered 403 (the user blocked the bot): the entry fails and, if it was for a private chat, its user
     * is marked unreachable; for each user this made unreachable (none when they already were), what {@code notice}
     * gives is queued in the same transaction, so a crash never leaves a user marked and their partner untold.
     * Returns those users.
     */
    java.util.List<Long> markUnreachable(
            long id, String reason, java.util.function.LongFunction<java.util.Optional<Queued>> notice);

    /** A group became a supergroup with a new chat id: moves the chat, its outbox and its message refs. */
    void moveChat(long fromChatId, long toChatId);

    /** The Telegram message id sent for the engine's {@code ref} in that chat, if it was sent. */
    OptionalLong messageId(long coupleId, long chatId, String ref);
}
