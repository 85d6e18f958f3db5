package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Couples;
import dev.rekindle.store.User;
import java.util.Map;
import java.util.OptionalLong;

/** A couple seen from one of its partners, for the private flows that name or tell the other one. */
final class Partners {
    private Partners() {}

    static Partner of(Couple c, long userId) {
        return c.users().entrySet().stream()
                .filter(e -> e.getValue() == userId)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("user " + userId + " is not in couple " + c.id()));
    }

    /** The other partner's name; empty while they have not joined. */
    static String otherName(Couples couples, Couple c, long userId) {
        Long other = c.users().get(of(c, userId).other());
        return other == null ? "" : couples.user(other).map(User::displayName).orElse("");
    }

    /** The other partner's private chat, when the bot knows it. */
    static OptionalLong otherPrivateChat(Couples couples, Couple c, long userId) {
        return couples.chatId(c.id(), Chat.privateOf(of(c, userId).other()));
    }
}
