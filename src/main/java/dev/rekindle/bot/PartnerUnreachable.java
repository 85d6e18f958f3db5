package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Tells a partner, once, that the bot can no longer reach the other one (Telegram refuses: they blocked the bot or
 * left Telegram). Neutral, since the bot cannot know why; and said, since otherwise the partner would go on sharing
 * into silence while the exercises seem to deliver. Once: only when the other one has just become unreachable.
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

    /** Telegram refused a message to {@code userId}, who was reachable until then: their partner hears of it. */
    public void tell(long userId) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        notice(userId)
                .ifPresent(o -> store.outbox().enqueue(couple.orElseThrow().id(), o));
    }

    /** The notice for the partner of {@code userId}; none when they have no partner with a private chat. */
    Optional<Outgoing> notice(long userId) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        if (couple.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<Partner, Long> other : couple.get().users().entrySet()) {
            if (other.getValue() == userId) {
                continue;
            }
            OptionalLong chat = store.couples().chatId(couple.get().id(), Chat.privateOf(other.getKey()));
            String name = store.couples().user(userId).map(User::displayName).orElse("");
            if (chat.isPresent()) {
                return Optional.of(say.say(chat.getAsLong(), "partner_unreachable", Map.of("partner", name)));
            }
        }
        return Optional.empty();
    }
}
