package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.session.SessionJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's side of safety in context: what a flow, a check and an answer do, and whose pause it is. */
class SafetyInContextTest {
    private static final SafetyReading CHECK_ABUSE =
            SafetyReading.everywhere(new SafetyDecision.Check(SafetyKind.ABUSE));
    private static final SafetyReading PAST = SafetyReading.everywhere(new SafetyDecision.Flow(SafetyKind.PAST_TRAUMA));
    private static final SafetyReading ABUSE_NOW = SafetyReading.everywhere(new SafetyDecision.Flow(SafetyKind.ABUSE));
    /** What the detector makes of an honest, vulnerable answer: a flow as a message, nothing as an answer. */
    private static final SafetyReading VULNERABLE =
            new SafetyReading(new SafetyDecision.Flow(SafetyKind.ABUSE), SafetyDecision.nothing(), SafetyKind.ABUSE);

    private static List<Action> write(Harness h, Partner from, Chat chat, String text, SafetyReading reading) {
        return h.apply(new Input.Text(from, chat, text, null, reading));
    }

    @Test
    void aVulnerableAnswerToTheExercisesOwnQuestionIsTakenAsTheAnswerAndPausesNothing() {
        Harness h = new Harness(Harness.library(CoupleTest.APPRECIATE, CoupleTest.TALK));
        h.say(Partner.A, A, "/note");
        write(h, Partner.A, A, "that I am scared he will leave me", VULNERABLE);
        assertEquals(List.of("Send this to Alex?"), h.texts(A), "the exercise goes on to its next step");
        assertTrue(h.of(Action.SafetyRaised.class).isEmpty());
        assertFalse(h.session.sharedPaused(h.now));
        h.say(Partner.B, GROUP, "/talk");
        assertFalse(h.texts(GROUP).contains("SHARED PAUSED"));
    }

    @Test
    void theSameWordsAsAMessageOfTheirOwnRaiseTheFlow() {
        Harness h = new Harness(Harness.library(CoupleTest.APPRECIATE));
        write(h, Partner.A, A, "I am scared of him", VULNERABLE);
        assertEquals(List.of("ABUSE HELP"), h.texts(A));
        assertTrue(h.session.sharedPaused(h.now));
    }

    @Test
    void harmToldAsHistoryIsAcknowledgedOnTopAndTheExerciseGoesOnWithoutAPause() {
        Harness h = new Harness(Harness.library(CoupleTest.APPRECIATE));
        h.say(Partner.A, A, "/note");
        write(h, Partner.A, A, "my dad used to beat me when I was a kid", PAST);
        assertEquals(List.of("PAST HELP"), h.texts(A), "acknowledged first, before the exercise's next question");
        assertEquals("t_past", h.session.run(A).top().dialog());
        h.press(Partner.A, A, "Go on");
        assertEquals(List.of("Send this to Alex?"), h.texts(A), "then the exercise goes on where it was");
        assertFalse(h.session.sharedPaused(h.now));
        assertTrue(h.texts(B).isEmpty() && h.texts(GROUP).isEmpty());
    }

    @Test
    void anUnsureAnswerIsCheckedPrivatelyAndIsNotSharedEvenWithAYes() {
        Harness h = new Harness(Harness.library(CoupleTest.APPRECIATE));
        h.say(Partner.A, A, "/note");
        write(h, Partner.A, A, "he gets loud and I stay quiet for days", CHECK_ABUSE);
        assertEquals(List.of("ARE YOU SAFE?"), h.texts(A));
        h.press(Partner.A, A, "Safe");
        assertEquals(
                List.of("CHECK OK", "Send this to Alex?"), h.texts(A), "I'm safe pauses nothing; the exercise goes on");
        assertFalse(h.session.sharedPaused(h.now));
        h.press(Partner.A, A, "Yes, share");
        assertTrue(h.texts(B).isEmpty(), "the held answer never reaches the partner");
        assertEquals(List.of("HELD BACK", "Kept just for you.", "ARE YOU SAFE?"), h.texts(A));
        assertTrue(h.all.stream().noneMatch(a -> a instanceof Action.Shared));
    }

    @Test
    void aCheckAnsweredNotSafeRaisesTheFlowAndPausesSharedExercises() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        write(h, Partner.A, A, "he gets loud and I stay quiet for days", CHECK_ABUSE);
        assertEquals(List.of("ARE YOU SAFE?"), h.texts(A), "a message that is not an answer is not routed either");
        assertFalse(h.session.sharedPaused(h.now));
        h.press(Partner.A, A, "Not safe");
        assertEquals(List.of("ABUSE HELP"), h.texts(A));
        assertEquals(List.of(new Action.SafetyRaised(Partner.A, SafetyKind.ABUSE)), h.of(Action.SafetyRaised.class));
        assertTrue(h.session.sharedPaused(h.now));
    }

    @Test
    void aCurrentDisclosureMidExerciseStillPausesPrivatelyAndTheGroupSeesOnlyTheNeutralLine() {
        Harness h = new Harness(Harness.library(CoupleTest.REVEAL));
        h.say(Partner.B, GROUP, "/reveal");
        write(h, Partner.A, A, "he hit me again last night", ABUSE_NOW);
        assertEquals(List.of("PAUSE"), h.texts(GROUP));
        assertEquals(List.of("ABUSE HELP"), h.texts(A));
        assertTrue(h.texts(B).isEmpty());
        assertNull(h.session.run(GROUP));
        h.say(Partner.B, GROUP, "/reveal");
        assertEquals(List.of("SHARED PAUSED"), h.texts(GROUP));
    }

    @Test
    void onlyThePersonWhosWordsPausedTheCoupleCanTurnSharedExercisesBackOnAndOnlyAfterTheDelay() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.ABUSE));
        h.say(Partner.B, B, "/support");
        assertEquals(List.of("SUPPORT"), h.texts(B), "the partner is offered no such button");
        h.say(Partner.A, A, "/support");
        assertEquals(List.of("SUPPORT", "TURN BACK ON?"), h.texts(A));
        h.press(Partner.A, A, "Turn back on");
        assertEquals(List.of("RESUMING IN A DAY"), h.texts(A));
        assertTrue(h.session.sharedPaused(h.now), "not on the spot: a cooling-off time first");
        h.advance(Duration.ofHours(23));
        h.say(Partner.B, GROUP, "/talk");
        assertEquals(List.of("SHARED PAUSED"), h.texts(GROUP));
        h.advance(Duration.ofHours(1));
        h.say(Partner.B, GROUP, "/talk");
        assertFalse(h.texts(GROUP).contains("SHARED PAUSED"), "back on after the delay: " + h.texts(GROUP));
        assertTrue(h.session.holds().isEmpty(), "the lifted pause is gone from the session");
    }

    @Test
    void aResumeCanBeCancelledBeforeItTakesEffectAndSurvivesTheSessionsJson() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.ABUSE));
        h.say(Partner.A, A, "/support");
        h.press(Partner.A, A, "Turn back on");
        h.session = SessionJson.read(SessionJson.write(h.session));
        h.say(Partner.A, A, "/support");
        assertEquals(List.of("SUPPORT", "RESUME PENDING"), h.texts(A));
        h.press(Partner.A, A, "Keep paused");
        h.advance(Duration.ofDays(2));
        h.say(Partner.B, GROUP, "/talk");
        assertEquals(List.of("SHARED PAUSED"), h.texts(GROUP));
    }

    @Test
    void supportInTheGroupAnswersPrivatelyAndSaysOnlyThatInTheGroup() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.say(Partner.B, GROUP, "/talk");
        h.say(Partner.A, GROUP, "/support");
        assertEquals(List.of("WROTE PRIVATELY"), h.texts(GROUP));
        assertEquals(List.of("SUPPORT"), h.texts(A));
        assertTrue(h.texts(B).isEmpty());
        assertEquals("talk", h.session.run(GROUP).top().dialog(), "what runs in the group goes on");
    }

    @Test
    void aCrisisEndsWhatRunsButPausesNoSharedExercises() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.CRISIS));
        assertFalse(h.session.sharedPaused(h.now));
        h.say(Partner.B, GROUP, "/talk");
        assertFalse(h.texts(GROUP).contains("SHARED PAUSED"));
    }

    private static final String CHOOSE = """
            id: choose
            title: Choose
            description: One question with buttons.
            audience: private
            triggers:
              commands: [/choose]
            start: pick
            states:
              pick:
                say: "PICK ONE"
                buttons:
                  - {label: "One", to: done}
              done:
                say: "DONE"
                end: true
            """;

    @Test
    void aCheckOverAQuestionWithButtonsAsksTheQuestionAgainWhenItEndsAndTheButtonsWork() {
        Harness h = new Harness(Harness.library(CHOOSE));
        h.say(Partner.A, A, "/choose");
        write(h, Partner.A, A, "he gets loud and I stay quiet for days", CHECK_ABUSE);
        assertEquals(List.of("ARE YOU SAFE?"), h.texts(A), "not an answer: the check, and the text is not routed");
        h.press(Partner.A, A, "Safe");
        assertEquals(List.of("CHECK OK", "PICK ONE"), h.texts(A), "the question below is asked again");
        h.press(Partner.A, A, "One");
        assertEquals(List.of("DONE"), h.texts(A));
    }

    @Test
    void afterTheCoolingOffThePersonsSupportNoLongerOffersToKeepItPaused() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.ABUSE));
        h.say(Partner.A, A, "/support");
        h.press(Partner.A, A, "Turn back on");
        h.advance(Duration.ofHours(25));
        h.say(Partner.A, A, "/support");
        assertEquals(List.of("SUPPORT"), h.texts(A), "lifted: neither paused(me) nor resuming(me)");
    }
}
