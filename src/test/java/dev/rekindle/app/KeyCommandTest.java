package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyCommandTest {
    @Test
    void keyRotateReEncryptsTheDatabaseAndSaysWhereTheKeysAre(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("rekindle.db");
        SqliteStore.open(db, InstantSource.fixed(Instant.parse("2026-12-08T00:00:00Z")))
                .close();
        String before = Files.readString(dir.resolve("rekindle.key"));

        MainTest.Run r = MainTest.rekindle("key", "rotate", "--db", db.toString());

        assertEquals(0, r.code(), r.err());
        assertTrue(
                r.out().contains("Rotated: 0 values re-encrypted. The new key is in " + dir.resolve("rekindle.key")),
                r.out());
        assertNotEquals(before, Files.readString(dir.resolve("rekindle.key")), "the key file holds a new key");
    }

    @Test
    void aMissingDatabaseIsAOneLineErrorThatSaysWhatToGive(@TempDir Path dir) {
        MainTest.Run r = MainTest.rekindle(
                "key", "rotate", "--db", dir.resolve("none.db").toString());
        assertEquals(1, r.code());
        assertEquals(
                "rekindle key rotate: there is no database at " + dir.resolve("none.db")
                        + ": give the file with --db or REKINDLE_DB",
                r.err().strip());
    }
}
