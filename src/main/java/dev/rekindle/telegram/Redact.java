package dev.rekindle.telegram;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Masks the bot token in anything we log. The token is part of every Bot API URL
 * ({@code /bot<token>/sendMessage}), so a URL, an OkHttp thread name or an exception message can carry
 * it; a token in a log file is a stolen bot.
 */
public final class Redact {
    /** Any bot token shape, in case a string carries a token other than ours (an old one, a typo). */
    private static final Pattern ANY_TOKEN = Pattern.compile("\\b(\\d{3,}):[A-Za-z0-9_-]{20,}");

    static final String MASK = "***";

    private final String token;
    private final String masked;

    private Redact(String token) {
        this.token = token;
        // the bot id before the colon is public (getMe tells anyone); keeping it tells bots apart in logs
        int colon = token.indexOf(':');
        this.masked = colon > 0 ? token.substring(0, colon + 1) + MASK : MASK;
    }

    public static Redact token(String token) {
        Objects.requireNonNull(token, "token");
        return new Redact(token);
    }

    /** The text with our token, and anything shaped like a bot token, masked; null stays null. */
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String out = token.isEmpty() ? text : text.replace(token, masked);
        return ANY_TOKEN.matcher(out).replaceAll("$1:" + MASK);
    }

    /**
     * A throwable as one line fit to log: each cause's class and redacted message, never a stack trace
     * (a stack trace of a failed request holds the URL in frames we do not control).
     */
    public String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 6; c = c.getCause(), depth++) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(c.getClass().getSimpleName());
            String m = c.getMessage();
            if (m != null && !m.isBlank()) {
                b.append(": ").append(apply(m));
            }
        }
        return b.toString();
    }
}
