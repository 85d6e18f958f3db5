package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timers, conditions, counters, sub-dialogs and hand-over. */
class FlowTest {
    static final String TIMERS = """
            id: timers
            title: Timers
            description: A turn timer and a nudge.
            audience: private
            triggers:
              commands: [/timers]
            start: turn
            states:
              turn:
                say: "Talk for five minutes."
                buttons:
                  - {label: "Done early", to: answer}
                timer: {after: 5m, to: answer}
              answer:
                say: "How was it?"
                capture: {into: how, to: thanks}
                timer: {after: 2h, nudge: "Still there?", to: bye}
              thanks:
                say: "Thanks."
                end: true
              bye:
                say: "Let's stop here."
                end: true
            """;

    @Test
    void afterFiveMinutesTheDialogMovesOn() {
        Harness h = new Harness(Harness.library(TIMERS));
        h.say(Partner.A, A, "/timers");
        Action.ScheduleTimer t = h.of(Action.ScheduleTimer.class).get(0);
        assertEquals(Harness.T0.plus(Duration.ofMinutes(5)), t.due());
        assertTrue(h.advance(Duration.ofMinutes(4)).isEmpty(), "nothing before it is due");
        h.advance(Duration.ofMinutes(1));
        assertEquals(List.of("How was it?"), h.texts(A));
        assertTrue(h.last.stream().anyMatch(a -> a instanceof Action.CloseButtons), "the turn's button closes");
    }

    @Test
    void noAnswerNudgesOnceThenEnds() {
        Harness h = new Harness(Harness.library(TIMERS));
        h.say(Partner.A, A, "/timers");
        h.press(Partner.A, A, "Done early");
        assertEquals(1, h.of(Action.CancelTimer.class).size(), "leaving the state cancels its timer");
        h.advance(Duration.ofHours(2));
        assertEquals(List.of("Still there?"), h.texts(A));
        assertEquals("answer", h.state(A));
        h.advance(Duration.ofHours(2));
        assertEquals(List.of("Let's stop here."), h.texts(A));
        assertNull(h.state(A));
    }

    @Test
    void anAnswerBeforeTheTimeoutCancelsItAndAStaleTimerDoesNothing() {
        Harness h = new Harness(Harness.library(TIMERS));
        h.say(Partner.A, A, "/timers");
        String turnTimer = h.of(Action.ScheduleTimer.class).get(0).id();
        h.press(Partner.A, A, "Done early");
        h.say(Partner.A, A, "good");
        assertEquals(List.of("Thanks."), h.texts(A));
        assertTrue(h.session.timers().isEmpty());
        Session before = h.session;
        h.apply(new Input.TimerFired(turnTimer));
        assertTrue(h.last.isEmpty(), "a cancelled timer never fires: " + h.last);
        assertEquals(before, h.session);
    }

    static final String COUNTING = """
            id: counting
            title: Counting
            description: Counters, conditions, who acted.
            audience: group
            triggers:
              commands: [/count]
            variables:
              rounds: 0
            start: round
            states:
              round:
                increment: rounds
                say: "Round {rounds}."
                buttons:
                  - {label: "Again", to: check}
                  - {label: "Deep", to: check, set: {depth: deep}}
              check:
                branch:
                  - {if: "depth == 'deep' and actor == 'B'", to: deep_b}
                  - {if: "rounds < 3", to: round}
                  - else: enough
              deep_b:
                say: "{actor.name} went deep."
                end: true
              enough:
                say: "That was {rounds} rounds, last pressed by {actor.name}."
                end: true
            """;

    @Test
    void conditionsReadCountersVariablesAndWhoActed() {
        Harness h = new Harness(Harness.library(COUNTING));
        h.say(Partner.A, Chat.GROUP, "/count");
        assertEquals(List.of("Round 1."), h.texts(Chat.GROUP));
        h.press(Partner.A, Chat.GROUP, "Again");
        assertEquals(List.of("Round 2."), h.texts(Chat.GROUP));
        h.press(Partner.A, Chat.GROUP, "Deep");
        assertEquals(List.of("Round 3."), h.texts(Chat.GROUP), "A pressing Deep is not B");
        h.press(Partner.A, Chat.GROUP, "Again");
        assertEquals(List.of("That was 3 rounds, last pressed by Sam."), h.texts(Chat.GROUP));
        h.say(Partner.B, Chat.GROUP, "/count");
        h.press(Partner.B, Chat.GROUP, "Deep");
        assertEquals(List.of("Alex went deep."), h.texts(Chat.GROUP));
    }

    static final String CALLER = """
            id: caller
            title: Caller
            description: Calls a breathing exercise and hands over.
            audience: private
            triggers:
              commands: [/caller]
            variables:
              word: ""
            start: before
            states:
              before:
                say: "First, breathe."
                call: {dialog: breathe, return_to: after}
              after:
                say: "Welcome back, {word}."
                buttons:
                  - {label: "Next", to: next}
              next:
                handover: follow
            """;
    static final String BREATHE = """
            id: breathe
            title: Breathe
            description: A sub-dialog.
            audience: private
            start: in
            states:
              in:
                say: "In... out."
                buttons:
                  - {label: "Done", to: out, set: {word: calm}}
              out:
                say: "Good."
                end: true
            """;
    static final String FOLLOW = """
            id: follow
            title: Follow
            description: Where the hand-over lands.
            audience: private
            start: here
            states:
              here:
                say: "Now something new."
                end: true
            """;

    @Test
    void aSubDialogReturnsToItsCallerAndHandOverReplacesTheDialog() {
        Harness h = new Harness(Harness.library(CALLER, BREATHE, FOLLOW));
        h.say(Partner.A, A, "/caller");
        assertEquals(List.of("First, breathe.", "In... out."), h.texts(A));
        assertEquals(2, h.session.run(A).stack().size());
        h.press(Partner.A, A, "Done");
        // the callee's variables are its own: the caller sees its own (unset) word
        assertEquals(List.of("Good.", "Welcome back, ."), h.texts(A));
        assertEquals(1, h.session.run(A).stack().size());
        h.press(Partner.A, A, "Next");
        assertEquals(List.of("Now something new."), h.texts(A));
        assertNull(h.state(A));
        List<String> ended = h.of(Action.DialogEnded.class).stream()
                .map(Action.DialogEnded::dialog)
                .toList();
        assertEquals(List.of("caller", "follow"), ended);
    }

    static final String LOOP = """
            id: loop
            title: Loop
            description: Goes round without waiting.
            audience: private
            triggers:
              commands: [/loop]
            start: one
            states:
              one:
                to: two
              two:
                to: one
            """;

    @Test
    void aDialogThatLoopsWithoutWaitingEndsKindlyInsteadOfHanging() {
        Harness h = new Harness(Harness.library(LOOP));
        h.say(Partner.A, A, "/loop");
        assertEquals(List.of("SORRY"), h.texts(A));
        Action.Trouble trouble = h.of(Action.Trouble.class).get(0);
        assertEquals("loop", trouble.dialog());
        assertNull(h.state(A));
    }
}
