package dev.rekindle.telegram;

import java.util.Locale;
import java.util.Objects;

/** Who the bot is (from getMe): its user id tells "the bot was added" from "someone was added". */
public record BotIdentity(long id, String username) {
    public BotIdentity {
        Objects.requireNonNull(username, "username");
        if (username.startsWith("@")) {
            username = username.substring(1);
        }
    }

    /** Bot usernames are case-insensitive: /menu@Rekindle_Bot is addressed to rekindle_bot. */
    boolean isNamed(String name) {
        return username.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
