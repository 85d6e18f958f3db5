package dev.rekindle.telegram;

import java.time.Duration;
import java.util.Properties;

/**
 * What bounds a client of the webhook endpoint, as the JDK's HTTP server (JDK 17.0.15, {@code sun.net.httpserver})
 * enforces it. These are system properties the JDK reads ONCE, when the first HTTP server of the JVM is made, so they
 * are set by {@link #setJvmDefaults} at the start of {@code rekindle run --webhook}, before the endpoint listens (the
 * program makes no other HTTP server); a value given on the java command line ({@code -D}) wins.
 *
 * <ul>
 *   <li>{@code connections} ({@value #CONNECTIONS}): a connection accepted beyond it is closed at once, unanswered;
 *       one that sent nothing yet counts too. The endpoint has as many handler threads, so every connection it holds
 *       has a thread and a slow one never delays another.
 *   <li>{@code requestTime} ({@value #REQUEST_TIME}, whole seconds): from a request's first byte until its body was
 *       read to the end. Past it the connection is closed, which ends the handler's blocked read: headers sent a byte
 *       at a time, or a body shorter than its Content-Length, hold a thread no longer than this (plus a second, the
 *       JDK's check runs every second).
 *   <li>{@code responseTime} ({@value #RESPONSE_TIME}, whole seconds): from the end of the body until the answer was
 *       written; above the database's busy timeout, so an answer is not cut while the inbox write waits. It also ends
 *       the JDK's count of a connection whose client left before the answer.
 *   <li>{@code idleTime} ({@value #IDLE_TIME}, whole seconds): a kept-alive connection with no request, or a new one
 *       that sent nothing (then the smaller of this and {@code requestTime}), is closed after it, looked at every
 *       {@code idleCheck} ({@value #IDLE_CHECK}, milliseconds; the JDK's default is 10 s).
 * </ul>
 *
 * <p>A value of 0 or less means "no limit" to the JDK; {@link #unbounded} names which are.
 */
public record WebhookLimits(
        int connections, Duration requestTime, Duration responseTime, Duration idleTime, Duration idleCheck) {
    static final String CONNECTIONS = "jdk.httpserver.maxConnections";
    static final String REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    static final String RESPONSE_TIME = "sun.net.httpserver.maxRspTime";
    static final String IDLE_TIME = "sun.net.httpserver.idleInterval";
    static final String IDLE_CHECK = "sun.net.httpserver.clockTick";

    /**
     * Rekindle's: Telegram opens at most {@link WebhookServer#MAX_CONNECTIONS}, a proxy may open a few more; an update
     * is a few kilobytes sent at once; the database's busy timeout is 5 s.
     */
    public static final WebhookLimits DEFAULTS = new WebhookLimits(
            16, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1));

    /** The JDK's own, when nothing is set: no connection limit, no request or response time. */
    static final WebhookLimits JDK =
            new WebhookLimits(0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(10));

    /**
     * Sets Rekindle's {@link #DEFAULTS} for each property not set already, and returns what is in force. Call it before
     * the first HTTP server of the JVM is made: the JDK reads them then, once.
     *
     * @throws IllegalArgumentException when one that was set is not a whole number
     */
    public static WebhookLimits setJvmDefaults(Properties system) {
        var unused = inForce(system); // refuses a mistyped value before anything is set
        system.putIfAbsent(CONNECTIONS, String.valueOf(DEFAULTS.connections));
        system.putIfAbsent(REQUEST_TIME, String.valueOf(DEFAULTS.requestTime.toSeconds()));
        system.putIfAbsent(RESPONSE_TIME, String.valueOf(DEFAULTS.responseTime.toSeconds()));
        system.putIfAbsent(IDLE_TIME, String.valueOf(DEFAULTS.idleTime.toSeconds()));
        system.putIfAbsent(IDLE_CHECK, String.valueOf(DEFAULTS.idleCheck.toMillis()));
        return inForce(system);
    }

    /** What the JDK reads (or read) from {@code system}, its own defaults where nothing is set. */
    public static WebhookLimits inForce(Properties system) {
        return new WebhookLimits(
                (int) number(system, CONNECTIONS, JDK.connections),
                Duration.ofSeconds(number(system, REQUEST_TIME, 0)),
                Duration.ofSeconds(number(system, RESPONSE_TIME, 0)),
                Duration.ofSeconds(number(system, IDLE_TIME, JDK.idleTime.toSeconds())),
                Duration.ofMillis(number(system, IDLE_CHECK, JDK.idleCheck.toMillis())));
    }

    /** The limits that are off (0 or less), in words for a warning; empty when all are on. */
    public String unbounded() {
        StringBuilder b = new StringBuilder();
        if (connections <= 0) {
            b.append(CONNECTIONS).append(' ');
        }
        if (requestTime.isZero() || requestTime.isNegative()) {
            b.append(REQUEST_TIME).append(' ');
        }
        if (responseTime.isZero() || responseTime.isNegative()) {
            b.append(RESPONSE_TIME).append(' ');
        }
        return b.toString().strip();
    }

    private static long number(Properties system, String name, long otherwise) {
        String v = system.getProperty(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            // the JDK would quietly take its default (no limit): say so instead
            throw new IllegalArgumentException(
                    "-D" + name + "=" + v + " is not a whole number; give one (" + name + "=" + DEFAULTS.valueOf(name)
                            + " is Rekindle's default), or leave it out",
                    e);
        }
    }

    private long valueOf(String name) {
        return switch (name) {
            case CONNECTIONS -> connections;
            case REQUEST_TIME -> requestTime.toSeconds();
            case RESPONSE_TIME -> responseTime.toSeconds();
            case IDLE_TIME -> idleTime.toSeconds();
            default -> idleCheck.toMillis();
        };
    }
}
