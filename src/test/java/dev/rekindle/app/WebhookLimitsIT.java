package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.WebhookServer;
import dev.rekindle.testing.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar in webhook mode, attacked on 127.0.0.1 as issue 14 attacked it: clients that send their request a
 * byte at a time (or never finish it), a body shorter than its Content-Length sent with the right secret, and more
 * connections than the endpoint holds. The jar runs in a JVM of its own because the JDK reads the HTTP server's limits
 * once per JVM ({@code WebhookLimits}); there the request time is 3 s ({@code -Dsun.net.httpserver.maxReqTime=3},
 * which wins over Rekindle's 5 s) so that a cut comes quickly, and every other limit is Rekindle's default, set by
 * {@code rekindle run --webhook}. Waits are bounded waits on what a client sees (an answer, a closed connection).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookLimitsIT {
    private static final Path JAR = Path.of("target", "rekindle.jar").toAbsolutePath();
    private static final String SECRET = "attack-secret_0123456789abcdefABCDEF";
    private static final String PATH = "/rekindle/hook";
    private static final String HELP = "guides the two of you";
    private static final Duration REQUEST_TIME = Duration.ofSeconds(3);
    /** Rekindle's default connection limit, which the jar sets for itself. */
    private static final int CONNECTIONS = 16;
    /** Far beyond the request time and the JDK's one-second check: only a server that never cuts reaches it. */
    private static final Duration CUT_WITHIN = Duration.ofSeconds(20);

    private FakeBotApi api;
    private Process bot;
    private Path err;
    private int port;
    private long nextPerson = 7101;

    @BeforeAll
    void startTheJarInWebhookMode(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": this test runs after 'package' (mvn verify)");
        api = FakeBotApi.start();
        err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Dsun.net.httpserver.maxReqTime=" + REQUEST_TIME.toSeconds(),
                        // the limits in force are logged at INFO, under the warnings-only default
                        "-Dorg.slf4j.simpleLogger.log.dev.rekindle.telegram.WebhookServer=info",
                        "-jar",
                        JAR.toString(),
                        "run",
                        "--api-url",
                        api.url().toString(),
                        "--db",
                        dir.resolve("rekindle.db").toString(),
                        "--webhook",
                        "https://public.example" + PATH,
                        "--listen",
                        "127.0.0.1:0"))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(err.toFile());
        pb.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        pb.environment().put("TELEGRAM_WEBHOOK_SECRET", SECRET);
        bot = pb.start();
        Matcher listening =
                Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(awaitLog("Rekindle is running"));
        assertTrue(listening.find(), log());
        port = Integer.parseInt(listening.group(1));
        assertTrue(
                log().contains("the webhook endpoint holds at most " + CONNECTIONS
                        + " connections; a request must arrive within " + REQUEST_TIME.toSeconds() + " s"),
                "the limits in force are logged at start, the -D value winning over the default:\n" + log());
        Person warm = person();
        assertEquals(200, post(api.webhookText(warm, "/help")));
        awaitHelp(warm);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (bot != null) {
                bot.destroy();
                assertTrue(bot.waitFor(1, TimeUnit.MINUTES), "the bot stops on SIGTERM");
            }
        } finally {
            if (bot != null) {
                bot.destroyForcibly();
            }
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void fourClientsSendingTheirHeadersSlowlyDoNotKeepARealUpdateFromBeingAnsweredAndAreCutOff() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // a request line and part of a header, then nothing more: each holds a handler thread reading the rest
            slow.add(connect("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + i));
        }
        Person sam = person();
        assertEquals(200, post(api.webhookText(sam, "/help")), "a real update is answered");
        for (Socket s : slow) {
            assertTrue(stillOpen(s), "answered while every slow client still held its connection, not after a cut");
        }
        awaitHelp(sam);
        for (Socket s : slow) {
            assertClosedUnanswered(s);
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthSentWithTheRightSecretIsCutOffAfterTheRequestTimeAndNothingActs()
            throws Exception {
        Person liar = person();
        String update = api.webhookText(liar, "/help");
        byte[] half = update.substring(0, update.length() / 2).getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        Socket s = connect("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + WebhookServer.SECRET_HEADER + ": "
                + SECRET + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                + new String(half, StandardCharsets.UTF_8));
        assertClosedUnanswered(s);
        Duration held = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(
                held.compareTo(REQUEST_TIME.minusMillis(500)) >= 0,
                "cut by the request time, not refused at once: " + held);
        Person other = person();
        assertEquals(200, post(api.webhookText(other, "/help")));
        awaitHelp(other);
        assertTrue(
                api.calls("sendMessage").stream().noneMatch(c -> c.chatId() != null && c.chatId() == liar.id()),
                "the update that never arrived whole never acted");
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceAndUpdatesAreAnsweredAgainOnceTheSlowOnesAreCut() throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            held.add(connect("P"));
        }
        Socket extra = connect("POST " + PATH + " HTTP/1.1\r\n");
        extra.setSoTimeout((int) CUT_WITHIN.toMillis());
        assertEquals(-1, readOrEnd(extra), "one connection too many is closed unanswered");
        for (Socket s : held) {
            assertTrue(stillOpen(s), "closed at once, not when the others were cut");
        }
        for (Socket s : held) {
            assertClosedUnanswered(s);
        }
        Person sam = person();
        assertEquals(200, post(api.webhookText(sam, "/help")), "the cut connections no longer count");
        awaitHelp(sam);
    }

    // ---------------------------------------------------------------- a client's view

    private Person person() {
        return new Person(nextPerson++, "Person");
    }

    /**
     * POSTs as Telegram would and returns the status; on a connection of its own, closed after the answer, so that no
     * kept-alive connection of an earlier request counts against the limit.
     */
    private int post(String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try (Socket s = connect("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + WebhookServer.SECRET_HEADER + ": " + SECRET + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n")) {
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            s.setSoTimeout((int) CUT_WITHIN.toMillis());
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ").matcher(answer);
            assertTrue(status.find(), "an HTTP answer: " + answer);
            return Integer.parseInt(status.group(1));
        }
    }

    private void awaitHelp(Person p) {
        api.awaitCall(
                "sendMessage",
                c -> c.chatId() != null && c.chatId() == p.id() && c.text().contains(HELP),
                Duration.ofMinutes(1));
    }

    private Socket connect(String firstBytes) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = s.getOutputStream();
        out.write(firstBytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return s;
    }

    /** Whether the server still holds the connection: nothing to read yet, and not closed. */
    private static boolean stillOpen(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            int unused = s.getInputStream().read();
            return false; // an answer, or the end: no longer held
        } catch (SocketTimeoutException e) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    /** Waits (bounded) until the server closes the connection, and checks it answered nothing on it. */
    private static void assertClosedUnanswered(Socket s) throws IOException {
        try (s) {
            s.setSoTimeout((int) CUT_WITHIN.toMillis());
            try {
                assertEquals(-1, readOrEnd(s), "closed without an answer");
            } catch (SocketTimeoutException e) {
                fail("the server still held a slow connection after " + CUT_WITHIN);
            }
        }
    }

    /** The next byte, or -1 when the server closed (or reset) the connection. */
    private static int readOrEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return in.read();
        } catch (SocketException e) {
            return -1; // a reset: closed with unread bytes of ours
        }
    }

    private String awaitLog(String text) {
        Eventually.await(
                "the bot's log to say: " + text, () -> log().contains(text) || !bot.isAlive(), Duration.ofMinutes(1));
        assertTrue(bot.isAlive(), "the bot ended:\n" + log());
        return log();
    }

    private String log() {
        try {
            return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
