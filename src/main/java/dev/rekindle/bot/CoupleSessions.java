package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Run;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredSession;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A couple's session as the core starts and reads it: a first session with the partners' names, partner B's name
 * once B joined, the couple's chat ids beside it, and where a session stands for a log line.
 */
final class CoupleSessions {
    private final Store store;
    private final Members members;

    CoupleSessions(Store store, Members members) {
        this.store = store;
        this.members = members;
    }

    /**
     * What a turn starts from: the couple's session at its stored version (a new one at version 0) and the chat ids
     * its messages go to, read once for the turn.
     */
    record Loaded(Session session, long version, Map<Chat, Long> chatIds) {}

    Loaded load(long coupleId) {
        Optional<StoredSession> stored = store.sessions().load(coupleId);
        Session session =
                stored.map(s -> withPartnersJoined(s.session(), coupleId)).orElseGet(() -> newSession(coupleId));
        return new Loaded(
                session,
                stored.map(StoredSession::version).orElse(0L),
                Map.copyOf(store.couples().chatIds(coupleId)));
    }

    /** A first session for the couple, with the names of the partners present; the seed comes from its id. */
    Session newSession(long coupleId) {
        return Session.start(names(coupleId), 0x5DEECE66DL * (coupleId + 1));
    }

    /** A session started while partner A was alone learns partner B's name once B joined. */
    Session withPartnersJoined(Session session, long coupleId) {
        if (session.isPaired()) {
            return session;
        }
        Map<Partner, String> names = names(coupleId);
        return names.containsKey(Partner.B) ? session.withName(Partner.B, names.get(Partner.B)) : session;
    }

    private Map<Partner, String> names(long coupleId) {
        Couple couple = members.couple(coupleId)
                .orElseThrow(
                        () -> new IllegalStateException(
                                "couple " + coupleId
                                        + " does not exist; an update was resolved to it, so the couples table was changed under the bot"));
        Map<Partner, String> names = new EnumMap<>(Partner.class);
        couple.users()
                .forEach((partner, userId) -> names.put(
                        partner,
                        store.couples()
                                .user(userId)
                                .map(u -> u.displayName())
                                .orElse(partner == Partner.A ? "A" : "B")));
        return names;
    }

    /** "dialog appreciation, state offer" or "no dialog running", for a log line. */
    String where(long coupleId, Chat chat) {
        try {
            Run run = store.sessions()
                    .load(coupleId)
                    .map(s -> s.session().run(chat))
                    .orElse(null);
            return run == null
                    ? "no dialog running"
                    : "dialog " + run.top().dialog() + ", state " + run.top().state();
        } catch (RuntimeException e) {
            return "session unreadable";
        }
    }
}
