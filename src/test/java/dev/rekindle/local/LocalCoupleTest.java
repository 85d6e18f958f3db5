package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LocalCoupleTest {

    /** The adapter's own bookkeeping, on a scripted fake engine. */
    @Nested
    class OnAScriptedEngine {
        private final ScriptedEngine engine = new ScriptedEngine();
        private final LocalCouple couple = ScriptedEngine.couple(engine);

        @Test
        void clockStartsOnMondayMorning() {
            assertEquals(Instant.parse("2026-01-05T09:00:00Z"), couple.now());
        }

        @Test
        void slashTextBecomesALowerCaseCommandWithoutBotName() {
            couple.say(Partner.A, Chat.A, "/Menu@RekindleBot  now please ");
            Input.Command c = (Input.Command) engine.inputs.get(0);
            assertEquals("/menu", c.command());
            assertEquals("now please", c.args());
            assertEquals(Partner.A, c.from());
            assertEquals(Chat.A, c.chat());
        }

        @Test
        void freeTextCarriesTheClassifiersIntent() {
            List<Sent> sent = couple.say(Partner.B, Chat.GROUP, "thank you so much");
            assertEquals("thanks", ((Input.Text) engine.inputs.get(0)).intent());
            assertEquals("heard \"thank you so much\" as thanks", sent.get(0).text());
        }

        @Test
        void anExplicitIntentOverridesTheClassifier() {
            couple.say(Partner.A, Chat.A, "whatever", "appreciation");
            assertEquals("appreciation", ((Input.Text) engine.inputs.get(0)).intent());
        }

        @Test
        void anExplicitIntentOnACommandIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> couple.say(Partner.A, Chat.A, "/menu", "help"));
        }

        @Test
        void sentMessagesCarryPlainTextAndButtonLabels() {
            Sent s = couple.say(Partner.A, Chat.A, "/ask").get(0);
            assertEquals(Chat.A, s.chat());
            assertEquals("Pick <b>one</b> &amp; go", s.html());
            assertEquals("Pick one & go", s.text());
            assertEquals(List.of("Yes", "No"), s.buttons());
            assertEquals(List.of(s), couple.sent());
        }

        @Test
        void pressByLabelSendsTheButtonsDataAndClosesTheButtons() {
            couple.say(Partner.A, Chat.A, "/ask");
            List<Sent> sent = couple.press(Partner.A, Chat.A, "No");
            assertEquals("You chose No", sent.get(0).text());
            assertEquals("m1|No", ((Input.Press) engine.inputs.get(1)).data());
            assertTrue(couple.openButtons(Chat.A).isEmpty());
        }

        @Test
        void pressByNumberCountsFromOne() {
            couple.say(Partner.A, Chat.GROUP, "/ask");
            assertEquals(
                    "You chose Yes",
                    couple.press(Partner.B, Chat.GROUP, 1).get(0).text());
        }

        @Test
        void pressActsOnTheLatestMessageWithOpenButtons() {
            couple.say(Partner.A, Chat.A, "/ask");
            couple.say(Partner.A, Chat.A, "/ask");
            couple.say(Partner.A, Chat.A, "/other");
            couple.press(Partner.A, Chat.A, "Yes");
            assertEquals("m2|Yes", ((Input.Press) engine.inputs.get(3)).data());
            couple.press(Partner.A, Chat.A, "Yes");
            assertEquals("m1|Yes", ((Input.Press) engine.inputs.get(4)).data());
        }

        @Test
        void pressWithoutOpenButtonsSaysSo() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> couple.press(Partner.A, Chat.A, "Yes"));
            assertEquals(
                    "there are no open buttons in Sam's private chat (no message there has buttons that can"
                            + " still be pressed)",
                    e.getMessage());
        }

        @Test
        void pressingAMissingLabelListsTheLabels() {
            couple.say(Partner.A, Chat.A, "/ask");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> couple.press(Partner.A, Chat.A, "Maybe"));
            assertEquals(
                    "there is no button \"Maybe\" in Sam's private chat; the buttons are \"Yes\", \"No\"",
                    e.getMessage());
            IllegalArgumentException n =
                    assertThrows(IllegalArgumentException.class, () -> couple.press(Partner.A, Chat.A, 3));
            assertEquals(
                    "there is no button 3 in Sam's private chat; the buttons are 1 \"Yes\", 2 \"No\"", n.getMessage());
        }

        @Test
        void aPartnerCannotActInTheOtherPartnersPrivateChat() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> couple.say(Partner.B, Chat.A, "hi"));
            assertEquals("Alex (B) cannot write in Sam's private chat", e.getMessage());
        }

        @Test
        void anUnpairedUserHasNoPartnerB() {
            LocalCouple single = new LocalCouple(
                    engine,
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    Map.of(Partner.A, "Sam"),
                    1);
            assertFalse(single.isPaired());
            assertThrows(IllegalArgumentException.class, () -> single.say(Partner.B, Chat.B, "hi"));
        }

        @Test
        void timersFireInDueOrderWithTheClockAtTheirDueInstant() {
            couple.say(Partner.A, Chat.A, "/later");
            assertEquals(
                    List.of("t5", "t10"),
                    couple.pendingTimers().stream()
                            .map(LocalCouple.ScheduledTimer::id)
                            .toList());
            List<Sent> fired = couple.advance(Duration.ofMinutes(30));
            assertEquals(
                    List.of(
                            "fired t5 at 2026-01-05T09:05:00Z",
                            "fired t5b at 2026-01-05T09:05:00Z",
                            "fired t10 at 2026-01-05T09:10:00Z"),
                    fired.stream().map(Sent::text).toList());
            assertEquals(Instant.parse("2026-01-05T09:30:00Z"), couple.now());
            assertTrue(couple.pendingTimers().isEmpty());
        }

        @Test
        void timersNotYetDueWait() {
            couple.say(Partner.A, Chat.A, "/later");
            assertEquals(
                    List.of("fired t5 at 2026-01-05T09:05:00Z", "fired t5b at 2026-01-05T09:05:00Z"),
                    couple.advance(Duration.ofMinutes(9)).stream()
                            .map(Sent::text)
                            .toList());
            assertEquals(
                    List.of("fired t10 at 2026-01-05T09:10:00Z"),
                    couple.advance(Duration.ofMinutes(1)).stream()
                            .map(Sent::text)
                            .toList());
        }

        @Test
        void cancelledTimersDoNotFire() {
            couple.say(Partner.A, Chat.A, "/later");
            couple.say(Partner.A, Chat.A, "/cancel");
            assertEquals(2, couple.advance(Duration.ofHours(1)).size());
        }

        @Test
        void timeOnlyMovesForward() {
            assertThrows(IllegalArgumentException.class, () -> couple.advance(Duration.ofMinutes(-1)));
        }

        @Test
        void journalEntriesAreKeptWithTheSimulatedTime() {
            couple.advance(Duration.ofHours(1));
            couple.say(Partner.B, Chat.B, "/note the coffee");
            assertEquals(
                    List.of(new LocalCouple.JournalEntry(
                            "note", "appreciation", Partner.B, "the coffee", Instant.parse("2026-01-05T10:00:00Z"))),
                    couple.journal());
        }

        @Test
        void safetyAlertsReachTheEngine() {
            List<Sent> sent = couple.safety(Partner.A, Chat.GROUP, SafetyKind.ABUSE);
            assertEquals(new Input.SafetyAlert(Partner.A, Chat.GROUP, SafetyKind.ABUSE), engine.inputs.get(0));
            assertEquals("safety ABUSE", sent.get(0).text());
            assertTrue(couple.actions().contains(new Action.SafetyRaised(Partner.A, SafetyKind.ABUSE)));
        }

        @Test
        void anEngineFailureNamesTheInput() {
            LocalCouple.EngineFailure e =
                    assertThrows(LocalCouple.EngineFailure.class, () -> couple.say(Partner.A, Chat.A, "/boom"));
            assertTrue(
                    e.getMessage().startsWith("the engine failed on Command[from=A, chat=A, command=/boom"),
                    e.getMessage());
        }
    }

    /** The same runtime on the real engine and loader (fails until both are merged). */
    @Nested
    class OnTheRealEngine {

        private LocalCouple couple() throws Exception {
            return LocalCouple.of(
                    TestDialogs.library(),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    Map.of(Partner.A, "Sam", Partner.B, "Alex"),
                    1);
        }

        @Test
        void aCommandStartsADialogWithButtonsAndAPressAnswersIt() throws Exception {
            LocalCouple couple = couple();
            List<Sent> hello = couple.say(Partner.A, Chat.A, "/hello");
            assertEquals(1, hello.size(), () -> hello.toString());
            assertEquals(Chat.A, hello.get(0).chat());
            assertEquals("Hi Sam! Ready?", hello.get(0).text());
            assertEquals(List.of("Yes", "No"), hello.get(0).buttons());

            List<Sent> go = couple.press(Partner.A, Chat.A, "Yes");
            assertEquals(1, go.size(), () -> go.toString());
            assertEquals("Great, off we go.", go.get(0).text());
            assertTrue(go.get(0).html().contains("<b>off we go</b>"), go.get(0).html());
            assertTrue(couple.openButtons(Chat.A).isEmpty(), "the answered buttons are closed");
        }

        @Test
        void aCapturedAnswerIsSavedInTheJournal() throws Exception {
            LocalCouple couple = couple();
            couple.say(Partner.B, Chat.B, "/note");
            List<Sent> saved = couple.say(Partner.B, Chat.B, "the coffee in bed");
            assertEquals("Saved.", saved.get(saved.size() - 1).text());
            assertEquals(1, couple.journal().size());
            LocalCouple.JournalEntry e = couple.journal().get(0);
            assertEquals("appreciation", e.kind());
            assertEquals(Partner.B, e.author());
            assertEquals("the coffee in bed", e.text());
        }

        @Test
        void aGroupTimerNudgesThenLeaves() throws Exception {
            LocalCouple couple = couple();
            assertEquals(
                    "Anyone there?",
                    couple.say(Partner.A, Chat.GROUP, "/ping").get(0).text());
            assertTrue(couple.advance(Duration.ofMinutes(9)).isEmpty());
            List<Sent> nudge = couple.advance(Duration.ofMinutes(1));
            assertEquals(List.of("Still there?"), nudge.stream().map(Sent::text).toList());
            List<Sent> gone = couple.advance(Duration.ofMinutes(10));
            assertEquals(List.of("Never mind."), gone.stream().map(Sent::text).toList());
            assertTrue(couple.pendingTimers().isEmpty());
        }

        @Test
        void answeringBeforeTheTimerCancelsIt() throws Exception {
            LocalCouple couple = couple();
            couple.say(Partner.A, Chat.GROUP, "/ping");
            assertEquals(
                    "Got it.", couple.say(Partner.B, Chat.GROUP, "here!").get(0).text());
            assertTrue(couple.advance(Duration.ofHours(1)).isEmpty());
        }

        @Test
        void aCrisisStartsTheCrisisDialogPrivately() throws Exception {
            LocalCouple couple = couple();
            List<Sent> sent = couple.safety(Partner.A, Chat.A, SafetyKind.CRISIS);
            assertTrue(
                    sent.stream().anyMatch(s -> s.chat() == Chat.A && s.text().startsWith("You matter.")),
                    sent::toString);
        }
    }
}
