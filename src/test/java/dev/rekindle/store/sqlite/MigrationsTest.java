package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.Fixture;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.SchemaTooNewException;
import dev.rekindle.store.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsMigratedToTheLatestVersion() {
        try (Database db = Database.open(dir.resolve("new.db"), TestClock.atNoon())) {
            int version = db.read("version", Migrations::version);
            long applied = db.read("count", c -> DatabaseTest.count(c, "SELECT COUNT(*) FROM schema_version"));
            long refsTable = db.read(
                    "count",
                    c -> DatabaseTest.count(
                            c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'message_refs'"));
            assertEquals(Migrations.latest(), version);
            assertEquals(Migrations.latest(), applied);
            assertEquals(1, refsTable);
        }
    }

    static IntStream earlierVersions() {
        return IntStream.range(1, Migrations.latest());
    }

    @ParameterizedTest(name = "from version {0}")
    @MethodSource("earlierVersions")
    void aDatabaseAtAnEarlierVersionIsMigratedWithItsRowsKept(int version) {
        Path file = dir.resolve("v" + version + ".db");
        try (Database old = Database.open(file, TestClock.atNoon(), version)) {
            int found = old.read("version", Migrations::version);
            assertEquals(version, found);
            new SqliteCouples(old, new ChatIdsCache()).createUser(Fixture.GROUP, "Ana", Fixture.ZONE);
            old.write("add an outbox row", c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO outbox (chat_id, kind, payload, created, "
                        + "next_attempt, state) VALUES (?, 'send', '{}', 1, 1, 'pending')")) {
                    p.setLong(1, Fixture.GROUP);
                    return p.executeUpdate();
                }
            });
        }
        try (SqliteStore store = SqliteStore.open(file, TestClock.atNoon())) {
            assertEquals(
                    "Ana", store.couples().user(Fixture.GROUP).orElseThrow().displayName());
            OutboxEntry pending =
                    store.outbox().due(TestClock.atNoon().instant(), 10).get(0);
            assertEquals(Fixture.GROUP, pending.chatId());
            assertEquals(0, pending.partsSent(), "an entry from before V6 has sent none of its parts");
        }
        try (Database db = Database.open(file, TestClock.atNoon())) {
            int found = db.read("version", Migrations::version);
            assertEquals(Migrations.latest(), found);
        }
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedNamingBothVersions() {
        Path file = dir.resolve("future.db");
        try (Database db = Database.open(file, TestClock.atNoon())) {
            db.write("pretend a newer Rekindle wrote it", c -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied) VALUES (?, 'V9__future.sql', 1)")) {
                    p.setInt(1, Migrations.latest() + 1);
                    return p.executeUpdate();
                }
            });
        }
        SchemaTooNewException e =
                assertThrows(SchemaTooNewException.class, () -> SqliteStore.open(file, TestClock.atNoon()));
        assertEquals(
                "database " + file + " is at schema version " + (Migrations.latest() + 1)
                        + " but this Rekindle knows up to " + Migrations.latest()
                        + ": upgrade Rekindle or restore a backup made by this version",
                e.getMessage());
    }

    @Test
    void everyScriptInTheMigrationFolderIsListedInOrder() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .sorted(MigrationsTest::byVersion)
                    .toList();
        }
        assertEquals(onDisk, Migrations.SCRIPTS);
        for (int i = 0; i < onDisk.size(); i++) {
            assertTrue(onDisk.get(i).startsWith("V" + (i + 1) + "__"), onDisk.get(i));
        }
    }

    @Test
    void scriptsSplitAtLineEndingSemicolonsWithoutComments() {
        assertEquals(
                List.of("CREATE TABLE a (x INTEGER);", "CREATE INDEX b ON a (x);"),
                Migrations.statements("-- a comment; with a semicolon\nCREATE TABLE a (x INTEGER);\n\n"
                        + "CREATE INDEX b ON a (x);\n"));
        assertThrows(IllegalStateException.class, () -> Migrations.statements("CREATE TABLE a (x INTEGER)"));
        assertFalse(Migrations.statements(Migrations.load("V1__initial.sql")).isEmpty());
    }

    private static int byVersion(String a, String b) {
        return Integer.compare(version(a), version(b));
    }

    private static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }
}
