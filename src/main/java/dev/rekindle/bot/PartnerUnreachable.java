package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Queued;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tells a partner, once, that the bot can no longer reach the other one (Telegram refuses: they blocked the bot or
 * left Telegram). Neutral, since the bot cannot know why; and said, since otherwise the partner would go on sharing
 * into silence while the exercises seem to deliver. Once: only when the other one has just become unreachable. Never
 * when the one who blocked may be at risk (they said they were not safe, or their words raised a safety flow): they
 * may have blocked the bot to be safe, and the partner is never told why anything stopped.
 */
public final class PartnerUnreachable {
    private final Store store;
    private final Sentences say;

    public PartnerUnreachable(Store store, Engine engine) {
        this(store, new Sentences(engine));
    }

    PartnerUnreachable(Store store, Sentences say) {
        this.store = store;
        this.say = say;
    }

    /**
     * The notice for the partner of {@code userId}, whom Telegram just refused; none when there is nobody to tell,
     * or telling is not safe. It only reads, so the store may ask it inside the write that marks the user.
     */
    public Optional<Queued> notice(long userId) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        if (couple.isEmpty() || mayBeAtRisk(userId, couple.get())) {
            return Optional.empty();
        }
        String name = store.couples().user(userId).map(User::displayName).orElse("");
        for (Map.Entry<Partner, Long> other : couple.get().users().entrySet()) {
            if (other.getValue() == userId) {
                continue;
            }
            OptionalLong chat = store.couples().chatId(couple.get().id(), Chat.privateOf(other.getKey()));
            if (chat.isPresent()) {
                Outgoing told = say.say(chat.getAsLong(), "partner_unreachable", Map.of("partner", name));
                return Optional.of(new Queued(couple.get().id(), told));
            }
        }
        return Optional.empty();
    }

    private boolean mayBeAtRisk(long userId, Couple couple) {
        if (store.pairings().profile(userId).map(Profile::unsafe).orElse(false)) {
            return true;
        }
        Optional<Partner> me = couple.users().entrySet().stream()
                .filter(e -> e.getValue() == userId)
                .map(Map.Entry::getKey)
                .findFirst();
        return me.isPresent()
                && store.sessions()
                        .load(couple.id())
                        .map(s -> s.session().holds().containsKey(me.get()))
                        .orElse(false);
    }
}
