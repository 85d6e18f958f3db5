package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may press each button ({@code actor:} on a button), and how a press that does nothing is answered. */
class ButtonActorsTest {
    /** Sam speaks (chosen); the floor's piece is the speaker's, the break anyone's, the last word Alex's. */
    static final String FLOOR = """
            id: floor
            title: Floor
            description: A speaker, a break for both, and a word for one partner.
            audience: group
            triggers:
              commands: [/floor]
            roles: [speaker, listener]
            start: pick
            states:
              pick:
                assign_roles: {method: chosen, ask: "Who speaks first?", to: speak}
              speak:
                actor: speaker
                say: "{speaker.name}, you have the floor."
                buttons:
                  - {label: "I've said it", to: last_word}
                  - {label: "We need a break", to: pause, actor: any}
                any_text: speak
              last_word:
                say: "Alex, anything to add?"
                buttons:
                  - {label: "Nothing to add", to: done, actor: B}
              pause:
                say: "A break, then."
                end: true
              done:
                say: "Thank you both."
                end: true
            """;

    private static Harness speaking() {
        Harness h = new Harness(Harness.library(FLOOR));
        h.say(Partner.A, GROUP, "/floor");
        h.press(Partner.B, GROUP, "Sam");
        assertEquals("speak", h.state(GROUP));
        return h;
    }

    @Test
    void theListenerCannotSayTheSpeakersPieceAndOnlyTheyAreTold() {
        Harness h = speaking();
        Session before = h.session;
        h.press(Partner.B, GROUP, "I've said it");
        assertEquals(List.of("NOT YOUR TURN"), h.refusals(Partner.B));
        assertEquals(List.of(), h.texts(GROUP), "nothing reaches the group");
        assertEquals(List.of(), h.of(Action.CloseButtons.class), "the buttons stay for the speaker");
        assertEquals(before.runs(), h.session.runs());
    }

    @Test
    void eitherPartnerCanCallABreakWhateverTheStatesActor() {
        Harness h = speaking();
        h.press(Partner.B, GROUP, "We need a break");
        assertEquals(List.of("A break, then."), h.texts(GROUP));
        assertEquals(List.of(), h.refusals(Partner.B));
        Action.CloseButtons closed = h.of(Action.CloseButtons.class).get(0);
        assertEquals("Alex: We need a break", closed.chosenLabel(), "the group's history shows who answered what");
    }

    @Test
    void aButtonForOnePartnerIsTheirsAlone() {
        Harness h = speaking();
        h.press(Partner.A, GROUP, "I've said it");
        h.press(Partner.A, GROUP, "Nothing to add");
        assertEquals(List.of("NOT YOUR TURN"), h.refusals(Partner.A));
        assertEquals("last_word", h.state(GROUP));
        h.press(Partner.B, GROUP, "Nothing to add");
        assertEquals(List.of("Thank you both."), h.texts(GROUP));
    }

    @Test
    void aPressOnAnAnsweredMessageIsStaleForThePresserAlone() {
        Harness h = speaking();
        String breakData = h.data(GROUP, "We need a break");
        h.press(Partner.A, GROUP, "I've said it");
        h.apply(new Input.Press(Partner.B, GROUP, breakData)); // Alex tapped a moment too late
        assertEquals(List.of("STALE"), h.refusals(Partner.B));
        assertEquals(List.of(), h.texts(GROUP));
        assertEquals("last_word", h.state(GROUP));
    }

    @Test
    void wordsFromTheWrongPartnerAreStillAnsweredInTheChat() {
        // a text has no button to answer on: the refusal is a message, as before
        Harness h = speaking();
        h.say(Partner.B, GROUP, "can I say something");
        assertEquals(List.of("NOT YOUR TURN"), h.texts(GROUP));
        assertTrue(h.of(Action.Refusal.class).isEmpty());
    }

    @Test
    void theRoleChoiceShowsWhoChoseWhom() {
        Harness h = new Harness(Harness.library(FLOOR));
        h.say(Partner.A, GROUP, "/floor");
        h.press(Partner.B, GROUP, "Sam");
        assertEquals("Alex: Sam", h.of(Action.CloseButtons.class).get(0).chosenLabel());
    }
}
