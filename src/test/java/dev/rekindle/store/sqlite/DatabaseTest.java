package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.StoreException;
import dev.rekindle.store.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void writeConnectionRunsWithWalForeignKeysBusyTimeoutFullSyncAndSecureDelete() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            assertEquals(expectedPragmas(), db.write("read pragmas", DatabaseTest::pragmas));
        }
    }

    @Test
    void readConnectionsRunWithTheSamePragmas() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            assertEquals(expectedPragmas(), db.read("read pragmas", DatabaseTest::pragmas));
        }
    }

    @Test
    void readConnectionsRefuseToWrite() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> db.read("write by mistake", c -> {
                        try (Statement s = c.createStatement()) {
                            return s.executeUpdate("DELETE FROM users");
                        }
                    }));
            assertTrue(e.getMessage().contains("write by mistake"), e.getMessage());
        }
    }

    @Test
    void openingCreatesTheMissingFolders() {
        Path file = dir.resolve("data/nested/rekindle.db");
        try (Database db = Database.open(file, TestClock.atNoon())) {
            assertTrue(Files.exists(file));
            assertEquals(file, db.file());
        }
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            assertThrows(
                    StoreException.class,
                    () -> db.write("insert then fail", c -> {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("INSERT INTO couples (created, status) VALUES (1, 'active')");
                            s.executeUpdate("INSERT INTO couples (created, status) VALUES (1, 'no such status')");
                        }
                        return null;
                    }));
            assertEquals(0L, (long) db.read("count", c -> count(c, "SELECT COUNT(*) FROM couples")));
        }
    }

    @Test
    void usingAClosedDatabaseSaysItIsClosed() {
        Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon());
        db.close();
        db.close();
        StoreException e = assertThrows(StoreException.class, () -> db.read("read", c -> 1));
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }

    private static Map<String, Object> expectedPragmas() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("journal_mode", "wal");
        m.put("foreign_keys", "1");
        m.put("busy_timeout", String.valueOf(Database.BUSY_TIMEOUT_MILLIS));
        m.put("synchronous", "2"); // FULL
        m.put("secure_delete", "1");
        return m;
    }

    static Map<String, Object> pragmas(Connection c) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String p : expectedPragmas().keySet()) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA " + p)) {
                rs.next();
                m.put(p, rs.getString(1));
            }
        }
        return m;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
