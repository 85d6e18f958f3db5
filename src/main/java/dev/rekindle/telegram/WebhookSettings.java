package dev.rekindle.telegram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How Telegram reaches the bot in webhook mode. {@code url} is the public HTTPS address Telegram POSTs
 * updates to (a reverse proxy in front terminates TLS and forwards to {@code listen}); its path is the path
 * our endpoint answers on. {@code secret} is the secret_token given to setWebhook, which Telegram sends back
 * in the {@value WebhookServer#SECRET_HEADER} header of every request. {@link #toString()} hides it.
 */
public record WebhookSettings(URI url, InetSocketAddress listen, String secret) {
    public static final String SECRET_VARIABLE = "TELEGRAM_WEBHOOK_SECRET";
    /**
     * Loopback: the plain-HTTP port is for the reverse proxy on the same machine, never for the internet
     * (in a container behind a proxy, listen on 0.0.0.0:8080 instead).
     */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8080";
    /** What Telegram allows in a secret_token: 1-256 of A-Z, a-z, 0-9, _ and -; we ask for 16 at least. */
    private static final Pattern SECRET_SHAPE = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    /** 256 random bits: 43 characters of URL-safe base64, which are all allowed in a secret_token. */
    private static final int SECRET_BYTES = 32;

    public WebhookSettings {
        if (url == null
                || url.getHost() == null
                || !url.isAbsolute()
                || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            throw new IllegalArgumentException("the webhook URL must be the public https URL Telegram calls, like "
                    + "https://bot.example.org/telegram (a reverse proxy there forwards to --listen): " + url);
        }
        if (url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the webhook URL must have no user and no #fragment: write it like "
                    + "https://bot.example.org/telegram");
        }
        if (listen == null) {
            throw new IllegalArgumentException(
                    "the address to listen on is missing: give --listen HOST:PORT, like " + DEFAULT_LISTEN);
        }
        if (secret == null || !SECRET_SHAPE.matcher(secret).matches()) {
            // never echo the value: it is a password
            throw new IllegalArgumentException(
                    SECRET_VARIABLE + " must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - "
                            + "(Telegram allows no others); unset it and Rekindle makes a new random one at each start, or "
                            + "make one with: head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='");
        }
    }

    /**
     * From the command line and the environment: the secret is {@value #SECRET_VARIABLE} when set, else a new
     * random one (Telegram is told it at each start, so it need not survive a restart).
     *
     * @param listen HOST:PORT, or null for {@value #DEFAULT_LISTEN}
     */
    public static WebhookSettings parse(String url, String listen, Map<String, String> env, SecureRandom random) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "the webhook URL is not a URL (" + e.getReason()
                            + "): write it like https://bot.example.org/telegram",
                    e);
        }
        String secret = env.getOrDefault(SECRET_VARIABLE, "").strip();
        return new WebhookSettings(
                uri,
                listenAddress(listen == null ? DEFAULT_LISTEN : listen),
                secret.isEmpty() ? newSecret(random) : secret);
    }

    /** A new secret of 256 random bits, as URL-safe base64 without padding. */
    public static String newSecret(SecureRandom random) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** HOST:PORT (an IPv6 host in brackets, [::1]:8080); port 0 takes any free port. */
    public static InetSocketAddress listenAddress(String hostPort) {
        String s = hostPort == null ? "" : hostPort.strip();
        int colon = s.lastIndexOf(':');
        String problem = null;
        if (colon <= 0 || colon == s.length() - 1) {
            problem = "it is not HOST:PORT";
        } else {
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(s.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    problem = "the port must be 0 to 65535";
                } else {
                    InetSocketAddress a = new InetSocketAddress(host, port);
                    if (!a.isUnresolved()) {
                        return a;
                    }
                    problem = "the host '" + host + "' is not known here";
                }
            } catch (NumberFormatException e) {
                problem = "the port is not a number";
            }
        }
        throw new IllegalArgumentException("--listen " + s + ": " + problem + "; write it like " + DEFAULT_LISTEN
                + " (the reverse proxy on this machine) or 0.0.0.0:8080 (every interface)");
    }

    /** The path our endpoint answers on: the URL's path as sent, "/" when it has none. */
    public String path() {
        String p = url.getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", listen=" + listen + ", secret=" + Redact.MASK + "]";
    }
}
