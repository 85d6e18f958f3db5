package dev.rekindle.store.sqlite;

import dev.rekindle.store.Couples;
import dev.rekindle.store.Inbox;
import dev.rekindle.store.JournalStore;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.Pairings;
import dev.rekindle.store.Reminders;
import dev.rekindle.store.Retention;
import dev.rekindle.store.SessionStore;
import dev.rekindle.store.Store;
import dev.rekindle.store.TimerStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/** The {@link Store} in one SQLite file. */
public final class SqliteStore implements Store {
    /** Where the database lives unless {@code REKINDLE_DB} says otherwise. */
    private static final Path DEFAULT_FILE = Path.of("data", "rekindle.db");

    private final Database db;
    private final SqliteSessionStore sessions;
    private final SqliteInbox inbox;
    private final SqliteOutbox outbox;
    private final SqliteTimerStore timers;
    private final SqliteJournal journal;
    private final SqliteCouples couples;
    private final SqlitePairings pairings;
    private final SqliteReminders reminders;
    private final SqliteRetention retention;

    private SqliteStore(Database db, SqliteSessionStore.CacheSettings cache) {
        this.db = db;
        this.sessions = new SqliteSessionStore(db, cache);
        this.inbox = new SqliteInbox(db);
        ChatIdsCache chats = new ChatIdsCache();
        this.outbox = new SqliteOutbox(db, chats);
        this.timers = new SqliteTimerStore(db);
        this.journal = new SqliteJournal(db);
        this.couples = new SqliteCouples(db, chats);
        this.pairings = new SqlitePairings(db, sessions::evict, chats);
        this.reminders = new SqliteReminders(db);
        this.retention = new SqliteRetention(db);
    }

    /** Opens (creating and migrating if needed) the store in {@code file}; {@code clock} stamps every row. */
    public static SqliteStore open(Path file, InstantSource clock) {
        return new SqliteStore(Database.open(file, clock), SqliteSessionStore.CacheSettings.DEFAULT);
    }

    static SqliteStore open(Database db, SqliteSessionStore.CacheSettings cache) {
        return new SqliteStore(db, cache);
    }

    /** The database file named by {@code REKINDLE_DB} in {@code env}, else {@code data/rekindle.db}. */
    public static Path file(Map<String, String> env) {
        String named = env.get("REKINDLE_DB");
        return named == null || named.isBlank() ? DEFAULT_FILE : Path.of(named);
    }

    public Path path() {
        return db.file();
    }

    @Override
    public SessionStore sessions() {
        return sessions;
    }

    /** The database itself, for tests that look at rows directly. */
    Database database() {
        return db;
    }

    /** The session store itself, for tests that compare its cache with the database. */
    SqliteSessionStore sqliteSessions() {
        return sessions;
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public TimerStore timers() {
        return timers;
    }

    @Override
    public JournalStore journal() {
        return journal;
    }

    @Override
    public Couples couples() {
        return couples;
    }

    /** Group commits made so far and the writes they carried: {commits, writes}; for benchmarks. */
    public long[] groupCommitCounts() {
        return db.groupCommitCounts();
    }

    @Override
    public Pairings pairings() {
        return pairings;
    }

    @Override
    public Reminders reminders() {
        return reminders;
    }

    @Override
    public Retention retention() {
        return retention;
    }

    @Override
    public void close() {
        db.close();
    }
}
