package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Member;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Profile.OnboardingStage;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Writer;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Onboarding's own decisions, on a real SQLite file, with the shipped sentences. */
class OnboardingTest {
    private static final long USER = 444555666L;
    private static final long ANA = 111222333L;
    private static final Received.Origin ALEX_CHAT = Received.Origin.privateChat(USER, "Alexandra");
    private static final Received.Origin ANA_CHAT = Received.Origin.privateChat(ANA, "Ana");

    /** The shipped dialogs, whose bot.yaml holds onboarding's sentences. */
    private static final Engine engine =
            new Engine(DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow());

    @TempDir
    Path dir;

    private static Onboarding onboarding(
            SqliteStore store,
            InstantSource clock,
            java.util.function.Predicate<String> alarming,
            java.util.function.Predicate<String> alarmingWords) {
        return new Onboarding(
                store,
                engine,
                clock,
                "rekindle_bot",
                new SecureRandom(),
                (chat, name, file) -> true,
                alarming,
                alarmingWords);
    }

    @Test
    void aCityOrOffsetWeKnowIsTheTimeZoneEvenWhenTheSafetyDetectorFlagsItButAnythingElseFlaggedGoesToTheCore() {
        // the shipped classifier took "Toronto" for a crisis (CoupleJourneyIT found it): this detector flags everything
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(store, clock, text -> true, text -> true);
            store.couples().createUser(USER, "Alex", ZoneOffset.UTC);
            long couple = store.couples().startCouple(USER);
            store.couples().registerPrivateChat(USER, USER);
            Member alex = store.couples().find(USER, USER).orElseThrow();
            store.pairings()
                    .save(
                            Profile.start(USER)
                                    .adult(true)
                                    .consentedAt(clock.instant())
                                    .at(OnboardingStage.ZONE),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));

            Received crisis = new Received.Text(1, alex, ALEX_CHAT, "I can't go on anymore");
            assertEquals(
                    Optional.of(crisis),
                    onboarding.route(crisis),
                    "a flagged text that is no time zone goes to the core, whose safety hook answers it");
            assertEquals(
                    OnboardingStage.ZONE,
                    store.pairings().profile(USER).orElseThrow().step());

            store.inbox().receive(2, "{}");
            Received city = new Received.Text(2, alex, ALEX_CHAT, "Toronto");
            assertTrue(onboarding.route(city).isEmpty(), "onboarding took the answer");
            assertEquals(
                    OnboardingStage.SAFETY,
                    store.pairings().profile(USER).orElseThrow().step(),
                    "the safety question comes next");
            assertEquals(
                    "America/Toronto",
                    store.couples().user(USER).orElseThrow().timeZone().getId());
            assertEquals(couple, store.couples().coupleOf(USER).orElseThrow().id());
        }
    }

    @Test
    void anOnboardedPersonsWordsDialogButtonsAndCommandsGoStraightToTheDialogsButTheFlowsOwnDoNot() {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            store.couples().createUser(ANA, "Ana", ZoneOffset.UTC);
            store.couples().startCouple(ANA);
            store.couples().registerPrivateChat(ANA, ANA);
            Member ana = store.couples().find(ANA, ANA).orElseThrow();
            Received words = new Received.Text(1, ana, ANA_CHAT, "we had a lovely walk");
            assertFalse(
                    Onboarding.forDialogs(
                            words, store.couples().writer(ANA, ANA).orElseThrow()),
                    "no profile yet");
            Profile asked = Profile.start(ANA).adult(true).consentedAt(clock.instant());
            store.pairings()
                    .save(asked.at(OnboardingStage.ZONE), null, null, new Reply(List.of(), OptionalLong.empty()));
            assertFalse(
                    Onboarding.forDialogs(
                            words, store.couples().writer(ANA, ANA).orElseThrow()),
                    "not onboarded yet: the words may answer a question");

            store.pairings()
                    .save(asked.at(OnboardingStage.DONE), null, null, new Reply(List.of(), OptionalLong.empty()));
            Writer done = store.couples().writer(ANA, ANA).orElseThrow();
            assertEquals(new Writer(ana, false, true, false), done, "one read says who and where the words go");
            assertTrue(Onboarding.forDialogs(words, done));
            assertTrue(Onboarding.forDialogs(new Received.Press(2, ana, ANA_CHAT, "checkin.ask.yes@1a"), done));
            assertTrue(Onboarding.forDialogs(new Received.Command(3, ana, ANA_CHAT, "appreciate", ""), done));
            assertFalse(
                    Onboarding.forDialogs(new Received.Command(4, ana, ANA_CHAT, "start", ""), done),
                    "a returning person's /start is welcomed back by onboarding, not introduced again by a dialog");
            for (String flow : List.of("invite", "unpair", "export", "reminders", "forget")) {
                assertFalse(Onboarding.forDialogs(new Received.Command(5, ana, ANA_CHAT, flow, ""), done), flow);
            }
            assertFalse(
                    Onboarding.forDialogs(new Received.Command(6, ana, ANA_CHAT, "start", "ABCD-1234"), done),
                    "an invitation");
            assertFalse(Onboarding.forDialogs(
                    new Received.Press(7, ana, ANA_CHAT, new FlowButton.Accept(true).encode()), done));

            Writer asking = new Writer(ana, false, true, true);
            assertFalse(Onboarding.forDialogs(words, asking), "a reminder's new time is asked: the words may be it");
            assertTrue(Onboarding.forDialogs(new Received.Press(8, ana, ANA_CHAT, "checkin.ask.yes@1a"), asking));
        }
    }

    @Test
    void aDeleteOrUnpairConfirmationTappedLongAfterItWasAskedDoesNothingButAFreshOneActs() {
        MovableClock clock = MovableClock.at(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(store, clock, text -> false, text -> false);
            for (long user : new long[] {ANA, USER}) {
                store.couples().createUser(user, user == ANA ? "Ana" : "Alex", ZoneOffset.UTC);
            }
            store.couples().createCouple(ANA, USER);
            for (long user : new long[] {ANA, USER}) {
                store.couples().registerPrivateChat(user, user);
                store.pairings()
                        .save(
                                new Profile(
                                        user,
                                        OnboardingStage.DONE,
                                        true,
                                        clock.instant(),
                                        Profile.ScreeningAnswer.SAFE,
                                        clock.instant(),
                                        null),
                                null,
                                null,
                                new Reply(List.of(), OptionalLong.empty()));
            }
            Member ana = store.couples().find(ANA, ANA).orElseThrow();

            String endIt = confirmation(
                    store, onboarding, new Received.Command(1, ana, ANA_CHAT, "unpair", ""), "Yes, end it");
            String deleteIt = confirmation(
                    store, onboarding, new Received.Command(2, ana, ANA_CHAT, "forget", ""), "Yes, delete it all");
            clock.advance(Duration.ofDays(3)); // Ana scrolls up and taps the old buttons by mistake
            tap(store, onboarding, new Received.Press(3, ana, ANA_CHAT, endIt));
            tap(store, onboarding, new Received.Press(4, ana, ANA_CHAT, deleteIt));
            assertEquals(
                    CoupleStatus.ACTIVE,
                    store.couples().coupleOf(ANA).orElseThrow().status(),
                    "an old 'Yes, end it' ended nothing");
            assertTrue(store.couples().user(ANA).isPresent(), "an old 'Yes, delete it all' deleted nothing");
            assertEquals(
                    List.of(engine.botSentence("stale_button", Map.of()), engine.botSentence("stale_button", Map.of())),
                    sentTo(store, ANA).subList(2, 4));

            String fresh = confirmation(
                    store, onboarding, new Received.Command(5, ana, ANA_CHAT, "forget", ""), "Yes, delete it all");
            clock.advance(Duration.ofMinutes(5));
            tap(store, onboarding, new Received.Press(6, ana, ANA_CHAT, fresh));
            assertTrue(store.couples().user(ANA).isEmpty(), "a confirmation tapped while it is fresh deletes");
        }
    }

    @Test
    void aPressedConfirmationLosesItsButtonsBeforeTheAnswerComesEvenWithoutACouple() {
        MovableClock clock = MovableClock.at(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(store, clock, text -> false, text -> false);
            store.couples().createUser(ANA, "Ana", ZoneOffset.UTC);
            store.couples().startCouple(ANA);
            store.couples().registerPrivateChat(ANA, ANA);
            store.pairings()
                    .save(
                            new Profile(
                                    ANA,
                                    OnboardingStage.DONE,
                                    true,
                                    clock.instant(),
                                    Profile.ScreeningAnswer.SAFE,
                                    clock.instant(),
                                    null),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));
            Member ana = store.couples().find(ANA, ANA).orElseThrow();

            String keep = confirmation(
                    store, onboarding, new Received.Command(1, ana, ANA_CHAT, "forget", ""), "No, keep it");
            int before = store.outbox()
                    .due(Instant.parse("2100-01-01T00:00:00Z"), 100)
                    .size();
            tap(store, onboarding, new Received.Press(2, ana, ANA_CHAT, keep, 4711));

            List<OutboxEntry> added = store.outbox()
                    .due(Instant.parse("2100-01-01T00:00:00Z"), 100)
                    .subList(before, before + 2);
            assertEquals(OutboxKind.CLOSE_BUTTONS, added.get(0).kind(), "the buttons close first");
            assertEquals(ANA, added.get(0).chatId());
            assertEquals(null, added.get(0).ref(), "an entry of no couple has no message_ref");
            assertEquals(
                    4711,
                    OutboxPayload.readCloseButtons(added.get(0).payload()).pressedMessageId(),
                    "the pressed message, by its id");
            assertEquals(
                    engine.botSentence("forget_kept", Map.of()),
                    OutboxPayload.readText(added.get(1).payload()).html());
        }
    }

    @Test
    void aNameTheClassifierAloneFlagsIsAskedAboutAndThePersonSaysWhetherItIsTheirNameOrTheyNeedHelp() {
        // the shipped classifier reads "Kim" as abuse; the lexicon's words are what is never taken for a name
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(
                    store,
                    clock,
                    text -> text.equals("Kim") || text.contains("hits me"),
                    text -> text.contains("hits me"));
            store.couples().createUser(ANA, "Ana", ZoneOffset.UTC);
            store.couples().startCouple(ANA);
            store.couples().registerPrivateChat(ANA, ANA);
            store.pairings()
                    .save(
                            Profile.start(ANA)
                                    .adult(true)
                                    .consentedAt(clock.instant())
                                    .at(OnboardingStage.NAME),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));
            Member ana = store.couples().find(ANA, ANA).orElseThrow();

            store.inbox().receive(1, "{}");
            Received disclosure = new Received.Text(1, ana, ANA_CHAT, "he hits me");
            assertEquals(
                    Optional.of(disclosure),
                    onboarding.route(disclosure),
                    "words of the safety lexicon go to the core, whose safety hook answers them");

            String yes =
                    confirmation(store, onboarding, new Received.Text(2, ana, ANA_CHAT, "Kim"), "Yes, that's my name");
            assertEquals(engine.botSentence("onboarding_name_check", Map.of("name", "Kim")), lastSent(store));
            assertEquals(
                    OnboardingStage.NAME,
                    store.pairings().profile(ANA).orElseThrow().step(),
                    "nothing taken before the answer");
            String help = lastButtons(store).get("I need help");
            String other = lastButtons(store).get("Another name");

            tap(store, onboarding, new Received.Press(3, ana, ANA_CHAT, other));
            assertEquals(engine.botSentence("onboarding_name", Map.of()), lastSent(store), "the question again");
            assertEquals(
                    OnboardingStage.NAME,
                    store.pairings().profile(ANA).orElseThrow().step());

            store.inbox().receive(4, "{}");
            assertEquals(
                    Optional.of(new Received.Text(4, ana, ANA_CHAT, "Kim")),
                    onboarding.route(new Received.Press(4, ana, ANA_CHAT, help)),
                    "'I need help' hands the words to the core's safety hook");

            tap(store, onboarding, new Received.Press(5, ana, ANA_CHAT, yes));
            assertEquals("Kim", store.couples().user(ANA).orElseThrow().displayName());
            assertEquals(
                    OnboardingStage.ZONE,
                    store.pairings().profile(ANA).orElseThrow().step(),
                    "the time zone comes next");
        }
    }

    @Test
    void aMistakenUnderEighteenTapCanBePutRightOnceAndIsNeverOfferedAgain() {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(store, clock, text -> false, text -> false);
            store.couples().createUser(ANA, "Ana", ZoneOffset.UTC);
            store.couples().startCouple(ANA);
            store.couples().registerPrivateChat(ANA, ANA);
            store.pairings()
                    .save(
                            Profile.start(ANA).at(OnboardingStage.AGE),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));
            Member ana = store.couples().find(ANA, ANA).orElseThrow();

            tap(store, onboarding, new Received.Press(1, ana, ANA_CHAT, new FlowButton.Age(false).encode()));
            assertEquals(
                    OnboardingStage.UNDER_AGE,
                    store.pairings().profile(ANA).orElseThrow().step());
            assertEquals(engine.botSentence("onboarding_under_age", Map.of()), lastSent(store));
            String mistake = lastButtons(store).get("My mistake: I'm 18 or older");
            assertEquals(new FlowButton.AgeMistake().encode(), mistake, "the answer offers the one way back");

            tap(store, onboarding, new Received.Press(2, ana, ANA_CHAT, mistake));
            Profile corrected = store.pairings().profile(ANA).orElseThrow();
            assertEquals(OnboardingStage.PRIVACY, corrected.step(), "on to the privacy note, as after an 18+ answer");
            assertTrue(corrected.adult());
            assertEquals(engine.botSentence("onboarding_privacy", Map.of()), lastSent(store));

            tap(store, onboarding, new Received.Press(3, ana, ANA_CHAT, mistake));
            assertEquals(engine.botSentence("stale_button", Map.of()), lastSent(store), "a second tap does nothing");
            assertEquals(
                    OnboardingStage.PRIVACY,
                    store.pairings().profile(ANA).orElseThrow().step());

            // no to the privacy note, /start again: the age question comes back, and under 18 now is final
            tap(store, onboarding, new Received.Press(4, ana, ANA_CHAT, new FlowButton.Privacy(false).encode()));
            tap(store, onboarding, new Received.Command(5, ana, ANA_CHAT, "start", ""));
            assertEquals(
                    OnboardingStage.AGE,
                    store.pairings().profile(ANA).orElseThrow().step());
            tap(store, onboarding, new Received.Press(6, ana, ANA_CHAT, new FlowButton.Age(false).encode()));
            assertEquals(
                    OnboardingStage.UNDER_AGE,
                    store.pairings().profile(ANA).orElseThrow().step());
            assertEquals(engine.botSentence("onboarding_under_age", Map.of()), lastSent(store));
            assertEquals(Map.of(), lastButtons(store), "no way back a second time");
            tap(store, onboarding, new Received.Text(7, ana, ANA_CHAT, "please"));
            assertEquals(Map.of(), lastButtons(store), "nor on the answer said again");
        }
    }

    @Test
    void aReturningPersonsStartIsAShortWelcomeBackHandedOnToTheMenuNotTheIntroductionAgain() {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-30T12:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("rekindle.db"), clock)) {
            Onboarding onboarding = onboarding(store, clock, text -> false, text -> false);
            store.couples().createUser(ANA, "Ana", ZoneOffset.UTC);
            store.couples().startCouple(ANA);
            store.couples().registerPrivateChat(ANA, ANA);
            store.pairings()
                    .save(
                            new Profile(
                                    ANA,
                                    OnboardingStage.DONE,
                                    true,
                                    clock.instant(),
                                    Profile.ScreeningAnswer.SAFE,
                                    clock.instant(),
                                    null),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));
            Member ana = store.couples().find(ANA, ANA).orElseThrow();

            store.inbox().receive(1, "{}");
            assertEquals(
                    Optional.of(new Received.Command(1, ana, ANA_CHAT, "menu", "")),
                    onboarding.route(new Received.Command(1, ana, ANA_CHAT, "start", "")),
                    "the core shows the menu, and marks the update done with it");
            assertEquals(List.of(engine.botSentence("welcome_back", Map.of("name", "Ana"))), sentTo(store, ANA));
            assertEquals(1, store.inbox().pending().size(), "not done before the menu is committed");
        }
    }

    private static String lastSent(SqliteStore store) {
        List<String> sent = sentTo(store, ANA);
        return sent.get(sent.size() - 1);
    }

    private static Map<String, String> lastButtons(SqliteStore store) {
        List<OutboxEntry> sends = store.outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 100).stream()
                .filter(e -> e.kind() == dev.rekindle.store.OutboxKind.SEND)
                .toList();
        Map<String, String> buttons = new java.util.LinkedHashMap<>();
        OutboxPayload.readText(sends.get(sends.size() - 1).payload())
                .buttons()
                .forEach(b -> buttons.put(b.label(), b.data()));
        return buttons;
    }

    /** Sends {@code ask} and returns the callback data of the button labelled {@code yes} on the question. */
    private static String confirmation(SqliteStore store, Onboarding onboarding, Received ask, String yes) {
        tap(store, onboarding, ask);
        List<OutboxEntry> due = store.outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 100);
        OutboxMessage.Text question =
                OutboxPayload.readText(due.get(due.size() - 1).payload());
        return question.buttons().stream()
                .filter(b -> b.label().equals(yes))
                .findFirst()
                .orElseThrow()
                .data();
    }

    private static void tap(SqliteStore store, Onboarding onboarding, Received r) {
        store.inbox().receive(r.updateId(), "{}");
        assertTrue(onboarding.route(r).isEmpty(), "onboarding handles " + r);
    }

    private static List<String> sentTo(SqliteStore store, long chatId) {
        return store.outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 100).stream()
                .filter(e -> e.chatId() == chatId)
                .filter(e -> e.kind() == dev.rekindle.store.OutboxKind.SEND)
                .map(e -> OutboxPayload.readText(e.payload()).html())
                .toList();
    }
}
