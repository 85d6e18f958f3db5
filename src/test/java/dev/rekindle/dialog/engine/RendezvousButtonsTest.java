package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rendezvous answered with buttons: each press answers only for the partner whose private chat it is in. */
class RendezvousButtonsTest {

    static final String OPT_IN = """
            id: opt_in
            title: Opt in
            description: Both say privately whether they would like to go on.
            audience: group
            triggers:
              commands: [/optin]
            start: ask
            states:
              ask:
                say: "I've asked each of you privately."
                rendezvous:
                  ask: "Would you like to go on?"
                  into: ready
                  buttons:
                    - {label: "Yes, I'd like that", value: "yes"}
                    - {label: "Not now", value: "not now"}
                  waiting: "Thank you."
                  timer: {after: 1h, to: not_both}
                  to: check
              check:
                branch:
                  - {if: "A.ready == 'yes' and B.ready == 'yes'", to: go}
                  - {else: not_both}
              go:
                say: "You both said yes."
                end: true
              not_both:
                say: "Not this time."
                end: true
            """;

    private static Harness started() {
        Harness h = new Harness(Harness.library(OPT_IN));
        h.say(Partner.A, GROUP, "/optin");
        return h;
    }

    @Test
    void eachPartnerIsAskedWithTheirOwnButtonsAndBothYesesGoOn() {
        Harness h = started();
        assertEquals(List.of("Yes, I'd like that", "Not now"), h.labels(A));
        assertEquals(List.of("Yes, I'd like that", "Not now"), h.labels(B));
        h.press(Partner.B, B, "Yes, I'd like that");
        assertEquals(List.of("Thank you."), h.texts(B));
        assertTrue(h.texts(A).isEmpty() && h.texts(GROUP).isEmpty(), "nobody learns that B answered");
        assertTrue(
                h.last.stream()
                        .anyMatch(a -> a instanceof Action.CloseButtons c
                                && c.to() == B
                                && "Yes, I'd like that".equals(c.chosenLabel())),
                "the pressed question closes, showing the choice");
        h.press(Partner.A, A, "Yes, I'd like that");
        assertEquals(List.of("You both said yes."), h.texts(GROUP));
    }

    @Test
    void notNowFromEitherEndsItWithoutSayingWho() {
        Harness h = started();
        h.press(Partner.A, A, "Not now");
        h.press(Partner.B, B, "Yes, I'd like that");
        assertEquals(List.of("Not this time."), h.texts(GROUP));
    }

    @Test
    void typedWordsAreNotAnAnswer() {
        Harness h = started();
        h.say(Partner.A, A, "yes");
        assertEquals(List.of("USE BUTTONS"), h.texts(A));
        h.press(Partner.B, B, "Yes, I'd like that");
        assertTrue(h.texts(GROUP).isEmpty(), "A has not answered yet");
        h.press(Partner.A, A, "Yes, I'd like that");
        assertEquals(List.of("You both said yes."), h.texts(GROUP));
    }

    @Test
    void aButtonFromThePartnersChatDoesNotAnswerForThem() {
        Harness h = started();
        String alexsYes = h.data(B, "Yes, I'd like that");
        // Sam's client sends the data of the button in Alex's chat, from Sam's own chat
        h.apply(new Input.Press(Partner.A, A, alexsYes));
        assertEquals(List.of("STALE"), h.refusals(Partner.A));
        assertEquals(List.of(), h.texts(A));
        h.press(Partner.A, A, "Not now");
        h.press(Partner.B, B, "Yes, I'd like that");
        assertEquals(List.of("Not this time."), h.texts(GROUP), "Alex's own answer still counted, once");
    }

    @Test
    void aSecondPressOnTheSameQuestionDoesNothing() {
        Harness h = started();
        String samsNotNow = h.data(A, "Not now");
        h.press(Partner.A, A, "Yes, I'd like that");
        h.apply(new Input.Press(Partner.A, A, samsNotNow));
        assertEquals(List.of("STALE"), h.refusals(Partner.A));
        assertEquals(List.of(), h.texts(A));
        h.press(Partner.B, B, "Yes, I'd like that");
        assertEquals(List.of("You both said yes."), h.texts(GROUP), "the first press stands");
    }

    @Test
    void whenTimeRunsOutTheOpenButtonsClose() {
        Harness h = started();
        h.press(Partner.A, A, "Yes, I'd like that");
        h.advance(Duration.ofHours(1));
        assertEquals(List.of("Not this time."), h.texts(GROUP));
        assertTrue(h.last.stream().anyMatch(a -> a instanceof Action.CloseButtons c && c.to() == B));
    }
}
