package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.local.TestDialogs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    record Run(int code, String out, String err) {}

    static Run rekindleWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run rekindle(String... args) {
        return rekindleWithInput("", args);
    }

    @Test
    void helpListsTheCommands() {
        Run r = rekindle("--help");
        assertEquals(0, r.code());
        for (String c : List.of("validate", "chat", "test", "run")) {
            assertTrue(r.out().contains("  " + c + " "), r.out());
        }
    }

    @Test
    void versionPrintsOneLine() {
        Run r = rekindle("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("rekindle "), r.out());
    }

    @Test
    void aMissingFolderIsAOneLineError(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        for (String command : List.of("validate", "test")) {
            Run r = rekindle(command, missing.toString());
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            String what = command.equals("test") ? "no such folder or file: " : "no such folder: ";
            assertTrue(r.err().startsWith("rekindle " + command + ": " + what + missing), r.err());
        }
        Run chat = rekindle("chat", "--dialogs", missing.toString());
        assertEquals(2, chat.code());
        assertTrue(chat.err().startsWith("rekindle chat: no such folder: "), chat.err());
    }

    @Test
    void badOptionsAreOneLinePlusAPointerToHelp() {
        Run r = rekindle("chat", "--names", "a,b,c");
        assertEquals(2, r.code());
        assertEquals(
                "rekindle chat: --names takes one or two names separated by a comma, not 'a,b,c'\n"
                        + "Try 'rekindle chat --help'.\n",
                r.err());
        Run unknown = rekindle("frobnicate");
        assertEquals(2, unknown.code());
        assertFalse(unknown.err().contains("Exception"), unknown.err());
    }

    @Test
    void runHelpNamesTheWebhookOptionsAndTheLoopbackDefault() {
        Run r = rekindle("run", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("--webhook=URL") && r.out().contains("--listen=HOST:PORT"), r.out());
        assertTrue(r.out().contains("127.0.0.1:8080") && r.out().contains("TELEGRAM_WEBHOOK_SECRET"), r.out());
    }

    @Test
    void runWithoutATelegramAdapterExplainsAndStartsTheTerminalChat() {
        Run r = rekindle("run");
        assertTrue(r.err().contains("@BotFather") || r.err().contains("no Telegram adapter yet"), r.err());
        assertTrue(r.err().contains("terminal chat"), r.err());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Rekindle, locally"), r.out());
    }

    @Test
    void testWithoutTranscriptsFails(@TempDir Path dir) throws Exception {
        Path tests = Files.createDirectories(dir.resolve("dialogs/tests"));
        Run r = rekindle("test", tests.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().endsWith("0 passed, 0 failed\n"), r.out());
    }

    @Test
    void loaderFailuresAreOneLineNotStackTraces(@TempDir Path dir) throws Exception {
        Path dialogs = Files.createDirectories(dir.resolve("dialogs"));
        Files.writeString(dialogs.resolve("x.yaml"), "id: x\n");
        Run r = rekindle("validate", dialogs.toString());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.out().contains("\tat "), r.out());
    }

    /** With the real loader and engine (fails until both are merged). */
    @Nested
    class WithTheRealLoaderAndEngine {

        private Path writeDialogs(Path dir) throws Exception {
            Path dialogs = Files.createDirectories(dir.resolve("dialogs"));
            for (SourceFile f : TestDialogs.sources()) {
                Files.writeString(
                        dialogs.resolve(Path.of(f.name()).getFileName().toString()), f.content());
            }
            return dialogs;
        }

        @Test
        void validateCountsProblemsAndFiles(@TempDir Path dir) throws Exception {
            Path dialogs = writeDialogs(dir);
            Run ok = rekindle("validate", dialogs.toString());
            assertEquals(0, ok.code(), ok.out() + ok.err());
            assertTrue(
                    ok.out().lines().reduce((a, b) -> b).orElse("").matches("0 errors, \\d+ warnings? in 6 files"),
                    ok.out());

            Files.writeString(dialogs.resolve("broken.yaml"), "id: broken\ntitle: Broken\n");
            Run bad = rekindle("validate", dialogs.toString());
            assertEquals(1, bad.code(), bad.out());
            assertTrue(bad.out().contains("broken.yaml:"), bad.out());
            assertTrue(
                    bad.out()
                            .lines()
                            .reduce((a, b) -> b)
                            .orElse("")
                            .matches("[1-9]\\d* errors?, \\d+ warnings? in 7 files"),
                    bad.out());
        }

        @Test
        void testRunsEveryTranscriptAndSummarises(@TempDir Path dir) throws Exception {
            Path dialogs = writeDialogs(dir);
            Path tests = Files.createDirectories(dialogs.resolve("tests"));
            Files.writeString(tests.resolve("a_pass.yaml"), """
                    transcript: hello says hi
                    steps:
                      - A: /hello
                        expect: [{to: A, text: "Hi Sam! Ready?", buttons: ["Yes", "No"]}]
                    """);
            Files.writeString(tests.resolve("b_fail.yaml"), """
                    transcript: hello says bye
                    steps:
                      - A: /hello
                        expect: [{to: A, text: "Bye"}]
                    """);
            Run r = rekindle("test", tests.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.size() >= 4, r.out() + r.err());
            assertEquals("PASS hello says hi", lines.get(0));
            assertEquals("FAIL hello says bye", lines.get(1));
            assertEquals(
                    "  " + tests.resolve("b_fail.yaml") + ": step 1 (A: \"/hello\"): message 1 differs", lines.get(2));
            assertEquals("1 passed, 1 failed", lines.get(lines.size() - 1));

            Run one = rekindle("test", tests.resolve("a_pass.yaml").toString());
            assertEquals(0, one.code(), "one file, the one that passes: " + one.out() + one.err());
            assertEquals(
                    List.of("PASS hello says hi", "1 passed, 0 failed"),
                    one.out().lines().toList());
            Run other = rekindle("test", tests.resolve("b_fail.yaml").toString());
            assertEquals(1, other.code(), other.out());
            assertTrue(other.out().startsWith("FAIL hello says bye\n"), other.out());
            Run covered =
                    rekindle("test", "--coverage", tests.resolve("a_pass.yaml").toString());
            assertEquals(2, covered.code(), covered.err());
            assertTrue(covered.err().contains("give the folder"), covered.err());
        }

        @Test
        void testWithCoverageNamesWhatNoTranscriptShows(@TempDir Path dir) throws Exception {
            Path dialogs = writeDialogs(dir);
            Path tests = Files.createDirectories(dialogs.resolve("tests"));
            Files.writeString(tests.resolve("hello.yaml"), """
                    transcript: hello ends, and is stopped
                    steps:
                      - A: /hello
                      - press: {A: "No"}
                      - A: /hello
                      - A: /stop
                    """);
            Run r = rekindle("test", "--coverage", tests.toString());
            assertEquals(1, r.code(), r.out() + r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals("1 passed, 0 failed", lines.get(1));
            assertFalse(r.out().contains("'hello'"), "hello is covered: " + r.out());
            assertTrue(
                    lines.stream()
                            .anyMatch(
                                    l -> l.startsWith("MISSING ")
                                            && l.endsWith(
                                                    "note.yaml: dialog 'note': no transcript reaches one of its ending states")),
                    r.out());
            assertTrue(lines.get(lines.size() - 1).matches("\\d+ transcripts? missing"), r.out());
            Run plain = rekindle("test", tests.toString());
            assertEquals(0, plain.code(), "without --coverage only the transcripts count: " + plain.out());
        }

        @Test
        void chatRunsAScriptFromStdin(@TempDir Path dir) throws Exception {
            Path dialogs = writeDialogs(dir);
            Run r = rekindleWithInput(
                    "/hello\n/press 2\n/quit\n", "chat", "--dialogs", dialogs.toString(), "--names", "Kim,Lee");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Meta-commands:"), r.out());
            assertTrue(
                    r.out()
                            .contains("[private → Kim] Hi Kim! Ready?\n  [1] Yes  [2] No\n"
                                    + "[private → Kim] Maybe later.\n"),
                    r.out());
            assertTrue(
                    r.out()
                            .contains("You are Kim (A) and Lee (B), already onboarded, paired, with your group linked "
                                    + "(this dialogs folder's bot.yaml lacks the sentences of the bot's own flows"),
                    r.out());
            assertFalse(r.out().contains("> "), "no prompt in a scripted run: " + r.out());
        }
    }
}
