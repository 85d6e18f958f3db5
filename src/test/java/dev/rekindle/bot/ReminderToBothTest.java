package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.understanding.TestUnderstanding;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.Member;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Reminders;
import dev.rekindle.store.StoredReminder;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.MovableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ritual both partners chose in their group, for partners in different time zones: each is reminded in their own
 * private chat, in their own words, at the same moment (the time is local to whoever set it), and each one's own
 * quiet hours hold; only the one who set it hears about quiet hours. The core on a real SQLite file.
 */
class ReminderToBothTest {
    private static final long SAM = 1001L;
    private static final long ALEX = 1002L;
    private static final long GROUP = -100500L;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final String TOGETHER = """
            id: together_test
            title: Together
            description: A ritual both choose in the group.
            audience: group
            triggers:
              commands: [/together_test]
            start: pick
            states:
              pick:
                say: "Friday evenings together?"
                buttons:
                  - {label: "Fridays at 19:30", to: set, set: {t: "19:30"}}
              set:
                reminder:
                  at: "{t}"
                  days: [fri]
                  text: "{me.name}, it's your Friday evening with {partner.name}."
                  to: both
                say: "Set for both of you."
                end: true
            """;

    @TempDir
    Path dir;

    // a Tuesday, 09:00 in Berlin
    private final MovableClock clock = MovableClock.at(Instant.parse("2026-03-10T08:00:00Z"));
    private SqliteStore store;
    private BotCore core;
    private long couple;
    private long nextUpdate = 1;

    @BeforeEach
    void open() throws IOException {
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("dialogs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                files.add(new SourceFile(p.toString(), Files.readString(p)));
            }
        }
        files.add(new SourceFile("together_test.yaml", TOGETHER));
        LoadResult loaded = DialogLoader.loadSources(files);
        assertFalse(loaded.hasErrors(), () -> loaded.problems().toString());
        store = SqliteStore.open(dir.resolve("rekindle.db"), clock);
        core = new BotCore(
                new Engine(loaded.library().orElseThrow()),
                TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                store,
                clock,
                Runnable::run);
        store.couples().createUser(SAM, "Sam", BERLIN);
        store.couples().createUser(ALEX, "Alex", TOKYO);
        couple = store.couples().createCouple(SAM, ALEX);
        store.couples().registerPrivateChat(SAM, SAM);
        store.couples().registerPrivateChat(ALEX, ALEX);
        store.couples().registerGroupChat(GROUP, couple);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long receive() {
        long id = nextUpdate++;
        assertTrue(store.inbox().receive(id, "{}"));
        return id;
    }

    private List<String> texts(long chatId) {
        return store.outbox().due(chatId, clock.instant().plus(Duration.ofDays(30)), 100).stream()
                .filter(e -> e.kind() == OutboxKind.SEND)
                .map(e -> Engine.plainText(OutboxPayload.readText(e.payload()).html()))
                .toList();
    }

    private void markAllSent() {
        for (OutboxEntry e : store.outbox().due(clock.instant().plus(Duration.ofDays(30)), 1000)) {
            store.outbox().markSent(e.id(), 1000 + e.id());
        }
    }

    private static Instant local(ZoneId zone, String dateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(dateTime), zone).toInstant();
    }

    @Test
    void eachPartnerIsRemindedPrivatelyAtTheSameMomentWithinTheirOwnQuietHours() {
        Member samInGroup = new Member(couple, Partner.A, Chat.GROUP);
        core.submit(new Received.Command(
                        receive(), samInGroup, new Received.Origin(GROUP, SAM, "Sam"), "together_test", ""))
                .join();
        OutboxMessage.Text offer = store.outbox().due(GROUP, clock.instant(), 10).stream()
                .map(e -> OutboxPayload.readText(e.payload()))
                .filter(s -> !s.buttons().isEmpty())
                .findFirst()
                .orElseThrow();
        markAllSent();
        core.submit(new Received.Press(
                        receive(),
                        samInGroup,
                        new Received.Origin(GROUP, SAM, "Sam"),
                        offer.buttons().get(0).data()))
                .join();
        assertEquals(List.of("Set for both of you."), texts(GROUP));
        assertEquals(List.of(), texts(SAM), "19:30 in Berlin is not in Sam's quiet hours: nothing to say");
        assertEquals(List.of(), texts(ALEX), "Alex is not told anything in the night (03:30 in Tokyo)");
        markAllSent();

        StoredReminder sams = store.reminders().of(couple, Partner.A).get(0);
        StoredReminder alexs = store.reminders().of(couple, Partner.B).get(0);
        assertEquals(BERLIN, sams.zone());
        assertEquals(BERLIN, alexs.zone(), "the time is local to whoever set it");
        assertEquals(local(BERLIN, "2026-03-13T19:30"), sams.nextDue());
        assertEquals(
                local(TOKYO, "2026-03-14T08:00"), alexs.nextDue(), "19:30 Berlin is 03:30 in Tokyo: after quiet hours");

        clock.advance(Duration.between(clock.instant(), sams.nextDue()));
        fireDue();
        assertEquals(List.of("Sam, it's your Friday evening with Alex."), texts(SAM));
        assertEquals(List.of(), texts(ALEX));
        markAllSent();
        clock.advance(Duration.between(clock.instant(), alexs.nextDue()));
        fireDue();
        assertEquals(List.of("Alex, it's your Friday evening with Sam."), texts(ALEX));
        assertEquals(List.of(), texts(SAM), "once each");
        assertEquals(
                local(BERLIN, "2026-03-20T19:30"),
                store.reminders().find(couple, sams.id()).orElseThrow().nextDue());
    }

    private void fireDue() {
        for (DueTimer t : store.timers().due(clock.instant(), 100)) {
            assertTrue(Reminders.isReminderTimer(t.timerId()));
            core.fire(t).join();
        }
    }
}
