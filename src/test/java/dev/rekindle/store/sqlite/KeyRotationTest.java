package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Cause;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.ReceivedUpdate;
import dev.rekindle.store.StoreException;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {
    private static final int UPDATES = 1200; // more than two batches, so an interruption falls inside the table

    @TempDir
    Path dir;

    final TestClock clock = TestClock.atNoon();
    final List<String> progress = new ArrayList<>();

    private Path file() {
        return dir.resolve("data/rekindle.db");
    }

    private Path keyFile() {
        return dir.resolve("data/rekindle.key");
    }

    /** Everything a database keeps encrypted: a session, a journal line, a reminder, waiting updates, a message. */
    private long fill() {
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            long couple = Fixture.couple(store, 11, 22, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            store.sessions()
                    .commitAsync(new UpdateCommit(
                            couple,
                            0,
                            Fixture.session("Ana"),
                            List.of(new Action.SaveJournal("checkin", "gratitude", Partner.A, "thanks for tea")),
                            List.of(),
                            List.of(),
                            List.of(),
                            new Cause.InboxUpdate(1),
                            List.of(new NewReminder(
                                    Partner.A,
                                    "rituals",
                                    LocalTime.of(19, 30),
                                    EnumSet.of(DayOfWeek.FRIDAY),
                                    Fixture.ZONE,
                                    "our walk",
                                    clock.instant().plusSeconds(3600)))))
                    .join();
            Map<Long, String> updates = new HashMap<>();
            for (long id = 10; id < 10 + UPDATES; id++) {
                updates.put(id, "{\"update_id\":" + id + "}");
            }
            store.inbox().receiveAll(updates);
            store.outbox().enqueue(couple, new Outgoing(11, OutboxKind.SEND, "{\"text\":\"for Ana\"}", null));
            return couple;
        }
    }

    private void assertReadsBack(long couple) {
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            assertEquals(
                    Fixture.session("Ana"),
                    store.sessions().load(couple).orElseThrow().session());
            assertEquals(
                    List.of("thanks for tea"),
                    store.journal().list(couple).stream()
                            .map(JournalEntry::text)
                            .toList());
            assertEquals(
                    "our walk", store.reminders().of(couple, Partner.A).get(0).html());
            List<ReceivedUpdate> pending = store.inbox().pending();
            assertEquals(UPDATES, pending.size());
            assertTrue(pending.stream().allMatch(u -> u.rawJson().equals("{\"update_id\":" + u.updateId() + "}")));
            long queued = store.outbox().due(clock.instant(), 10).get(0).id();
            assertEquals(
                    "{\"text\":\"for Ana\"}",
                    store.outbox().entry(queued).orElseThrow().payload());
        }
    }

    @Test
    void anInterruptedRotationRefusesTheBotThenFinishesWhenRunAgainAndEverythingReadsBackUnderTheNewKeyOnly()
            throws Exception {
        long couple = fill();
        String oldKey = Files.readString(keyFile());

        StoreException stopped = assertThrows(
                StoreException.class, () -> KeyRotation.rotate(file(), Map.of(), progress::add, clock.instant(), 8));
        assertTrue(stopped.getMessage().contains("stopped before it was done"), stopped.getMessage());
        assertEquals(oldKey, Files.readString(keyFile()), "the key file is replaced only at the end");
        StoreException refused = assertThrows(StoreException.class, () -> SqliteStore.open(file(), clock));
        assertTrue(refused.getMessage().contains("run `rekindle key rotate` again"), refused.getMessage());

        KeyRotation.Done done = KeyRotation.rotate(file(), Map.of(), progress::add, clock.instant(), 100);
        assertEquals(
                UPDATES - 1000 + 1, done.rows(), "the rest of the inbox and the outbox, nothing twice: " + progress);
        assertEquals(0, done.unreadable());
        assertFalse(oldKey.equals(Files.readString(keyFile())), "a new key is in the key file");
        assertFalse(Files.exists(KeyRotation.newKeyFile(keyFile())));
        Path old = keyFile().resolveSibling("rekindle.key.20250301-120000.old");
        assertEquals(oldKey, Files.readString(old), "the old key is kept, dated, for older backups");

        assertReadsBack(couple);
        DataKey previous = DataKey.fromFile(old);
        StoreException wrong =
                assertThrows(StoreException.class, () -> Database.open(file(), clock, previous, Migrations.latest()));
        assertTrue(wrong.getMessage().contains("does not match"), wrong.getMessage());
    }

    @Test
    void aRotationIsRefusedWhileTheDatabaseIsOpen() {
        fill();
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            assertEquals(file(), store.path());
            StoreException e =
                    assertThrows(StoreException.class, () -> KeyRotation.rotate(file(), Map.of(), progress::add));
            assertTrue(e.getMessage().contains("stop it first"), e.getMessage());
            assertFalse(Files.exists(KeyRotation.newKeyFile(keyFile())), "nothing was started");
        }
    }

    @Test
    void aKeyFromTheEnvironmentIsRotatedIntoAFileTheOperatorMovesIntoTheVariable() throws Exception {
        long couple = fill();
        Map<String, String> env =
                Map.of(DataKey.ENV, Files.readString(keyFile()).strip());
        Files.delete(keyFile());

        KeyRotation.Done done = KeyRotation.rotate(file(), env, progress::add);
        assertEquals(UPDATES + 4, done.rows());
        Path fresh = KeyRotation.newKeyFile(keyFile());
        assertTrue(done.nextStep().contains("set " + DataKey.ENV + " to its contents"), done.nextStep());
        DataKey old = DataKey.of(java.util.Base64.getDecoder().decode(env.get(DataKey.ENV)), "old");
        StoreException notYet =
                assertThrows(StoreException.class, () -> Database.open(file(), clock, old, Migrations.latest()));
        assertTrue(notYet.getMessage().contains("is not finished"), notYet.getMessage());

        Files.move(fresh, keyFile()); // what the operator does, with a file instead of the variable
        assertReadsBack(couple);
    }
}
