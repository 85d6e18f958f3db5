package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.telegram.FakeBotApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run on a (fake) Telegram as an operator runs it, stopped the way a service manager stops it: SIGTERM
 * through the operating system while updates are arriving. It stops cleanly, says so, and exits with status 0
 * (systemd and container runtimes read 143 as "killed"). Run at DEBUG level, its log holds none of the words written
 * to it and none of the texts it sent.
 */
class SigtermIT {
    private static final Path JAR = Path.of("target", "rekindle.jar").toAbsolutePath();
    private static final FakeBotApi.Person SAM = new FakeBotApi.Person(5101, "Sam");

    @Test
    void sigtermUnderLoadAtDebugLevelStopsCleanlyWithStatusZeroAndTheLogHoldsNoWords(@TempDir Path dir)
            throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": this test runs after 'package' (mvn verify)");
        try (FakeBotApi api = FakeBotApi.start()) {
            Path err = dir.resolve("err.txt");
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                            "-jar",
                            JAR.toString(),
                            "run",
                            "--api-url",
                            api.url().toString(),
                            "--db",
                            dir.resolve("rekindle.db").toString()))
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(err.toFile());
            pb.environment().put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
            Process p = pb.start();
            try {
                awaitLine(err, "Rekindle is running on Telegram", p);
                for (int i = 0; i < 30; i++) {
                    api.pushText(SAM, "hello quokka" + i + " from me");
                }
                api.awaitCall("sendMessage", c -> c.chatId() != null && c.chatId() == SAM.id(), Duration.ofMinutes(1));
                p.destroy(); // SIGTERM on Linux and macOS
                if (!p.waitFor(1, TimeUnit.MINUTES)) {
                    fail("the bot did not stop within a minute of SIGTERM");
                }
                String log = Files.readString(err, StandardCharsets.UTF_8);
                assertEquals(0, p.exitValue(), "a stop that was asked for and finished cleanly is status 0:\n" + log);
                assertTrue(log.contains("Rekindle stopped."), "the log says the bot stopped:\n" + log);
                assertTrue(log.contains("DEBUG"), "the run logged at DEBUG level");
                assertFalse(log.contains("quokka"), "no word a person wrote is in the log, even at DEBUG:\n" + log);
                for (FakeBotApi.Call c : api.calls("sendMessage")) {
                    String said = Chats.plain(c.text());
                    assertFalse(log.contains(said), "no text the bot sent is in the log: " + said);
                }
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static void awaitLine(Path file, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)
                    && Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                fail("the bot ended before it ran:\n" + Files.readString(file, StandardCharsets.UTF_8));
            }
            Thread.sleep(50); // a child process's output: nothing to move a clock for
        }
        fail("the bot did not start within a minute:\n" + Files.readString(file, StandardCharsets.UTF_8));
    }
}
