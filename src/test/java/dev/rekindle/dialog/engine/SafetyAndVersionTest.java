package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.session.SessionJson;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyAndVersionTest {

    @Test
    void theSafetyHookInterruptsEveryDialogAndTimerAndStartsTheCrisisFlowPrivately() {
        Harness h = new Harness(Harness.library(CoupleTest.REVEAL, FlowTest.TIMERS));
        h.say(Partner.A, A, "/timers");
        h.say(Partner.B, GROUP, "/reveal");
        assertFalse(h.session.timers().isEmpty());
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.CRISIS));
        assertEquals(List.of("CRISIS HELP"), h.texts(A));
        assertEquals(List.of("PAUSE"), h.texts(GROUP), "the group gets only the neutral line");
        assertTrue(h.texts(B).isEmpty(), "nothing reaches the partner privately");
        assertTrue(h.session.timers().isEmpty(), "every pending timer is cancelled");
        assertEquals("t_crisis", h.session.run(A).top().dialog());
        assertNull(h.session.run(GROUP));
        assertEquals(List.of(new Action.SafetyRaised(Partner.A, SafetyKind.CRISIS)), h.of(Action.SafetyRaised.class));
        h.advance(Duration.ofHours(5));
        assertTrue(h.last.isEmpty(), "no nudge or timeout after the interruption: " + h.last);
    }

    @Test
    void aDisclosureInTheGroupGetsANeutralLineThereAndHelpPrivately() {
        Harness h = new Harness(Harness.library(CoupleTest.TALK));
        h.say(Partner.A, GROUP, "/talk");
        h.apply(new Input.SafetyAlert(Partner.B, GROUP, SafetyKind.ABUSE));
        assertEquals(List.of("PAUSE"), h.texts(GROUP));
        assertEquals(List.of("ABUSE HELP"), h.texts(B));
        assertTrue(h.texts(A).isEmpty());
        h.say(Partner.A, GROUP, "/talk");
        assertEquals(List.of("SHARED PAUSED"), h.texts(GROUP), "shared exercises stay off, without saying why");
    }

    @Test
    void abuseAlsoStopsWhatThePartnerCouldSendThroughTheBot() {
        Harness h = new Harness(Harness.library(CoupleTest.APPRECIATE));
        h.say(Partner.B, B, "/note");
        h.say(Partner.B, B, "thank you for the flowers");
        h.apply(new Input.SafetyAlert(Partner.A, A, SafetyKind.ABUSE));
        assertTrue(h.texts(B).isEmpty(), "the partner is not told");
        assertNull(h.session.run(B));
        h.say(Partner.B, B, "/note");
        h.say(Partner.B, B, "thank you again");
        assertEquals(List.of("SHARED PAUSED", "Kept just for you."), h.texts(B));
        assertTrue(h.all.stream()
                .noneMatch(a ->
                        a instanceof Action.Send s && s.to() == A && s.html().contains("thank")));
    }

    static final String V1 = """
            id: evolving
            title: Evolving
            description: Changes while sessions run.
            audience: private
            triggers:
              commands: [/evolve]
            start: one
            on_change: restart
            states:
              one:
                say: "Version one, step one."
                buttons:
                  - {label: "Next", to: two}
              two:
                say: "Version one, step two."
                buttons:
                  - {label: "Next", to: three}
              three:
                say: "Version one, done."
                end: true
              restart:
                say: "This exercise changed; let's begin again."
                buttons:
                  - {label: "Next", to: three}
            """;

    @Test
    void aRunningSessionFinishesOnTheVersionItStartedOn() {
        DialogLibrary v1 = Harness.library(V1);
        Harness h = new Harness(v1);
        h.say(Partner.A, A, "/evolve");
        DialogLibrary v2 = v1.withUpdate(
                v1.bot(),
                Harness.library(V1.replace("Version one", "Version two")).dialogs());
        Harness after = new Harness(v2);
        after.session = h.session;
        after.openButtons.putAll(h.openButtons);
        after.press(Partner.A, A, "Next");
        assertEquals(List.of("Version one, step two."), after.texts(A));
        after.say(Partner.A, A, "/evolve");
        assertEquals(List.of("Version two, step one."), after.texts(A), "new runs take the new version");
    }

    @Test
    void whenTheOldVersionIsGoneTheSessionMovesToTheSameStateOrTheDeclaredFallback() {
        Harness h = new Harness(Harness.library(V1));
        h.say(Partner.A, A, "/evolve");
        h.press(Partner.A, A, "Next");
        // a restart loads only the new files: the old version is gone
        String v2 = V1.replace("Version one", "Version two");
        Harness same = new Harness(Harness.library(v2));
        same.session = h.session;
        same.openButtons.putAll(h.openButtons);
        same.press(Partner.A, A, "Next");
        assertEquals(List.of("Version two, done."), same.texts(A), "state 'two' still exists, so it goes on");

        String v3 = v2.replace("  two:\n", "  deux:\n").replace("to: two", "to: deux");
        Harness moved = new Harness(Harness.library(v3));
        moved.session = h.session;
        moved.openButtons.putAll(h.openButtons);
        moved.press(Partner.A, A, "Next");
        assertEquals(List.of("This exercise changed; let's begin again."), moved.texts(A));
        assertEquals("restart", moved.state(A));
    }

    @Test
    void withoutAFallbackAChangedDialogEndsKindly() {
        String noFallback = V1.replace("on_change: restart\n", "").replace("""
                  restart:
                    say: "This exercise changed; let's begin again."
                    buttons:
                      - {label: "Next", to: three}
                """, "");
        Harness h = new Harness(Harness.library(noFallback));
        h.say(Partner.A, A, "/evolve");
        h.press(Partner.A, A, "Next");
        String renamed = noFallback.replace("  two:\n", "  deux:\n").replace("to: two", "to: deux");
        Harness later = new Harness(Harness.library(renamed));
        later.session = h.session;
        later.say(Partner.A, A, "hello?");
        assertEquals(List.of("DIALOG CHANGED"), later.texts(A));
        assertNull(later.state(A));
    }

    @Test
    void aSessionSurvivesJsonMidDialogAndGoesOnIdentically() {
        Harness h = new Harness(Harness.library(CoupleTest.REVEAL));
        h.say(Partner.A, GROUP, "/reveal");
        h.say(Partner.B, B, "tired");
        String json = SessionJson.write(h.session);
        Session back = SessionJson.read(json);
        assertEquals(h.session, back);
        assertEquals(json, SessionJson.write(back));
        Input next = new Input.Press(Partner.B, B, h.data(B, "Yes, share"));
        assertEquals(
                h.engine.handle(h.session, next, h.now),
                h.engine.handle(back, next, h.now),
                "the same session and input give the same outcome");
    }

    @Test
    void sessionJsonFromANewerBuildIsRefusedWithAClearMessage() {
        String json = SessionJson.write(Session.start(java.util.Map.of(Partner.A, "Sam"), 3))
                .replace("\"schema\":1", "\"schema\":99");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionJson.read(json));
        assertTrue(e.getMessage().contains("newer than this build"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionJson.read("{\"schema\":1,\"names\":"));
    }

    @Test
    void inputsFromStrangersOrWrongChatsAreRejectedLoudly() {
        Harness solo = new Harness(Harness.library(CoupleTest.APPRECIATE), false, 1);
        assertThrows(IllegalArgumentException.class, () -> solo.say(Partner.B, B, "hi"));
        assertThrows(IllegalArgumentException.class, () -> solo.say(Partner.A, GROUP, "hi"));
        Harness pair = new Harness(Harness.library(CoupleTest.APPRECIATE));
        assertThrows(IllegalArgumentException.class, () -> pair.say(Partner.A, B, "hi"));
    }
}
