package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqliteStoreTest {
    @Test
    void theDatabaseFileComesFromRekindleDbElseDataRekindleDb() {
        assertEquals(Path.of("data/rekindle.db"), SqliteStore.file(Map.of()));
        assertEquals(Path.of("data/rekindle.db"), SqliteStore.file(Map.of("REKINDLE_DB", " ")));
        assertEquals(
                Path.of("/var/lib/rekindle/r.db"), SqliteStore.file(Map.of("REKINDLE_DB", "/var/lib/rekindle/r.db")));
    }
}
