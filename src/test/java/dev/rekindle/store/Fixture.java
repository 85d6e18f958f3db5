package dev.rekindle.store;

import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;

/**
 * A store in a real SQLite file with couples made through its API, as the Telegram adapter will; shared with the
 * tests of the SQLite implementation in {@code store/sqlite}.
 */
public final class Fixture {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A supergroup id needs all 64 bits. */
    public static final long GROUP = -1001234567890123L;

    private Fixture() {}

    public static SqliteStore open(Path dir, TestClock clock) {
        return SqliteStore.open(dir.resolve("data/rekindle.db"), clock);
    }

    /** Creates users a and b (private chats with their own ids) as a couple with the given group; returns its id. */
    public static long couple(Store store, long userA, long userB, long group) {
        store.couples().createUser(userA, "Ana", ZONE);
        store.couples().createUser(userB, "Ben", ZONE);
        long id = store.couples().createCouple(userA, userB);
        store.couples().registerPrivateChat(userA, userA);
        store.couples().registerPrivateChat(userB, userB);
        store.couples().registerGroupChat(group, id);
        return id;
    }

    public static Session session(String nameOfA) {
        return Session.start(Map.of(Partner.A, nameOfA, Partner.B, "Ben"), 42);
    }
}
