package dev.rekindle.store.sqlite;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rekindle.dialog.engine.Chat;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The couples' chat ids, read once and kept: every turn needs them to address what it sends, and they change only
 * when a chat is registered, linked, unlinked, moved or forgotten, which is rare. Each write that may change a chat
 * goes through {@link #write}, which ends every entry read before it returned. An entry carries the generation
 * it was read in rather than being removed, so a read that raced a write can never leave an old answer behind: it
 * is stamped with the generation it started in, and that one is over.
 */
final class ChatIdsCache {
    private final AtomicLong generation = new AtomicLong();
    private final Cache<Long, Entry> entries = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    private record Entry(long generation, Map<Chat, Long> ids) {}

    /** The couple's chat ids: kept ones if no chat changed since they were read, else {@code read} again. */
    Map<Chat, Long> get(long coupleId, LongFunction<Map<Chat, Long>> read) {
        long now = generation.get();
        Entry kept = entries.getIfPresent(coupleId);
        if (kept != null && kept.generation() == now) {
            return kept.ids();
        }
        Map<Chat, Long> ids = Map.copyOf(read.apply(coupleId));
        entries.put(coupleId, new Entry(now, ids));
        return ids;
    }

    /** {@code db.write} for a write that may change some couple's chats: when it returns, all are read again. */
    <T> T write(Database db, String what, SqlWork<T> work) {
        try {
            return db.write(what, work);
        } finally {
            generation.incrementAndGet();
        }
    }
}
