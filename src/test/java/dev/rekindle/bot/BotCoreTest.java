package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.understanding.TestUnderstanding;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.Member;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core on a real SQLite file, the shipped dialogs and the keyword stand-in, run on the calling thread. */
class BotCoreTest {
    private static final long SAM = 1001L;
    private static final long ALEX = 1002L;
    private static final long GROUP = -100500L;

    @TempDir
    Path dir;

    private final MovableClock clock = MovableClock.at(Instant.parse("2026-01-05T09:00:00Z"));
    private SqliteStore store;
    private BotCore core;
    private long couple;
    private long nextUpdate = 1;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("rekindle.db"), clock);
        Engine engine = new Engine(
                DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow());
        core = new BotCore(
                engine, TestUnderstanding.withoutSafety(new KeywordIntentClassifier()), store, clock, Runnable::run);
        store.couples().createUser(SAM, "Sam", ZoneOffset.UTC);
        store.couples().createUser(ALEX, "Alex", ZoneOffset.UTC);
        couple = store.couples().createCouple(SAM, ALEX);
        store.couples().registerPrivateChat(SAM, SAM);
        store.couples().registerPrivateChat(ALEX, ALEX);
        store.couples().registerGroupChat(GROUP, couple);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Member sam() {
        return new Member(couple, Partner.A, Chat.A);
    }

    /** Where {@code m} writes, in Telegram's ids. */
    private static Received.Origin from(Member m) {
        long user = m.partner() == Partner.A ? SAM : ALEX;
        return new Received.Origin(m.chat() == Chat.GROUP ? GROUP : user, user, "");
    }

    private long receive(String what) {
        long id = nextUpdate++;
        assertTrue(store.inbox().receive(id, "{\"what\":\"" + what + "\"}"));
        return id;
    }

    private void run(Received r) {
        core.submit(r).join();
    }

    /** What the outbox holds for a chat, oldest first, read as the engine's Sends. */
    private List<OutboxMessage.Text> sends(long chatId) {
        return store.outbox().due(chatId, clock.instant().plus(Duration.ofDays(1)), 100).stream()
                .filter(e -> e.kind() == OutboxKind.SEND)
                .map(e -> OutboxPayload.readText(e.payload()))
                .toList();
    }

    private void markAllSent() {
        for (OutboxEntry e : store.outbox().due(clock.instant().plus(Duration.ofDays(1)), 1000)) {
            store.outbox().markSent(e.id(), 1000 + e.id());
        }
    }

    @Test
    void anAppreciationIsQueuedForThePartnerOnlyAfterConsent() {
        run(new Received.Command(receive("cmd"), sam(), from(sam()), "appreciate", ""));
        assertTrue(sends(SAM).get(0).html().contains("this week"));
        assertTrue(store.inbox().pending().isEmpty(), "the update is done in the same commit");
        markAllSent();
        run(new Received.Text(
                receive("text"), sam(), from(sam()), "You made coffee every morning while I was swamped."));
        OutboxMessage.Text offer = sends(SAM).get(0);
        assertEquals(
                List.of("Send it", "Keep it private"),
                offer.buttons().stream().map(OutboxMessage.Button::label).toList());
        String offerRef = store.outbox().due(SAM, clock.instant(), 10).get(0).ref();
        assertEquals(List.of(), sends(ALEX), "nothing reaches Alex before Sam says yes");
        markAllSent();
        run(new Received.Press(
                receive("press"), sam(), from(sam()), offer.buttons().get(0).data()));
        assertTrue(sends(ALEX).get(0).html().contains("coffee every morning"));
        assertEquals(1, store.journal().list(couple).size());
        // the press closes the offer's buttons: an edit for the message the engine named
        assertTrue(store.outbox().due(SAM, clock.instant(), 10).stream()
                .anyMatch(e -> e.kind() == OutboxKind.CLOSE_BUTTONS && offerRef.equals(e.ref())));
    }

    @Test
    void aPressOnAStaleButtonGetsTheKindReplyAndChangesNothing() {
        run(new Received.Command(receive("cmd"), sam(), from(sam()), "appreciate", ""));
        markAllSent();
        run(new Received.Text(
                receive("text"), sam(), from(sam()), "You made coffee every morning while I was swamped."));
        OutboxMessage.Text offer = sends(SAM).get(0);
        markAllSent();
        run(new Received.Press(
                receive("press"), sam(), from(sam()), offer.buttons().get(1).data()));
        markAllSent();
        long version = store.sessions().load(couple).orElseThrow().version();
        run(new Received.Press(
                receive("again"), sam(), from(sam()), offer.buttons().get(1).data()));
        assertEquals(
                List.of("That button belongs to an earlier message, so it doesn't do anything now."),
                sends(SAM).stream().map(OutboxMessage.Text::html).toList());
        assertEquals(
                store.sessions().load(couple).orElseThrow().session().runs(),
                java.util.Map.of(),
                "the dialog had ended and stays ended");
        assertEquals(version + 1, store.sessions().load(couple).orElseThrow().version());
    }

    /** Everything the outbox holds for a chat, oldest first. */
    private List<OutboxEntry> entries(long chatId) {
        return store.outbox().due(chatId, clock.instant().plus(Duration.ofDays(1)), 100);
    }

    /** A talk in the group with Sam chosen to speak first; its entries sent. */
    private OutboxMessage.Text talkWithSamSpeaking() {
        Member samInGroup = new Member(couple, Partner.A, Chat.GROUP);
        run(new Received.Command(receive("cmd"), samInGroup, from(samInGroup), "talk", ""));
        run(new Received.Press(receive("press"), samInGroup, from(samInGroup), data(last(sends(GROUP)), "Yes")));
        run(new Received.Press(receive("press"), samInGroup, from(samInGroup), data(last(sends(GROUP)), "Sam")));
        OutboxMessage.Text floor = last(sends(GROUP));
        markAllSent();
        return floor;
    }

    /** The data of the button whose label starts with {@code label}. */
    private static String data(OutboxMessage.Text message, String label) {
        return message.buttons().stream()
                .filter(b -> b.label().startsWith(label))
                .findFirst()
                .orElseThrow()
                .data();
    }

    private static OutboxMessage.Text last(List<OutboxMessage.Text> sends) {
        return sends.get(sends.size() - 1);
    }

    @Test
    void aRefusedPressInTheGroupIsAnsweredToThePresserAloneAndNothingIsSaidThere() {
        OutboxMessage.Text floor = talkWithSamSpeaking();
        Member alex = new Member(couple, Partner.B, Chat.GROUP);
        run(new Received.Press(
                receive("press"), alex, from(alex), data(floor, "I've said a piece"), 77, "q-1", floor.html()));
        List<OutboxEntry> group = entries(GROUP);
        assertEquals(
                List.of(OutboxKind.ANSWER_CALLBACK),
                group.stream().map(OutboxEntry::kind).toList());
        assertEquals(
                new OutboxMessage.PressAnswer("q-1", "This one is your partner's to tap. Your turn will come."),
                OutboxPayload.readPressAnswer(group.get(0).payload()));
        assertTrue(store.inbox().pending().isEmpty(), "the answer is committed with the update");
    }

    @Test
    void aTakenPressIsAnsweredFirstAndItsMessageShowsTheAnswerUnderItsText() {
        OutboxMessage.Text floor = talkWithSamSpeaking();
        Member alex = new Member(couple, Partner.B, Chat.GROUP);
        run(new Received.Press(
                receive("press"), alex, from(alex), data(floor, "We need a break"), 77, "q-2", "<b>Sam</b>, go"));
        List<OutboxEntry> group = entries(GROUP);
        assertEquals(
                List.of(OutboxKind.ANSWER_CALLBACK, OutboxKind.CLOSE_BUTTONS, OutboxKind.SEND),
                group.stream().map(OutboxEntry::kind).toList());
        assertEquals(
                new OutboxMessage.PressAnswer("q-2", null),
                OutboxPayload.readPressAnswer(group.get(0).payload()));
        assertEquals(
                new OutboxMessage.CloseButtons(0, "Alex: We need a break", "<b>Sam</b>, go"),
                OutboxPayload.readCloseButtons(group.get(1).payload()));
    }

    @Test
    void aPhotoGetsTheTextOnlySentenceAndNoCrash() {
        run(new Received.NonText(receive("photo"), sam(), from(sam())));
        assertEquals(
                List.of("I can only read written words here. Could you type it as a message?"),
                sends(SAM).stream().map(OutboxMessage.Text::html).toList());
        assertTrue(store.inbox().pending().isEmpty());
    }

    @Test
    void aFailingUpdateIsMarkedFailedAndThePartnerGetsAKindWord() {
        long single = store.couples().startCouple(createUser(2001L, "Kim"));
        store.couples().registerPrivateChat(2001L, 2001L);
        // partner B is not in this couple of one: the engine refuses the input
        long id = receive("text");
        run(new Received.Text(
                id,
                new Member(single, Partner.B, Chat.GROUP),
                from(new Member(single, Partner.B, Chat.GROUP)),
                "hello there"));
        assertTrue(store.inbox().pending().isEmpty(), "not pending any more: failed");
        assertEquals(0, store.sessions().load(single).map(s -> s.version()).orElse(0L));
        // no group registered for this couple: the kind word has nowhere to go, and nothing crashed
        run(new Received.Text(
                receive("text"),
                new Member(single, Partner.B, Chat.A),
                from(new Member(single, Partner.B, Chat.A)),
                "hello there"));
        assertEquals(
                List.of("Sorry, something went wrong on my side. Please try again in a moment."),
                sends(2001L).stream().map(OutboxMessage.Text::html).toList());
    }

    private long createUser(long id, String name) {
        store.couples().createUser(id, name, ZoneOffset.UTC);
        return id;
    }

    @Test
    void aFiredTimerIsCommittedOnceAndItsNudgeQueued() {
        run(new Received.Command(receive("cmd"), sam(), from(sam()), "appreciate", ""));
        markAllSent();
        clock.advance(Duration.ofHours(2));
        List<DueTimer> due = store.timers().due(clock.instant(), 10);
        assertEquals(1, due.size());
        core.fire(due.get(0)).join();
        assertEquals(
                List.of("No rush. When something comes to mind, just write it here: one small thing is enough."),
                sends(SAM).stream().map(OutboxMessage.Text::html).toList());
        core.fire(due.get(0)).join(); // a second firing of the same timer finds it fired: no second nudge
        assertEquals(1, sends(SAM).size());
    }

    @Test
    void affectionsCheckBackIsAStoredTimerThatSurvivesARestartAndWaitsForAnotherExerciseToEnd() {
        run(new Received.Command(receive("cmd"), sam(), from(sam()), "affection", ""));
        OutboxMessage.Text touchNow = sends(SAM).get(0);
        markAllSent();
        run(new Received.Press(
                receive("more"), sam(), from(sam()), touchNow.buttons().get(0).data())); // I'd like more of it
        OutboxMessage.Text choose = sends(SAM).get(0);
        markAllSent();
        run(new Received.Press(
                receive("press"), sam(), from(sam()), choose.buttons().get(2).data())); // dancing in the kitchen
        assertTrue(sends(SAM).get(0).html().contains("I'll ask you tomorrow"));
        assertEquals(
                java.util.Map.of(),
                store.sessions().load(couple).orElseThrow().session().runs(),
                "the dialog has ended: nothing holds the chat");
        markAllSent();

        // a restart: the follow-up lives in the session and the timers table, not in memory
        store.close();
        store = SqliteStore.open(dir.resolve("rekindle.db"), clock);
        core = new BotCore(
                new Engine(
                        DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow()),
                TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                store,
                clock,
                Runnable::run);
        clock.advance(Duration.ofHours(20));
        run(new Received.Text(receive("text"), sam(), from(sam()), "should we see a couples therapist?"));
        OutboxMessage.Text professional = sends(SAM).get(0);
        assertTrue(
                professional.html().contains("A professional can help a lot"),
                "free text started an exercise by intent");
        markAllSent();

        clock.advance(Duration.ofHours(4));
        List<DueTimer> due = store.timers().due(clock.instant(), 10);
        assertEquals(1, due.size(), "the check-back came due");
        core.fire(due.get(0)).join();
        assertEquals(List.of(), sends(SAM), "the running exercise is not interrupted");
        assertEquals(
                "professional",
                store.sessions()
                        .load(couple)
                        .orElseThrow()
                        .session()
                        .run(Chat.A)
                        .top()
                        .dialog());

        String notNow =
                professional.buttons().get(professional.buttons().size() - 1).data();
        run(new Received.Press(receive("press"), sam(), from(sam()), notNow));
        markAllSent();
        clock.advance(Duration.ofHours(1));
        due = store.timers().due(clock.instant(), 10);
        assertEquals(1, due.size(), "it tried again an hour later");
        core.fire(due.get(0)).join();
        OutboxMessage.Text checkBack = sends(SAM).get(0);
        assertTrue(checkBack.html().contains("a dance in the kitchen or living room"), checkBack.html());
        assertEquals(
                List.of("It felt good", "A bit awkward", "They said not now", "It didn't happen"),
                checkBack.buttons().stream().map(OutboxMessage.Button::label).toList());
    }

    @Test
    void unpairingTakesAPendingCheckBackWithTheCouplesSessionAndTimers() {
        run(new Received.Command(receive("cmd"), sam(), from(sam()), "affection", ""));
        OutboxMessage.Text touchNow = sends(SAM).get(0);
        markAllSent();
        run(new Received.Press(
                receive("more"), sam(), from(sam()), touchNow.buttons().get(0).data())); // I'd like more of it
        OutboxMessage.Text choose = sends(SAM).get(0);
        markAllSent();
        run(new Received.Press(
                receive("press"), sam(), from(sam()), choose.buttons().get(0).data()));
        assertEquals(
                1,
                store.sessions()
                        .load(couple)
                        .orElseThrow()
                        .session()
                        .followUps()
                        .size());
        store.pairings().dissolve(couple, new dev.rekindle.store.Reply(List.of(), java.util.OptionalLong.empty()));
        clock.advance(Duration.ofDays(2));
        assertEquals(List.of(), store.timers().due(clock.instant(), 10), "no check-back is left to fire");
        assertTrue(store.sessions().load(couple).isEmpty());
    }

    @Test
    void aPrivateMessageFromAStrangerMakesACoupleOfOneAndRepeatsFindTheSameOne() {
        Members members = new Members(store.couples());
        Member first = members.inPrivateChat(3001L, 3001L, "Robin").member();
        assertEquals(Partner.A, first.partner());
        assertEquals(Chat.A, first.chat());
        assertEquals(first, members.inPrivateChat(3001L, 3001L, "Robin").member());
        run(new Received.Command(receive("cmd"), first, from(first), "appreciate", ""));
        assertTrue(sends(3001L).get(0).html().contains("this week"));
        assertTrue(members.inGroup(GROUP, 3001L).isEmpty(), "a stranger in a couple's group is not a partner");
    }
}
