package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.session.SessionJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code follow_up:} on an ending state: the dialog ends, the chat is free, and it comes back later. */
class FollowUpTest {

    static final String HUG = """
            id: hug
            title: Hug
            description: Pick a hug today, say tomorrow how it went.
            audience: private
            triggers:
              commands: [/hug]
            start: choose
            states:
              choose:
                say: "Which one?"
                buttons:
                  - {label: "Long", to: chosen, set: {idea: "a long hug"}}
                  - {label: "Quick", to: chosen, set: {idea: "a quick hug"}}
              chosen:
                say: "Offer {idea} today."
                end: true
                follow_up: {after: 1d, to: ask}
              ask:
                say: "How was {idea}?"
                buttons:
                  - {label: "Good", to: done}
              done:
                say: "Glad."
                end: true
            """;

    static final String TALK = """
            id: talk
            title: Talk
            description: Another exercise, started by intent.
            audience: private
            triggers:
              commands: [/talk]
              intents: [feel_unheard]
            start: open
            states:
              open:
                say: "Let's talk."
                buttons:
                  - {label: "Done", to: bye}
              bye:
                say: "Bye."
                end: true
            """;

    private static Harness chose(String label) {
        DialogLibrary lib = Harness.library(HUG, TALK);
        Harness h = new Harness(lib);
        h.say(Partner.A, A, "/hug");
        h.press(Partner.A, A, label);
        return h;
    }

    @Test
    void theDialogEndsAndComesBackADayLaterWithItsVariables() {
        Harness h = chose("Long");
        assertEquals(List.of("Offer a long hug today."), h.texts(A));
        assertNull(h.state(A), "nothing runs in the chat while the follow-up waits");
        assertEquals(1, h.session.followUps().size());
        Action.ScheduleTimer t = h.of(Action.ScheduleTimer.class).get(0);
        assertEquals(h.now.plus(Duration.ofDays(1)), t.due());

        assertEquals(List.of(), Harness.texts(h.advance(Duration.ofHours(23)), A));
        h.advance(Duration.ofHours(1));
        assertEquals(List.of("How was a long hug?"), h.texts(A));
        assertEquals("ask", h.state(A));
        assertTrue(h.last.stream()
                .anyMatch(a -> a instanceof Action.DialogStarted d && d.dialog().equals("hug")));
        assertTrue(h.session.followUps().isEmpty());
        h.press(Partner.A, A, "Good");
        assertEquals(List.of("Glad."), h.texts(A));
    }

    @Test
    void freeTextMeanwhileStartsAnotherExerciseAndTheFollowUpWaitsUntilItEnds() {
        Harness h = chose("Quick");
        h.advance(Duration.ofHours(20));
        h.say(Partner.A, A, "you never listen", "feel_unheard");
        assertEquals(List.of("Let's talk."), h.texts(A));
        assertEquals(
                List.of(), Harness.texts(h.advance(Duration.ofHours(4)), A), "the running exercise is not cut off");
        assertEquals("open", h.state(A));
        assertEquals(List.of(), Harness.texts(h.advance(Duration.ofHours(1)), A), "busy again an hour later");
        h.press(Partner.A, A, "Done");
        assertEquals(List.of("Bye."), h.texts(A));
        h.advance(Duration.ofHours(1));
        assertEquals(List.of("How was a quick hug?"), h.texts(A));
    }

    @Test
    void aChatBusyEachTimeForADayDropsTheFollowUpAndReportsIt() {
        Harness h = chose("Quick");
        h.advance(Duration.ofHours(23));
        h.say(Partner.A, A, "/talk");
        h.advance(Duration.ofDays(3));
        assertTrue(h.all.stream()
                .noneMatch(a -> a instanceof Action.Send s && s.html().contains("How was")));
        assertTrue(h.session.followUps().isEmpty());
        assertEquals(1, h.of(Action.Trouble.class).size());
        assertTrue(h.of(Action.Trouble.class).get(0).problem().startsWith("follow-up dropped"));
    }

    @Test
    void stopInTheIdleChatCancelsIt() {
        Harness h = chose("Long");
        h.say(Partner.A, A, "/stop");
        assertEquals(List.of("STOPPED"), h.texts(A));
        assertEquals(1, h.of(Action.CancelTimer.class).size());
        assertTrue(h.session.followUps().isEmpty());
        assertEquals(List.of(), Harness.texts(h.advance(Duration.ofDays(2)), A));
    }

    @Test
    void startingTheSameDialogAgainReplacesIt() {
        Harness h = chose("Long");
        h.advance(Duration.ofHours(12));
        h.say(Partner.A, A, "/hug");
        assertEquals(1, h.of(Action.CancelTimer.class).size(), "the pending follow-up is cancelled on the new start");
        h.press(Partner.A, A, "Quick");
        assertEquals(List.of(), Harness.texts(h.advance(Duration.ofHours(12)), A));
        h.advance(Duration.ofHours(12));
        assertEquals(List.of("How was a quick hug?"), h.texts(A));
        assertEquals(List.of(), Harness.texts(h.advance(Duration.ofDays(2)), A));
    }

    @Test
    void anotherDialogEndingDoesNotTouchIt() {
        Harness h = chose("Long");
        h.say(Partner.A, A, "/talk");
        h.press(Partner.A, A, "Done");
        assertEquals(1, h.session.followUps().size());
        h.advance(Duration.ofDays(1));
        assertEquals(List.of("How was a long hug?"), h.texts(A));
    }

    @Test
    void aSafetyAlertCancelsIt() {
        Harness h = chose("Long");
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.CRISIS));
        assertTrue(h.session.followUps().isEmpty());
        assertTrue(h.all.stream()
                .noneMatch(a -> a instanceof Action.Send s && s.html().contains("How was")));
        h.advance(Duration.ofDays(2));
        assertTrue(h.all.stream()
                .noneMatch(a -> a instanceof Action.Send s && s.html().contains("How was")));
    }

    @Test
    void itSurvivesTheSessionsJsonRoundTrip() {
        Harness h = chose("Long");
        h.session = SessionJson.read(SessionJson.write(h.session));
        assertEquals(1, h.session.followUps().size());
        h.advance(Duration.ofDays(1));
        assertEquals(List.of("How was a long hug?"), h.texts(A));
    }

    @Test
    void aSessionSavedBeforeFollowUpsExistedStillReads() {
        String json = SessionJson.write(Session.start(java.util.Map.of(Partner.A, "Sam"), 7));
        String old = json.replaceAll(",\\s*\"followUps\"\\s*:\\s*\\{\\s*}", "");
        assertTrue(!old.contains("followUps"), old);
        assertTrue(SessionJson.read(old).followUps().isEmpty());
    }
}
