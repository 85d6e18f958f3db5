package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Cause;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.StoredReminder;
import dev.rekindle.store.TestClock;
import dev.rekindle.store.UpdateCommit;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reminders table: set with a dialog's commit, each occurrence delivered once, stopped, gone with the couple. */
class RemindersStoreTest {
    private static final Reply SILENT = new Reply(List.of(), OptionalLong.empty());

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.atNoon();

    private static NewReminder friday(String text, Instant due) {
        return new NewReminder(
                Partner.A, "rituals", LocalTime.of(19, 30), EnumSet.of(DayOfWeek.FRIDAY), Fixture.ZONE, text, due);
    }

    private void set(SqliteStore store, long couple, NewReminder r, long version) {
        store.sessions()
                .commitAsync(new UpdateCommit(
                        couple,
                        version,
                        Fixture.session("Ana"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new Cause.InboxUpdate(version + 1),
                        List.of(r)))
                .join();
    }

    private static Outgoing message(long chat) {
        return new Outgoing(chat, OutboxKind.SEND, "{}", null);
    }

    @Test
    void aDatabaseAtTheVersionBeforeGainsTheTableAndKeepsItsCouples() {
        Path file = dir.resolve("previous.db");
        long couple;
        int beforeReminders = Migrations.SCRIPTS.indexOf("V7__reminders.sql"); // its number, counted from 1, less one
        try (Database old = Database.open(file, clock, beforeReminders)) {
            SqliteStore store = SqliteStore.open(old, SqliteSessionStore.CacheSettings.DEFAULT);
            couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            boolean hasTable = old.read(
                    "look for the reminders table",
                    c -> c.getMetaData()
                            .getTables(null, null, "reminders", null)
                            .next());
            assertFalse(hasTable);
        }
        try (SqliteStore store = SqliteStore.open(file, clock)) {
            store.inbox().receive(1, "{}");
            set(store, couple, friday("Date night", clock.instant().plus(Duration.ofDays(1))), 0);
            assertEquals(1, store.reminders().ofCouple(couple).size());
            assertEquals(2, store.couples().couple(couple).orElseThrow().users().size());
        }
    }

    @Test
    void eachOccurrenceIsDeliveredOnceAndTheTimerMovesOn() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            Instant first = clock.instant().plus(Duration.ofHours(3));
            set(store, couple, friday("<b>Date night</b>", first), 0);
            StoredReminder r = store.reminders().of(couple, Partner.A).get(0);
            assertEquals("<b>Date night</b>", r.html(), "read back through the key");
            assertEquals(List.of(), store.reminders().of(couple, Partner.B));
            assertEquals(first, store.timers().nextDue().orElseThrow());

            Instant second = first.plus(Duration.ofDays(7));
            assertTrue(store.reminders().delivered(couple, r.id(), first, message(1), second));
            assertFalse(
                    store.reminders().delivered(couple, r.id(), first, message(1), second),
                    "the same occurrence again");
            assertEquals(1, store.outbox().due(second, 10).size());
            assertEquals(
                    second, store.reminders().find(couple, r.id()).orElseThrow().nextDue());
            assertEquals(second, store.timers().nextDue().orElseThrow());

            assertTrue(store.reminders().stop(couple, Partner.A, r.id(), SILENT));
            assertFalse(
                    store.reminders().delivered(couple, r.id(), second, message(1), second.plus(Duration.ofDays(7))),
                    "a stopped reminder is not delivered");
            assertTrue(store.timers().nextDue().isEmpty());
        }
    }

    @Test
    void theSameReminderSetAgainReplacesTheOldOneAndAnotherIsAdded() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            store.inbox().receive(2, "{}");
            store.inbox().receive(3, "{}");
            Instant due = clock.instant().plus(Duration.ofHours(3));
            set(store, couple, friday("Date night", due), 0);
            set(store, couple, friday("Date night", due.plus(Duration.ofHours(1))), 1);
            assertEquals(1, store.reminders().ofCouple(couple).size());
            assertEquals(
                    due.plus(Duration.ofHours(1)),
                    store.timers().nextDue().orElseThrow(),
                    "the old timer is cancelled");
            set(store, couple, friday("Evening walk", due), 2);
            assertEquals(2, store.reminders().ofCouple(couple).size());
            assertEquals(2, store.reminders().stopAll(couple, Partner.A, SILENT));
            assertTrue(store.reminders().ofCouple(couple).isEmpty());
        }
    }

    @Test
    void onlyItsRecipientCanStopOrChangeAReminder() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            Instant due = clock.instant().plus(Duration.ofHours(3));
            set(store, couple, friday("Date night", due), 0);
            long id = store.reminders().ofCouple(couple).get(0).id();
            assertFalse(store.reminders().stop(couple, Partner.B, id, SILENT));
            assertFalse(store.reminders().changeTime(couple, Partner.B, id, LocalTime.NOON, due, SILENT));
            assertFalse(store.reminders().awaitTime(couple, Partner.B, id, SILENT));
            assertTrue(store.reminders().awaitTime(couple, Partner.A, id, SILENT));
            assertTrue(store.reminders().find(couple, id).orElseThrow().awaitingTime());
            assertTrue(store.reminders()
                    .changeTime(couple, Partner.A, id, LocalTime.of(20, 0), due.plusSeconds(1800), SILENT));
            StoredReminder r = store.reminders().find(couple, id).orElseThrow();
            assertEquals(LocalTime.of(20, 0), r.at());
            assertFalse(r.awaitingTime());
        }
    }

    @Test
    void dissolvingTheCoupleStopsItsReminders() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            set(store, couple, friday("Date night", clock.instant().plus(Duration.ofHours(3))), 0);
            store.pairings().dissolve(couple, SILENT);
            assertTrue(store.reminders().ofCouple(couple).isEmpty());
            assertTrue(store.timers().nextDue().isEmpty());
            assertEquals("0", Rows.text(store, "SELECT COUNT(*) FROM reminders"));
        }
    }

    @Test
    void forgettingAPersonStopsTheirRemindersAndTheirPartners() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            long couple = Fixture.couple(store, 1, 2, Fixture.GROUP);
            store.inbox().receive(1, "{}");
            store.inbox().receive(2, "{}");
            Instant due = clock.instant().plus(Duration.ofHours(3));
            set(store, couple, friday("Date night", due), 0);
            set(
                    store,
                    couple,
                    new NewReminder(
                            Partner.B,
                            "rituals",
                            LocalTime.of(8, 0),
                            EnumSet.allOf(DayOfWeek.class),
                            Fixture.ZONE,
                            "Morning",
                            due),
                    1);
            store.pairings().forget(1, SILENT);
            assertEquals("0", Rows.text(store, "SELECT COUNT(*) FROM reminders"));
            assertTrue(store.timers().nextDue().isEmpty());
        }
    }

    @Test
    void aPersonsRemindersFollowThemIntoTheCoupleTheyJoin() {
        try (SqliteStore store = Fixture.open(dir, clock)) {
            store.couples().createUser(11, "Ana", Fixture.ZONE);
            long ana = store.couples().startCouple(11);
            store.couples().createUser(22, "Ben", Fixture.ZONE);
            long ben = store.couples().startCouple(22);
            store.inbox().receive(1, "{}");
            Instant due = clock.instant().plus(Duration.ofHours(3));
            set(store, ben, friday("Ben's walk", due), 0);
            store.pairings().invite("h1", ana, 11, clock.instant().plus(Duration.ofDays(2)), SILENT);
            assertEquals(ana, store.pairings().accept("h1", 22, 22, clock.instant(), SILENT));

            List<StoredReminder> moved = store.reminders().of(ana, Partner.B);
            assertEquals(1, moved.size());
            assertEquals("Ben's walk", moved.get(0).html(), "still readable after the move");
            assertEquals(List.of(), store.reminders().of(ana, Partner.A));
            assertEquals(due, store.timers().nextDue().orElseThrow(), "its timer moved with it");
            assertTrue(store.reminders()
                    .delivered(ana, moved.get(0).id(), due, message(22), due.plus(Duration.ofDays(7))));
        }
    }
}
