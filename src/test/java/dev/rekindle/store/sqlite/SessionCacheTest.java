package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekindle.store.Cause;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.StaleSessionException;
import dev.rekindle.store.StoreException;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionCacheTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;
    SqliteSessionStore sessions;
    long couple;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
        sessions = store.sqliteSessions();
        couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void assertCacheEqualsDatabase() {
        assertEquals(sessions.loadFromDatabase(couple), sessions.load(couple));
    }

    @Test
    void aSessionCommittedThroughTheStoreIsReadBackAsCommitted() {
        assertEquals(Optional.empty(), sessions.load(couple));
        store.inbox().receive(1, "{}");
        sessions.commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(1)));
        assertEquals(Optional.of(new StoredSession(couple, Fixture.session("Ana"), 1)), sessions.load(couple));

        store.inbox().receive(2, "{}");
        sessions.commit(UpdateCommit.sessionOnly(couple, 1, Fixture.session("Anna"), new Cause.InboxUpdate(2)));
        assertEquals(Optional.of(new StoredSession(couple, Fixture.session("Anna"), 2)), sessions.load(couple));
        assertCacheEqualsDatabase();
    }

    @Test
    void aFailedCommitLeavesTheCacheEqualToTheDatabase() {
        store.inbox().receive(1, "{}");
        sessions.commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(1)));
        sessions.load(couple);

        // the session changes, but the update it claims to handle was never received: the commit fails late
        assertThrows(
                StoreException.class,
                () -> sessions.commit(
                        UpdateCommit.sessionOnly(couple, 1, Fixture.session("Anna"), new Cause.InboxUpdate(99))));

        assertEquals("Ana", sessions.load(couple).orElseThrow().session().name(dev.rekindle.dialog.model.Partner.A));
        assertCacheEqualsDatabase();
    }

    @Test
    void aStaleCommitDoesNotOverwriteTheCachedNewerSession() {
        store.inbox().receive(1, "{}");
        store.inbox().receive(2, "{}");
        sessions.commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(1)));
        assertThrows(
                StaleSessionException.class,
                () -> sessions.commit(
                        UpdateCommit.sessionOnly(couple, 0, Fixture.session("Anna"), new Cause.InboxUpdate(2))));
        assertEquals(1, sessions.load(couple).orElseThrow().version());
        assertCacheEqualsDatabase();
    }

    @Test
    void anEvictedSessionIsLoadedAgainFromTheDatabase() {
        store.close();
        Database db = Database.open(dir.resolve("data/rekindle.db"), clock);
        store = SqliteStore.open(db, new SqliteSessionStore.CacheSettings(0, Duration.ofMinutes(1)));
        sessions = store.sqliteSessions();
        store.inbox().receive(1, "{}");
        sessions.commit(UpdateCommit.sessionOnly(couple, 0, Fixture.session("Ana"), new Cause.InboxUpdate(1)));
        assertEquals(Optional.of(new StoredSession(couple, Fixture.session("Ana"), 1)), sessions.load(couple));
    }
}
