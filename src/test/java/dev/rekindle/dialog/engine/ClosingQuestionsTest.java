package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.session.SessionJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the transcripts cannot say: how long a closed question waits for a late answer, that the memory of it survives
 * the session's JSON, the answers to "send it, keep it, or not?" that must change nothing, and a small bot.yaml
 * without the sentences of these manners. The shipped dialogs, the real engine.
 */
class ClosingQuestionsTest {
    private static final DialogLibrary SHIPPED =
            DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow();
    private static final String LATE = "That question from Appreciation has closed, so I haven't kept this."
            + " If you meant something new, tell me again, or see /menu.";

    /** Sam's appreciation asked, left unanswered and set aside by its own timer. */
    private static Harness appreciationSetAside() {
        Harness h = new Harness(SHIPPED);
        h.say(Partner.A, A, "/appreciate");
        h.advance(Duration.ofHours(2));
        assertEquals(
                List.of("No rush. When something comes to mind, just write it here: one small thing is enough."),
                h.texts(A));
        h.advance(Duration.ofHours(2));
        assertEquals(
                List.of("I'll set this aside for now. Whenever something comes to mind, /appreciate is here."),
                h.texts(A),
                "the dialog's own goodbye, and no second word");
        return h;
    }

    @Test
    void aLateAnswerIsToldForADayAfterItsQuestionClosedThenReadAsItComes() {
        Harness h = appreciationSetAside();
        h.advance(Duration.ofHours(23));
        h.say(Partner.A, A, "tired", "low_desire");
        assertEquals(List.of(LATE), h.texts(A));

        Harness later = appreciationSetAside();
        later.advance(Duration.ofDays(1));
        later.say(Partner.A, A, "tired", "low_desire");
        assertEquals("desire_help", later.session.run(A).top().dialog(), "a day on, it is a request of its own");
        assertTrue(later.session.closedQuestions().isEmpty());
    }

    @Test
    void theClosedQuestionSurvivesTheSessionsJsonAndAnOlderSessionWithoutItStillReads() {
        Harness h = appreciationSetAside();
        assertEquals(
                Map.of(Partner.A, new ClosedQuestion("appreciation", h.now.getEpochSecond())),
                h.session.closedQuestions());
        h.session = SessionJson.read(SessionJson.write(h.session));
        h.say(Partner.A, A, "tired", "low_desire");
        assertEquals(List.of(LATE), h.texts(A));

        String json = SessionJson.write(Session.start(Map.of(Partner.A, "Sam"), 7));
        String old = json.replaceAll(",\\s*\"closedQuestions\"\\s*:\\s*\\{\\s*}", "");
        assertTrue(!old.contains("closedQuestions"), old);
        assertTrue(SessionJson.read(old).closedQuestions().isEmpty());
    }

    @Test
    void theOtherPartnersQuestionIsNotTheirsToCloseAndTheirOwnTextIsNotALateAnswerToIt() {
        Harness h = appreciationSetAside();
        h.say(Partner.B, B, "tired", "low_desire");
        assertEquals("desire_help", h.session.run(B).top().dialog(), "Sam's closed question is nothing to Alex");
        h.say(Partner.A, A, "tired", "low_desire");
        assertEquals(List.of(LATE), h.texts(A));
    }

    /** Sam's appreciation written and waiting for a yes, then /roadblocks asked about. */
    private static Harness askedBeforeRoadblocks() {
        Harness h = new Harness(SHIPPED);
        h.say(Partner.A, A, "/appreciate");
        h.say(Partner.A, A, "You made coffee every morning while I was swamped.");
        h.say(Partner.A, A, "/roadblocks");
        assertEquals(List.of("Send it now", "Keep it for later", "Don't send it"), h.labels(A));
        return h;
    }

    @Test
    void aSecondTapOnTheQuestionAboutAnUnsentAnswerDoesNothing() {
        Harness h = askedBeforeRoadblocks();
        String keep = h.data(A, "Keep it for later");
        h.press(Partner.A, A, "Keep it for later");
        assertEquals("roadblocks", h.session.run(A).top().dialog());
        h.apply(new Input.Press(Partner.A, A, keep));
        assertEquals(
                List.of("That button belongs to an earlier message, so it doesn't do anything now."),
                h.refusals(Partner.A),
                "said to the presser alone");
        assertEquals(2, h.session.run(A).stack().size(), "nothing started twice");
    }

    @Test
    void anAnswerToTheQuestionThatNamesADialogNobodyMayStartHereStartsNothing() {
        Harness h = askedBeforeRoadblocks();
        String forged = h.data(A, "Don't send it").replace(".roadblocks.", ".safety_abuse.");
        h.apply(new Input.Press(Partner.A, A, forged));
        assertEquals(
                List.of("That button belongs to an earlier message, so it doesn't do anything now."),
                h.refusals(Partner.A),
                "said to the presser alone");
        assertEquals("appreciation", h.session.run(A).top().dialog(), "the appreciation still waits");
        String group = h.data(A, "Don't send it").replace(".roadblocks.", ".daily_checkin.");
        h.apply(new Input.Press(Partner.A, A, group));
        assertEquals("appreciation", h.session.run(A).top().dialog(), "nor a group exercise in a private chat");
    }

    @Test
    void theOriginalSendItStillWorksWhileTheQuestionIsOpenAndClosesIt() {
        Harness h = askedBeforeRoadblocks();
        h.press(Partner.A, A, "Send it");
        assertEquals(1, h.texts(B).size(), "sent to Alex");
        assertNull(h.session.run(A), "the appreciation ended; roadblocks was never started");
        assertTrue(h.openButtons.values().stream().noneMatch(s -> s.to() == A), "the question about it closed too");
    }

    @Test
    void anExerciseRunOverAKeptAnswerStillComesBackTheNextDayAsItWouldOnItsOwn() {
        Harness h = new Harness(SHIPPED);
        h.say(Partner.A, A, "/appreciate");
        h.say(Partner.A, A, "You made coffee every morning while I was swamped.");
        h.say(Partner.A, A, "/affection");
        h.press(Partner.A, A, "Keep it for later");
        h.press(Partner.A, A, "I'd like more of it");
        h.press(Partner.A, A, "Cuddling while we watch or read");
        assertEquals(
                "Back to what you wrote in Appreciation:\n\nYou made coffee every morning while I was swamped.\n\n"
                        + "Thank you for noticing that. Would you like me to send it to Alex?",
                h.texts(A).get(1),
                "the kept appreciation comes back at once, with what it is");
        h.press(Partner.A, A, "Keep it private");
        assertNull(h.session.run(A));
        h.advance(Duration.ofDays(1));
        assertTrue(
                h.texts(A).get(0).contains("cuddling while you watch or read"),
                h.texts(A).toString());
        assertEquals(List.of("It felt good", "A bit awkward", "They said not now", "It didn't happen"), h.labels(A));
    }

    @Test
    void aSmallBotYamlWithoutTheseSentencesKeepsTheOldManners() {
        Harness h = new Harness(Harness.library("""
                id: share_it
                title: Share it
                description: Write one line and choose whether to share it.
                audience: private
                triggers: {commands: [/share_it]}
                start: ask
                states:
                  ask:
                    say: "One line?"
                    capture: {into: line, to: offer}
                  offer:
                    share: {var: line, with: partner, ask: "Share it?", deliver: "{line}", yes: done, no: done}
                  done:
                    end: true
                """, """
                id: other
                title: Other
                description: Another private exercise.
                audience: private
                triggers: {commands: [/other]}
                start: hello
                states:
                  hello:
                    say: "OTHER"
                    end: true
                """));
        h.say(Partner.A, A, "/chekin");
        assertEquals(List.of("NOT UNDERSTOOD"), h.texts(A));
        h.say(Partner.A, A, "/share_it");
        h.say(Partner.A, A, "a line");
        h.say(Partner.A, A, "/other");
        assertEquals(List.of("OTHER"), h.texts(A), "replaced as before, without the question");
        h.say(Partner.A, A, "/help");
        assertEquals(List.of("HELP"), h.texts(A));
    }
}
