package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rekindle.store.Fixture;
import dev.rekindle.store.TestClock;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's connections keep their prepared statements without changing what any statement does. */
class CachedStatementsTest {
    @TempDir
    Path dir;

    @Test
    void theSameSqlGetsTheSameStatementBackWithItsParametersCleared() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            String sql = "SELECT ? + 1, ?";
            List<String> got = db.write("add one, twice", c -> {
                List<String> out = new ArrayList<>();
                PreparedStatement first;
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    first = p;
                    p.setInt(1, 1);
                    p.setString(2, "kept?");
                    out.add(row(p));
                }
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    assertSame(first, p);
                    p.setInt(1, 41);
                    out.add(row(p)); // the second parameter was cleared: NULL, not the last value
                }
                return out;
            });
            assertEquals(List.of("2 kept?", "42 null"), got);
        }
    }

    private static String row(PreparedStatement p) throws java.sql.SQLException {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1) + " " + rs.getString(2);
        }
    }

    @Test
    void aNestedUseOfTheSameSqlGetsItsOwnStatementAndBothResultsStayRight() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            for (long id = 1; id <= 3; id++) {
                new SqliteCouples(db, new ChatIdsCache()).createUser(id, "U" + id, Fixture.ZONE);
            }
            String sql = "SELECT id FROM users WHERE id >= ? ORDER BY id";
            List<String> pairs = db.read("nested", c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement outer = c.prepareStatement(sql)) {
                    outer.setLong(1, 1);
                    try (ResultSet rs = outer.executeQuery()) {
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            try (PreparedStatement inner = c.prepareStatement(sql)) {
                                assertNotSame(outer, inner);
                                inner.setLong(1, id + 1);
                                try (ResultSet in = inner.executeQuery()) {
                                    out.add(id + ":" + (in.next() ? in.getLong(1) : 0));
                                }
                            }
                        }
                    }
                }
                try (PreparedStatement again = c.prepareStatement(sql)) {
                    out.add(again == null ? "none" : "back");
                }
                return out;
            });
            assertEquals(List.of("1:2", "2:3", "3:0", "back"), pairs);
        }
    }

    @Test
    void aQueryLeftInTheMiddleOfItsRowsDoesNotHoldItsReadOpen() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            new SqliteCouples(db, new ChatIdsCache()).createUser(1, "Ana", Fixture.ZONE);
            new SqliteCouples(db, new ChatIdsCache()).createUser(2, "Ben", Fixture.ZONE);
            String sql = "SELECT display_name FROM users ORDER BY id";
            PreparedStatement[] kept = new PreparedStatement[1];
            db.write("read one row of two, and leave the results open", c -> {
                PreparedStatement p = c.prepareStatement(sql);
                kept[0] = p;
                ResultSet rs = p.executeQuery();
                rs.next();
                p.close(); // the results were not closed by the caller
                return null;
            });
            // the transaction ended (its COMMIT did not meet a statement in progress) and the next use starts over
            List<String> names = db.write("read all", c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    assertSame(kept[0], p);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
            assertEquals(List.of("Ana", "Ben"), names);
        }
    }

    @Test
    void aReadLeftInTheMiddleOfItsRowsDoesNotKeepItsConnectionOnAnOldSnapshot() {
        try (Database db = Database.open(dir.resolve("a.db"), TestClock.atNoon())) {
            new SqliteCouples(db, new ChatIdsCache()).createUser(1, "Ana", Fixture.ZONE);
            new SqliteCouples(db, new ChatIdsCache()).createUser(2, "Ben", Fixture.ZONE);
            String sql = "SELECT display_name FROM users ORDER BY id";
            for (int i = 0; i < 4; i++) { // on every pooled read connection
                db.read("read one row of two, and leave the results open", c -> {
                    PreparedStatement p = c.prepareStatement(sql);
                    ResultSet rs = p.executeQuery();
                    rs.next();
                    p.close();
                    return null;
                });
            }
            new SqliteCouples(db, new ChatIdsCache()).createUser(3, "Cy", Fixture.ZONE);
            for (int i = 0; i < 4; i++) {
                long users = db.read("count", c -> DatabaseTest.count(c, "SELECT COUNT(*) FROM users"));
                assertEquals(3, users, "every read connection sees the latest commit");
            }
        }
    }
}
