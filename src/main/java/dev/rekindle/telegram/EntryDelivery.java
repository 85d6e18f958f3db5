package dev.rekindle.telegram;

import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.OutboxPayload;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.Queued;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one outbox entry for the {@link OutboxSender}: renders and sends it (or closes a message's buttons)
 * through {@link TelegramDelivery}, and acts on what Telegram answers: sent (its "sent" mark queued for the next
 * group commit), retried later (429 for that chat, transient errors with back-off), moved (the group became a
 * supergroup), given up (403: unreachable; any other 400: failed with Telegram's reason). Its log lines are the
 * sender's (same logger) and name entries, chats and reasons, never the message text.
 */
final class EntryDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final TelegramDelivery delivery;
    private final RateLimiter limiter;
    /** What to tell the partner of a user a 403 has just made unreachable, queued with the mark. */
    private volatile LongFunction<Optional<Queued>> noticeFor = userId -> Optional.empty();

    EntryDelivery(Outbox outbox, TelegramDelivery delivery, RateLimiter limiter) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.limiter = limiter;
    }

    void whenUnreachable(LongFunction<Optional<Queued>> notice) {
        this.noticeFor = notice;
    }

    /** What became of one entry: Telegram took it; it is settled otherwise (given up, failed); its chat waits. */
    enum Outcome {
        SENT,
        SETTLED,
        HELD
    }

    /** One chat's turn: its "sent" marks queued for the store, and the message ids they carry until durable. */
    static final class ChatBatch {
        final List<CompletableFuture<Void>> marks = new ArrayList<>();
        /** couple/chat/ref of a message sent in this turn: its CloseButtons may follow before the mark is durable. */
        final Map<String, Long> sent = new HashMap<>();

        /** Never fails: a mark that failed leaves its entry pending, and it is sent again. */
        CompletableFuture<Void> marksDurable() {
            CompletableFuture<?>[] logged = marks.stream()
                    .map(f -> f.handle((v, x) -> {
                        if (x != null) {
                            Throwable cause = x.getCause() == null ? x : x.getCause();
                            LOG.error(
                                    "a sent message could not be marked sent and may go out again: {}",
                                    cause.getMessage());
                        }
                        return null;
                    }))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(logged);
        }
    }

    /** Carries out one entry; HELD when its chat must wait (the entry is still pending). */
    Outcome deliver(OutboxEntry e, Instant now, ChatBatch batch) {
        try {
            return switch (e.kind()) {
                case SEND -> send(e, now, batch);
                case CLOSE_BUTTONS -> closeButtons(e, now, batch);
                case ANSWER_CALLBACK -> answerPress(e, now, batch);
                default -> {
                    // the core queues only sends, closes and answers; another kind comes from a newer or a hand-made
                    // row
                    outbox.markFailed(e.id(), "this version of Rekindle does not make " + e.kind() + " calls");
                    yield Outcome.SETTLED;
                }
            };
        } catch (RuntimeException x) {
            // e.g. a payload that cannot be read: sending it again will not help
            LOG.error(
                    "outbox entry {} ({} to chat {}) could not be carried out and is given up: {}",
                    e.id(),
                    e.kind(),
                    e.chatId(),
                    x.getMessage());
            try {
                outbox.markFailed(
                        e.id(), "could not be carried out: " + x.getClass().getSimpleName());
            } catch (RuntimeException m) {
                LOG.error("outbox entry {} could not be marked failed either: {}", e.id(), m.getMessage());
                return Outcome.HELD;
            }
            return Outcome.SETTLED;
        }
    }

    private Outcome send(OutboxEntry e, Instant now, ChatBatch batch) {
        // the parts a previous attempt delivered (before a 429, or before a restart) are stored with the entry
        TelegramDelivery.Delivered d = delivery.send(
                e.chatId(), OutboxPayload.readText(e.payload()), e.partsSent(), partsSent -> partsStored(e, partsSent));
        if (d instanceof TelegramDelivery.Delivered.Sent s) {
            if (e.ref() != null && e.coupleId() != null) {
                batch.sent.put(e.coupleId() + "/" + e.chatId() + "/" + e.ref(), (long) s.lastMessageId());
            }
            // shares a group commit with others instead of an fsync per message; the chat is taken again only
            // once it is durable, so an entry is never taken twice
            batch.marks.add(outbox.markSentSoon(e.id(), s.lastMessageId()));
            return Outcome.SENT;
        }
        return failed(e, ((TelegramDelivery.Delivered.Failed) d).failure(), now);
    }

    /**
     * Makes the count of a long message's parts sent durable before the next part goes, so that a restart
     * repeats at most the part in flight; false (the next part waits) when the store cannot keep it.
     */
    private boolean partsStored(OutboxEntry e, int partsSent) {
        try {
            outbox.markPartsSentSoon(e.id(), partsSent).join();
            return true;
        } catch (RuntimeException x) {
            Throwable cause = x.getCause() == null ? x : x.getCause();
            LOG.error(
                    "outbox entry {}: the count of its parts sent could not be stored; part {} may go out again: {}",
                    e.id(),
                    partsSent,
                    cause.getMessage());
            return false;
        }
    }

    private Outcome closeButtons(OutboxEntry e, Instant now, ChatBatch batch) {
        Long thisRound = e.coupleId() == null || e.ref() == null
                ? null
                : batch.sent.get(e.coupleId() + "/" + e.chatId() + "/" + e.ref());
        // the message whose buttons close may have gone out in this turn, its mark not yet durable
        OutboxMessage.CloseButtons close = OutboxPayload.readCloseButtons(e.payload());
        long pressedId = e.ref() != null ? 0 : close.pressedMessageId();
        OptionalLong pressed = pressedId > 0 ? OptionalLong.of(pressedId) : OptionalLong.empty();
        OptionalLong messageId = pressed.isPresent()
                ? pressed
                : thisRound != null
                        ? OptionalLong.of(thisRound)
                        : e.coupleId() == null || e.ref() == null
                                ? OptionalLong.empty()
                                : outbox.messageId(e.coupleId(), e.chatId(), e.ref());
        if (messageId.isEmpty()) {
            // every earlier entry of this chat is done (the outbox keeps a chat's order), so the message with
            // these buttons was never delivered: there is nothing to close
            outbox.markFailed(e.id(), "message " + e.ref() + " was never sent, so it has no buttons to close");
            return Outcome.SETTLED;
        }
        TelegramDelivery.Delivered d = delivery.closeButtons(e.chatId(), (int) messageId.getAsLong(), close);
        if (d instanceof TelegramDelivery.Delivered.Sent) {
            batch.marks.add(outbox.markSentSoon(e.id()));
            return Outcome.SENT;
        }
        return failed(e, ((TelegramDelivery.Delivered.Failed) d).failure(), now);
    }

    /**
     * Answers a press to its presser. One Telegram refuses for good (a press from before a long outage is too old
     * to answer) is given up quietly: the spinner stopped by itself long ago.
     */
    private Outcome answerPress(OutboxEntry e, Instant now, ChatBatch batch) {
        OutboxMessage.PressAnswer a = OutboxPayload.readPressAnswer(e.payload());
        TelegramDelivery.Delivered d = delivery.answerPress(a.answerId(), a.text());
        if (d instanceof TelegramDelivery.Delivered.Sent) {
            batch.marks.add(outbox.markSentSoon(e.id()));
            return Outcome.SENT;
        }
        SendFailure f = ((TelegramDelivery.Delivered.Failed) d).failure();
        if (f instanceof SendFailure.Permanent p) {
            outbox.markFailed(e.id(), p.code() + " " + p.reason());
            LOG.debug("the answer to a press in chat {} (entry {}) came too late: {}", e.chatId(), e.id(), p.reason());
            return Outcome.SETTLED;
        }
        return failed(e, f, now);
    }

    /** Acts on Telegram's refusal; HELD when the chat must wait. */
    private Outcome failed(OutboxEntry e, SendFailure failure, Instant now) {
        if (failure instanceof SendFailure.RetryAfter r) {
            limiter.backOff(e.chatId(), r.delay());
            outbox.retryAt(e.id(), now.plus(r.delay()));
            LOG.info("chat {} is under flood control: its messages wait {}", e.chatId(), r.delay());
            return Outcome.HELD;
        }
        if (failure instanceof SendFailure.Unreachable u) {
            outbox.markUnreachable(e.id(), u.reason(), noticeFor);
            LOG.info(
                    "chat {} is unreachable (the bot was blocked or removed); entry {} is given up: {}",
                    e.chatId(),
                    e.id(),
                    u.reason());
            return Outcome.SETTLED;
        }
        if (failure instanceof SendFailure.Migrated m) {
            // the chat, its pending entries and its message refs move; they go out to the new id next round
            outbox.moveChat(e.chatId(), m.newChatId());
            LOG.info("group {} became supergroup {}; its messages follow", e.chatId(), m.newChatId());
            return Outcome.HELD;
        }
        if (failure instanceof SendFailure.NotModified) {
            outbox.markSent(e.id());
            return Outcome.SETTLED;
        }
        if (failure instanceof SendFailure.Permanent p) {
            outbox.markFailed(e.id(), p.code() + " " + p.reason());
            LOG.warn(
                    "Telegram refused outbox entry {} ({} to chat {}) for good: {} {}",
                    e.id(),
                    e.kind(),
                    e.chatId(),
                    p.code(),
                    p.reason());
            return Outcome.SETTLED;
        }
        SendFailure.Transient t = (SendFailure.Transient) failure;
        Duration backoff = SendFailure.Transient.backoff(e.attempts() + 1);
        outbox.retryAt(e.id(), now.plus(backoff));
        LOG.warn(
                "outbox entry {} to chat {} failed for now ({}); trying again in {}",
                e.id(),
                e.chatId(),
                t.reason(),
                backoff);
        return Outcome.HELD;
    }
}
