package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run as a user runs it, from a folder that has neither dialogs/ nor models/: it answers from what
 * it carries, the same as from the project folder, and refuses to start when its model is not in it.
 */
class FromAnyFolderIT {
    private static final Path JAR = Path.of("target", "rekindle.jar").toAbsolutePath();
    private static final String CRISIS_SCRIPT = "/as A\ni want to kill myself\n/quit\n";

    record Result(int code, String out, String err, long millis) {}

    @BeforeAll
    static void theJarIsBuilt() {
        assertTrue(Files.isRegularFile(JAR), "no " + JAR + ": this test runs after 'package' (mvn verify)");
    }

    /** Runs {@code java -jar jar args} in {@code folder} with {@code stdin}, without a Telegram token. */
    static Result rekindle(Path jar, Path folder, String stdin, String... args) throws Exception {
        // the quick compiler alone, as for the tests' own JVMs: each run is a few seconds of work, which the full
        // compiler would spend more of the two cores compiling than it saves
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("rekindle-out", ".txt");
        Path err = Files.createTempFile("rekindle-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().remove("TELEGRAM_BOT_TOKEN");
        long start = System.nanoTime();
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("rekindle " + String.join(" ", args) + " did not end within 2 minutes");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        try {
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err), millis);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void aFirstStartFromAnEmptyFolderAnswersACrisisWithHelplines(@TempDir Path empty) throws Exception {
        Result r = rekindle(JAR, empty, CRISIS_SCRIPT, "chat");
        System.out.printf(
                Locale.ROOT, "first start from an empty folder to the crisis reply: %.1f s%n", r.millis() / 1000.0);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Rekindle, locally: "), r.out());
        assertTrue(
                r.out()
                        .contains(
                                " dialogs from the jar; the intent and safety models and the safety lexicon from the jar;"),
                r.out());
        assertTrue(r.out().contains("988") && r.out().contains("findahelpline"), r.out());
        assertFalse(r.err().contains("training"), "nothing is trained at a start: " + r.err());
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(List.of(), left.toList(), "the chat leaves nothing behind in the folder");
        }
    }

    @Test
    void nluClassifyFromAnotherFolderUsesTheJarsModelAndLexicon(@TempDir Path empty) throws Exception {
        Result r = rekindle(JAR, empty, "we never talk anymore\ni want to kill myself\n", "nlu", "classify");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out() + r.err());
        assertTrue(lines.get(0).contains("\"safety\":null"), lines.get(0));
        assertTrue(lines.get(1).contains("\"safety\":\"crisis\""), lines.get(1));
    }

    @Test
    void aJarWithoutItsModelRefusesToStartAndSaysHowToRebuild(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("rekindle.jar");
        Files.copy(JAR, broken);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + broken.toUri()), Map.of())) {
            Files.delete(zip.getPath(ShippedModels.MODEL));
        }
        Path empty = Files.createDirectories(dir.resolve("elsewhere"));
        for (String command : List.of("chat", "run")) {
            Result r = rekindle(broken, empty, CRISIS_SCRIPT, command);
            assertEquals(2, r.code(), command + ": " + r.out() + r.err());
            String shownAs = command.equals("run") ? "chat" : command; // without a token, run starts the chat
            assertTrue(
                    r.err()
                            .contains("rekindle " + shownAs + ": the intent model could not be "
                                    + "loaded from the jar (models/en/intent-model.bin is not in it): rebuild the jar with "
                                    + "`mvn -B -q package -DskipTests`, or pass --models models/en"),
                    r.err());
            assertFalse(r.out().contains("Rekindle, locally"), r.out());
            assertFalse(r.out().contains("Sorry"), "nobody is answered: " + r.out());
        }
    }

    @Test
    void aDialogsFolderInTheCurrentFolderIsStillUsed() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Result r = rekindle(JAR, project, "/quit\n", "chat");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" dialogs from dialogs;"), r.out());
    }
}
