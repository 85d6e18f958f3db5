package dev.rekindle.telegram;

import dev.rekindle.schedule.WakeableLoop;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.telegram.EntryDelivery.ChatBatch;
import dev.rekindle.telegram.EntryDelivery.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to Telegram, chats in turns, keeping each chat's order: an entry that must wait (rate
 * limit, 429, a network error) holds back the later entries of its chat only, while other chats keep
 * flowing. Different chats are sent in parallel, on at most {@code inFlight} calls at a time; one chat's
 * entries go out one after another on one worker, the next only after the previous was sent or failed or
 * rescheduled. What Telegram answers decides the entry's fate ({@link EntryDelivery}): sent (with its message
 * id, so a later CloseButtons finds the message), retried later (429 for that chat, transient errors with
 * back-off), moved (the group became a supergroup), given up (403: the user is marked unreachable; any other
 * 400: failed with Telegram's reason). Log lines name entries, chats and reasons, never the message text.
 *
 * <p>No rounds: the thread reads the due entries and hands each chat that is not in hand already to a worker;
 * a chat stays in hand until its entries are sent (or held, or given up) and their "sent" marks are durable,
 * and only then may it be taken again. So an entry is never taken twice and a chat's order holds, while the
 * other chats go on without waiting for the slowest one. A chat the rate limiter holds back is not taken again
 * before its time.
 *
 * <p>"Typing..." shows where someone would otherwise wait with nothing happening: when a message of this chat
 * went out in a round and the chat's next message must wait for Telegram's pace (one message a second in a chat),
 * the chat shows "typing..." until it comes (Telegram shows it for five seconds at most, or until the next
 * message; a wait longer than that, such as a group's twenty a minute, shows nothing). A one-message answer
 * never shows it; nor does a chat under flood control. The call goes on the client's own threads and is never
 * waited for; a refusal is logged once and skipped ({@link OptionalCalls}).
 *
 * <p>Delivery is at least once: a message Telegram took just before a crash, whose "sent" mark did not reach
 * the disk, goes out again after the restart (the Bot API has no idempotency key). A long message goes in
 * parts, and the count of parts sent is made durable after each part, before the next: a retry, also after a
 * restart, goes on from the first part missing, so only the part in flight at a crash may repeat.
 */
public final class OutboxSender implements AutoCloseable {
    public static final String THREAD_NAME = "rekindle-sender";
    /** Calls in flight at most when none is given: different chats sent at once. */
    public static final int DEFAULT_IN_FLIGHT = 8;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 200;
    /** The longest the thread waits without looking: retries fall due without anyone waking it. */
    private static final Duration MAX_NAP = Duration.ofMillis(500);
    /** How long Telegram shows "typing..." after one call: a longer wait is not announced. */
    static final Duration TYPING_LASTS = Duration.ofSeconds(5);

    private final Outbox outbox;
    private final RateLimiter limiter;
    /** Carries out each entry and acts on Telegram's answer. */
    private final EntryDelivery entryDelivery;

    private final InstantSource clock;
    private final int inFlight;
    /** Shows "typing..." where a message waits behind an earlier one; null: never. */
    private final OptionalCalls optional;
    /** Runs one chat's entries of a round; {@code inFlight} threads, so at most that many calls at once. */
    private final ExecutorService workers;
    /** Chats a worker holds, or whose "sent" marks are not yet durable: not taken again until released. */
    private final Set<Long> inHand = ConcurrentHashMap.newKeySet();
    /** Chats the rate limiter holds back, and until when. */
    private final Map<Long, Instant> heldUntil = new ConcurrentHashMap<>();
    /** Each chat in hand, until it is released; close() waits for them. */
    private final Map<Long, CompletableFuture<Void>> releasing = new ConcurrentHashMap<>();

    private final WakeableLoop loop = new WakeableLoop(THREAD_NAME, this::round);

    public OutboxSender(Outbox outbox, TelegramDelivery delivery, RateLimiter limiter, InstantSource clock) {
        this(outbox, delivery, limiter, clock, DEFAULT_IN_FLIGHT);
    }

    /** {@code inFlight}: how many chats are sent to at once (each one call at a time). */
    public OutboxSender(
            Outbox outbox, TelegramDelivery delivery, RateLimiter limiter, InstantSource clock, int inFlight) {
        this(outbox, delivery, limiter, clock, inFlight, null);
    }

    /** {@code optional}: shows "typing..." while an answer's next message waits (null: never). */
    public OutboxSender(
            Outbox outbox,
            TelegramDelivery delivery,
            RateLimiter limiter,
            InstantSource clock,
            int inFlight,
            OptionalCalls optional) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("at least one call must be allowed in flight: " + inFlight);
        }
        this.outbox = outbox;
        this.limiter = limiter;
        this.entryDelivery = new EntryDelivery(outbox, delivery, limiter);
        this.clock = clock;
        this.inFlight = inFlight;
        this.optional = optional;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                inFlight,
                inFlight,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> new Thread(r, THREAD_NAME + "-" + n.incrementAndGet()));
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
    }

    public int inFlight() {
        return inFlight;
    }

    /**
     * What to queue for the partner of each user a 403 has just made unreachable, stored with the mark in one
     * transaction (asked on the store's writer thread: it may read, never write); set it before {@link #start}.
     */
    public void whenUnreachable(java.util.function.LongFunction<java.util.Optional<dev.rekindle.store.Queued>> notice) {
        entryDelivery.whenUnreachable(notice);
    }

    public void start() {
        loop.start();
    }

    /** New entries were committed: look now. */
    public void wake() {
        loop.wake();
    }

    /**
     * Hands every chat with entries that may go now, and not in hand already, to a worker (each chat in order,
     * different chats in parallel), and returns how long until the next may (capped): the thread's nap. A chat
     * released wakes the thread.
     */
    public synchronized Duration sendDue() {
        // taken before the read: a chat released after it was read has its marks durable in what was read
        Set<Long> busy = Set.copyOf(inHand);
        Instant now = clock.instant();
        List<OutboxEntry> due = outbox.due(now, BATCH);
        Map<Long, List<OutboxEntry>> byChat = new LinkedHashMap<>();
        for (OutboxEntry e : due) {
            Instant held = heldUntil.get(e.chatId());
            if (busy.contains(e.chatId()) || (held != null && held.isAfter(now))) {
                continue;
            }
            byChat.computeIfAbsent(e.chatId(), c -> new ArrayList<>()).add(e);
        }
        byChat.forEach((chat, entries) -> take(chat, entries, now));
        if (due.size() == BATCH && !byChat.isEmpty()) {
            return Duration.ZERO;
        }
        Instant next = null;
        for (Instant at : heldUntil.values()) {
            if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        Duration wait = next == null ? MAX_NAP : Duration.between(clock.instant(), next);
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_NAP) > 0 ? MAX_NAP : wait;
    }

    /** One chat's entries to a worker; the chat is released once they are settled and their marks durable. */
    private void take(long chat, List<OutboxEntry> entries, Instant now) {
        inHand.add(chat);
        ChatBatch batch = new ChatBatch();
        CompletableFuture<Void> released = new CompletableFuture<>();
        releasing.put(chat, released);
        var unused = CompletableFuture.supplyAsync(() -> sendChat(entries, now, batch), workers)
                .exceptionally(x -> {
                    Throwable cause = x.getCause() == null ? x : x.getCause();
                    LOG.error("sending to chat {} failed; its entries stay pending: {}", chat, cause.toString());
                    return new ChatRound(true, null);
                })
                .thenCompose(r -> batch.marksDurable().thenApply(v -> r))
                // the round's failures are handled by exceptionally above; the chat is released through `released`
                .whenComplete((r, x) -> {
                    if (r == null || !r.held()) {
                        heldUntil.remove(chat);
                    } else {
                        // held without a time (429, a failure: the outbox has the retry time) is looked at again
                        // after a nap, not at once
                        heldUntil.put(
                                chat,
                                r.notBefore() != null
                                        ? r.notBefore()
                                        : clock.instant().plus(MAX_NAP));
                    }
                    // out of releasing before out of inHand: once the chat is free, a new round may put its own
                    releasing.remove(chat);
                    inHand.remove(chat);
                    released.complete(null);
                    loop.wake();
                });
    }

    /** What one chat's turn ended with: held back (and, for the rate limit, until when). */
    private record ChatRound(boolean held, Instant notBefore) {
        static final ChatRound DONE = new ChatRound(false, null);
    }

    /** One chat's due entries, in order, on one thread; stops at the first that must wait. */
    private ChatRound sendChat(List<OutboxEntry> entries, Instant now, ChatBatch batch) {
        boolean messageWent = false;
        for (OutboxEntry e : entries) {
            if (loop.stopping()) {
                return ChatRound.DONE;
            }
            if (e.kind() == OutboxKind.SEND || e.kind() == OutboxKind.CLOSE_BUTTONS) {
                RateLimiter.Permit p = limiter.tryAcquire(e.chatId());
                if (p instanceof RateLimiter.Permit.NotBefore nb) {
                    if (messageWent && e.kind() == OutboxKind.SEND) {
                        typingUntil(e.chatId(), nb.at());
                    }
                    return new ChatRound(true, nb.at());
                }
            }
            Outcome o = entryDelivery.deliver(e, now, batch);
            if (o == Outcome.HELD) {
                return new ChatRound(true, null);
            }
            messageWent |= o == Outcome.SENT && e.kind() == OutboxKind.SEND;
        }
        return ChatRound.DONE;
    }

    /** The chat's next message comes at {@code at}, after one that just went: "typing..." meanwhile. */
    private void typingUntil(long chatId, Instant at) {
        if (optional != null && Duration.between(clock.instant(), at).compareTo(TYPING_LASTS) <= 0) {
            var unused = optional.typingAsync(chatId); // optional: OptionalCalls logs its own failures
        }
    }

    /** True when nothing may go now (all sent, or everything left waits for later); for shutdown and tests. */
    public boolean idle() {
        return outbox.due(clock.instant(), 1).isEmpty();
    }

    /** One look of the thread: hand out what is due; a failure is logged and the next look comes shortly. */
    private Duration round() {
        try {
            return sendDue();
        } catch (RuntimeException e) {
            LOG.error("sending from the outbox failed; trying again shortly: {}", e.getMessage());
            return MAX_NAP;
        }
    }

    /** Waits (at most {@code timeout}) until nothing may go now; false if something still could. */
    public boolean awaitIdle(Duration timeout) {
        return loop.awaitIdle(this::idle, timeout);
    }

    /** Stops the thread; lets each worker finish the call in hand and waits for the marks of what was sent. */
    @Override
    public void close() {
        loop.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            CompletableFuture.allOf(releasing.values().toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn(
                    "some sent messages were not yet marked sent at shutdown and may go out again: {}",
                    e.getClass().getSimpleName());
        }
    }
}
