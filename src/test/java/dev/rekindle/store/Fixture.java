package dev.rekindle.store;

import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/** A store in a real SQLite file with couples made through its API, as the Telegram adapter will. */
final class Fixture {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A supergroup id needs all 64 bits. */
    static final long GROUP = -1001234567890123L;

    private Fixture() {}

    static SqliteStore open(Path dir, TestClock clock) {
        return SqliteStore.open(dir.resolve("data/rekindle.db"), clock);
    }

    /** Creates users a and b (private chats with their own ids) as a couple with the given group; returns its id. */
    static long couple(Store store, long userA, long userB, long group) {
        store.couples().createUser(userA, "Ana", ZONE);
        store.couples().createUser(userB, "Ben", ZONE);
        long id = store.couples().createCouple(userA, userB);
        store.couples().registerPrivateChat(userA, userA);
        store.couples().registerPrivateChat(userB, userB);
        store.couples().registerGroupChat(group, id);
        return id;
    }

    /** The first column of the first row of a query, as text. */
    static String text(SqliteStore store, String sql) {
        return store.database().read("test query", c -> {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    static Session session(String nameOfA) {
        return Session.start(Map.of(Partner.A, nameOfA, Partner.B, "Ben"), 42);
    }
}
