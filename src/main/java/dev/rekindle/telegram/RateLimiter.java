package dev.rekindle.telegram;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Telegram's sending limits as pure bookkeeping: at most one message a second in a chat, twenty a
 * minute in a group, thirty a second in all. It never waits: it answers "now" (and counts the send) or
 * "not before T", and the outbox schedules the message for T. A 429 for a chat pushes only that chat back.
 * Thread-safe; time comes from the injected clock.
 */
public final class RateLimiter {
    public static final Duration PER_CHAT_GAP = Duration.ofSeconds(1);
    public static final int GROUP_PER_MINUTE = 20;
    public static final int OVERALL_PER_SECOND = 30;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** Every so many sends, chats idle for a minute (they hold no limit any more) are forgotten. */
    private static final int PRUNE_EVERY = 1024;

    /**
     * The limits kept. {@link #TELEGRAM} in production; {@link #NONE} only for a benchmark against a fake
     * Bot API, which has no limits to keep.
     */
    public record Limits(Duration perChatGap, int groupPerMinute, int overallPerSecond) {
        public static final Limits TELEGRAM = new Limits(PER_CHAT_GAP, GROUP_PER_MINUTE, OVERALL_PER_SECOND);
        public static final Limits NONE = new Limits(Duration.ZERO, Integer.MAX_VALUE, Integer.MAX_VALUE);

        public Limits {
            if (perChatGap == null || perChatGap.isNegative()) {
                throw new IllegalArgumentException(
                        "the gap between messages in a chat must not be negative: " + perChatGap);
            }
            if (groupPerMinute < 1 || overallPerSecond < 1) {
                throw new IllegalArgumentException("limits must allow at least one message: " + groupPerMinute
                        + " a minute in a group, " + overallPerSecond + " a second in all");
            }
        }
    }

    private final InstantSource clock;
    private final Limits limits;
    private final Map<Long, ChatLog> chats = new HashMap<>();
    private final Deque<Instant> overall = new ArrayDeque<>();
    private int sinceLastPrune;

    public RateLimiter(InstantSource clock) {
        this(clock, Limits.TELEGRAM);
    }

    public RateLimiter(InstantSource clock, Limits limits) {
        this.clock = clock;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    public sealed interface Permit {
        record Now() implements Permit {}

        record NotBefore(Instant at) implements Permit {}
    }

    /**
     * Asks to send one message to {@code chatId} (negative ids are groups, as Telegram numbers them).
     * {@code Now} counts the message as sent; {@code NotBefore} counts nothing.
     */
    public synchronized Permit tryAcquire(long chatId) {
        Instant now = clock.instant();
        Instant earliest = earliest(chatId, now);
        if (earliest.isAfter(now)) {
            return new Permit.NotBefore(earliest);
        }
        ChatLog log = chats.computeIfAbsent(chatId, id -> new ChatLog());
        log.last = now;
        if (chatId < 0) {
            log.minute.addLast(now);
        }
        overall.addLast(now);
        if (++sinceLastPrune >= PRUNE_EVERY) {
            prune(now);
        }
        return new Permit.Now();
    }

    /** The earliest instant a message to this chat could go, without counting anything. */
    public synchronized Instant nextSlot(long chatId) {
        Instant now = clock.instant();
        Instant e = earliest(chatId, now);
        return e.isAfter(now) ? e : now;
    }

    /** Telegram answered 429 with retry_after for this chat: hold it back that long, from now. */
    public synchronized void backOff(long chatId, Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        ChatLog log = chats.computeIfAbsent(chatId, id -> new ChatLog());
        if (log.blockedUntil == null || until.isAfter(log.blockedUntil)) {
            log.blockedUntil = until;
        }
    }

    private Instant earliest(long chatId, Instant now) {
        Instant at = now;
        trim(overall, now.minus(SECOND));
        if (limits.overallPerSecond() == Integer.MAX_VALUE) {
            overall.clear(); // no limit: nothing to remember
        } else if (overall.size() >= limits.overallPerSecond()) {
            at = later(at, overall.peekFirst().plus(SECOND));
        }
        ChatLog log = chats.get(chatId);
        if (log == null) {
            return at;
        }
        if (log.last != null) {
            at = later(at, log.last.plus(limits.perChatGap()));
        }
        if (log.blockedUntil != null) {
            at = later(at, log.blockedUntil);
        }
        trim(log.minute, now.minus(MINUTE));
        if (log.minute.size() >= limits.groupPerMinute()) {
            at = later(at, log.minute.peekFirst().plus(MINUTE));
        }
        return at;
    }

    private void prune(Instant now) {
        sinceLastPrune = 0;
        Instant old = now.minus(MINUTE);
        for (Iterator<ChatLog> it = chats.values().iterator(); it.hasNext(); ) {
            ChatLog log = it.next();
            boolean blocked = log.blockedUntil != null && log.blockedUntil.isAfter(now);
            if (!blocked && (log.last == null || log.last.isBefore(old))) {
                it.remove();
            }
        }
    }

    /** Drops instants at or before {@code horizon}: a send exactly a window ago no longer counts. */
    private static void trim(Deque<Instant> window, Instant horizon) {
        while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
            window.removeFirst();
        }
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    synchronized int trackedChats() {
        return chats.size();
    }

    private static final class ChatLog {
        Instant last;
        Instant blockedUntil;
        final Deque<Instant> minute = new ArrayDeque<>();
    }
}
