package dev.rekindle.bot;

import dev.rekindle.store.Couple;
import dev.rekindle.store.Couples;
import dev.rekindle.store.Writer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Who wrote where, in the engine's terms. A private message from someone the bot does not know makes them
 * partner A of a couple of one (pairing comes later), so the bot works for one person. Creating the user,
 * the couple and the chat are separate writes, not atomic with anything: each step first looks up what an
 * earlier, interrupted attempt already wrote, so running this again after a crash finishes the job rather
 * than failing on a duplicate. Called from one thread (the adapter's receiving thread), in arrival order, and
 * never while an update that changes who is in which couple is in hand (the receiver waits for those).
 */
public final class Members {
    private final Couples couples;
    private final ZoneId defaultZone;

    public Members(Couples couples) {
        this(couples, ZoneOffset.UTC);
    }

    public Members(Couples couples, ZoneId defaultZone) {
        this.couples = couples;
        this.defaultZone = defaultZone;
    }

    /**
     * The writer behind a private chat, creating user, couple and chat on first contact: one read for someone the
     * bot knows.
     */
    public Writer inPrivateChat(long chatId, long userId, String firstName) {
        Optional<Writer> known = couples.writer(chatId, userId);
        if (known.isPresent()) {
            reachableAgain(userId, known.get());
            return known.get();
        }
        if (couples.user(userId).isEmpty()) {
            couples.createUser(
                    userId, firstName == null || firstName.isBlank() ? "you" : firstName.strip(), defaultZone);
        }
        if (couples.coupleOf(userId).isEmpty()) {
            couples.startCouple(userId);
        }
        couples.registerPrivateChat(chatId, userId);
        return couples.writer(chatId, userId)
                .orElseThrow(() -> new IllegalStateException("private chat " + chatId + " of user " + userId
                        + " was registered but cannot be found; check the chats table"));
    }

    /** The writer behind a group message; empty when the group is not a couple's or the writer is not a partner. */
    public Optional<Writer> inGroup(long chatId, long userId) {
        Optional<Writer> w = couples.writer(chatId, userId);
        w.ifPresent(x -> reachableAgain(userId, x));
        return w;
    }

    /** Whether {@code userId} is one of the partners of the couple whose group {@code chatId} is; writes nothing. */
    public boolean isPartnerIn(long chatId, long userId) {
        return couples.find(chatId, userId).isPresent();
    }

    /** The couple the user is in now, if the bot knows them. */
    public Optional<Long> coupleOf(long userId) {
        return couples.coupleOf(userId).map(Couple::id);
    }

    /** A user who blocked the bot (403) and writes again has unblocked it. */
    private void reachableAgain(long userId, Writer w) {
        if (w.unreachable()) {
            couples.markReachable(userId);
        }
    }

    /** The couple's record, for the names of its partners. */
    Optional<Couple> couple(long coupleId) {
        return couples.couple(coupleId);
    }
}
