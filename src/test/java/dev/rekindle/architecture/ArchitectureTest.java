package dev.rekindle.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundaries of conventions.md, kept true by the build. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/rekindle");

    static final List<BoundaryScanner.Rule> PURE_ENGINE = List.of(
            BoundaryScanner.rule("Telegram in the engine", "org\\.telegram"),
            BoundaryScanner.rule("JDBC in the engine", "java\\.sql|javax\\.sql|org\\.sqlite"),
            BoundaryScanner.rule("OpenNLP in the engine", "opennlp"),
            BoundaryScanner.rule("YAML in the engine", "org\\.snakeyaml|org\\.yaml"),
            BoundaryScanner.rule("JSON library in the engine", "com\\.fasterxml"),
            BoundaryScanner.rule("I/O in the engine", "java\\.io\\.|java\\.nio\\.|java\\.net\\."),
            BoundaryScanner.rule("clock read in the engine",
                    "\\b(Instant|LocalDate|LocalDateTime|LocalTime|ZonedDateTime|OffsetDateTime|Year|YearMonth)\\s*\\.\\s*now\\s*\\("
                            + "|\\bClock\\b|InstantSource|System\\s*\\.\\s*(currentTimeMillis|nanoTime)"),
            BoundaryScanner.rule("unseeded randomness in the engine",
                    "Math\\s*\\.\\s*random|ThreadLocalRandom|SecureRandom|new\\s+Random\\s*\\(|UUID\\s*\\.\\s*randomUUID"),
            BoundaryScanner.rule("threads in the engine", "java\\.util\\.concurrent|new\\s+Thread\\b"));

    @Test
    void engineAndModelImportNoAdapterAndReadNoClock() {
        List<BoundaryScanner.Violation> v = new java.util.ArrayList<>();
        v.addAll(BoundaryScanner.scan(MAIN.resolve("dialog/engine"), PURE_ENGINE));
        v.addAll(BoundaryScanner.scan(MAIN.resolve("dialog/model"), PURE_ENGINE));
        assertTrue(v.isEmpty(), () -> "the engine must stay a pure function:\n" + join(v));
    }

    @Test
    void telegramJdbcAndOpenNlpStayInTheirPackages() {
        List<BoundaryScanner.Violation> v = new java.util.ArrayList<>();
        for (String pkg : List.of("dialog", "nlu", "store", "schedule", "local", "bot")) {
            v.addAll(BoundaryScanner.scan(MAIN.resolve(pkg), List.of(BoundaryScanner.rule("Telegram outside telegram/", "org\\.telegram"))));
        }
        for (String pkg : List.of("dialog", "nlu", "telegram", "schedule", "local", "bot")) {
            v.addAll(BoundaryScanner.scan(MAIN.resolve(pkg), List.of(BoundaryScanner.rule("JDBC outside store/", "java\\.sql|org\\.sqlite"))));
        }
        for (String pkg : List.of("dialog", "store", "telegram", "schedule", "local", "bot")) {
            v.addAll(BoundaryScanner.scan(MAIN.resolve(pkg), List.of(BoundaryScanner.rule("OpenNLP outside nlu/", "opennlp"))));
        }
        assertTrue(v.isEmpty(), () -> "adapters stay at the edges:\n" + join(v));
    }

    @Test
    void scannerCatchesClockReadsAndImportsButNotComments() {
        String src = """
                package x;
                import org.telegram.telegrambots.meta.api.objects.Update; // bad
                // Instant.now() in a comment is fine
                class Y {
                    String s = "java.sql in a string is fine";
                    java.time.Instant t = java.time.Instant.now();
                    long n = System.nanoTime();
                }
                """;
        List<BoundaryScanner.Violation> v = BoundaryScanner.scanSource(Path.of("Y.java"), src, PURE_ENGINE);
        assertEquals(List.of(2, 6, 7), v.stream().map(BoundaryScanner.Violation::line).toList(), join(v));
    }

    private static String join(List<BoundaryScanner.Violation> v) {
        StringBuilder b = new StringBuilder();
        v.forEach(x -> b.append("  ").append(x).append('\n'));
        return b.toString();
    }
}
