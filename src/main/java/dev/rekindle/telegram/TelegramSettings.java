package dev.rekindle.telegram;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * How to reach the Bot API. {@code apiUrl} is configurable so tests (and a local Bot API server) can
 * stand in for api.telegram.org. {@link #toString()} masks the token.
 */
public record TelegramSettings(String token, URI apiUrl, Duration pollTimeout) {
    public static final String TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    public static final String API_URL_VARIABLE = "TELEGRAM_API_URL";
    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    /** Telegram holds a getUpdates request open up to this long when nothing happens. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(50);

    private static final Pattern TOKEN_SHAPE = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

    public TelegramSettings {
        if (token == null || !TOKEN_SHAPE.matcher(token).matches()) {
            throw new IllegalArgumentException("the bot token does not look like one ("
                    + (token == null || token.isBlank() ? "it is empty" : "it is not digits, a colon and letters")
                    + "): set " + TOKEN_VARIABLE + " to the token @BotFather gave you, like 123456:ABC-DEF1234ghIkl");
        }
        if (apiUrl == null
                || apiUrl.getHost() == null
                || !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))) {
            throw new IllegalArgumentException(
                    API_URL_VARIABLE + " must be an http(s) URL with a host, like " + DEFAULT_API_URL + ": " + apiUrl);
        }
        if (apiUrl.getPath() != null && !apiUrl.getPath().isEmpty() && !"/".equals(apiUrl.getPath())) {
            // TelegramUrl has no path: the library always calls <scheme>://<host>:<port>/bot<token>/<method>
            throw new IllegalArgumentException(API_URL_VARIABLE + " must not have a path (TelegramBots calls "
                    + "/bot<token>/<method> at the root): " + apiUrl);
        }
        if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.toSeconds() > 600) {
            throw new IllegalArgumentException("poll timeout must be between 0 and 600 seconds: " + pollTimeout);
        }
    }

    public static TelegramSettings of(String token) {
        return new TelegramSettings(token, DEFAULT_API_URL, DEFAULT_POLL_TIMEOUT);
    }

    /** Reads TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL (default https://api.telegram.org). */
    public static TelegramSettings fromEnvironment(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no " + TOKEN_VARIABLE + " is set: create a bot with @BotFather "
                    + "in Telegram (/newbot), then export " + TOKEN_VARIABLE + "=<the token it gives>");
        }
        String url = env.getOrDefault(API_URL_VARIABLE, "").strip();
        URI api;
        try {
            api = url.isEmpty() ? DEFAULT_API_URL : new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    API_URL_VARIABLE + " is not a URL (" + e.getReason() + "): write it like " + DEFAULT_API_URL, e);
        }
        return new TelegramSettings(token.strip(), api, DEFAULT_POLL_TIMEOUT);
    }

    public TelegramSettings withPollTimeout(Duration timeout) {
        return new TelegramSettings(token, apiUrl, timeout);
    }

    public Redact redact() {
        return Redact.token(token);
    }

    TelegramUrl telegramUrl() {
        int port = apiUrl.getPort() >= 0 ? apiUrl.getPort() : "https".equals(apiUrl.getScheme()) ? 443 : 80;
        return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    @Override
    public String toString() {
        return "TelegramSettings[token=" + redact().apply(token) + ", apiUrl=" + apiUrl + ", pollTimeout=" + pollTimeout
                + "]";
    }
}
