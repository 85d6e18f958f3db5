package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Free text the classifier was unsure of: offered, never started without a tap (docs/nlu.md, Routing). */
class OffersTest {
    private static final String DESIRE = """
            id: desire
            title: Desire
            description: Started by low desire or a sexual difficulty.
            audience: private
            triggers:
              intents: [low_desire, sexual_difficulty]
            start: hello
            states:
              hello:
                say: "DESIRE"
                buttons: [{label: "Ok", to: done}]
              done:
                end: true
            """;
    private static final String DISTANCE = """
            id: distance
            title: Distance
            description: Started by feeling disconnected, privately.
            audience: private
            triggers:
              intents: [feel_disconnected]
            start: hello
            states:
              hello:
                say: "DISTANCE"
                end: true
            """;
    private static final String CHECKIN = """
            id: checkin
            title: Check-in
            description: Started by feeling disconnected, in the group.
            audience: group
            triggers:
              intents: [feel_disconnected]
            start: hello
            states:
              hello:
                say: "CHECK-IN"
                end: true
            """;
    private static final String ASK = """
            id: ask
            title: Ask
            description: Routes an answer by intent, and has no trigger of its own.
            audience: private
            triggers:
              commands: [/ask]
            start: q
            states:
              q:
                say: "How are things?"
                routes: {low_desire: desire, fallback: other}
              desire:
                say: "ROUTED"
                end: true
              other:
                say: "THANK YOU"
                end: true
            """;

    private static Harness harness() {
        DialogLibrary lib = Harness.library(DESIRE, DISTANCE, CHECKIN, ASK);
        return new Harness(lib);
    }

    private static List<Action> unsure(Harness h, Chat chat, String... likeliest) {
        Partner from = chat.isGroup() ? Partner.B : chat.owner();
        return h.apply(new Input.Text(from, chat, "we never talk", "out_of_scope", null, List.of(likeliest)));
    }

    @Test
    void theLikeliestExercisesAreOfferedAndNothingStarts() {
        Harness h = harness();
        unsure(h, A, "low_desire", "feel_disconnected");
        assertEquals(List.of("OFFER TWO"), h.texts(A));
        assertEquals(List.of("Desire", "Distance", "SOMETHING ELSE"), h.labels(A));
        assertNull(h.state(A), "an offer starts nothing");
        assertTrue(h.of(Action.DialogStarted.class).isEmpty());
    }

    @Test
    void aTapStartsTheOfferedExerciseAndTheMessageShowsTheChoice() {
        Harness h = harness();
        unsure(h, A, "low_desire", "feel_disconnected");
        h.press(Partner.A, A, "Desire");
        assertEquals(List.of("DESIRE"), h.texts(A));
        assertEquals("hello", h.state(A));
        assertEquals("Desire", h.of(Action.CloseButtons.class).get(0).chosenLabel());
    }

    @Test
    void anOfferTappedOnceAnotherExerciseRunsIsStaleAndEndsNothing() {
        Harness h = harness();
        unsure(h, A, "low_desire", "feel_disconnected");
        String desire = h.data(A, "Desire");
        h.say(Partner.A, A, "/ask");
        assertEquals("q", h.state(A));
        h.apply(new Input.Press(Partner.A, A, desire));
        assertEquals(List.of("STALE"), h.refusals(Partner.A), "to the presser alone");
        assertEquals("q", h.state(A), "the running exercise goes on");
        assertTrue(h.of(Action.DialogStarted.class).isEmpty());
    }

    @Test
    void somethingElseShowsTheMenuOfThisChat() {
        Harness h = harness();
        unsure(h, A, "low_desire", "feel_disconnected");
        h.press(Partner.A, A, "SOMETHING ELSE");
        assertEquals(List.of("MENU"), h.texts(A));
        assertEquals("SOMETHING ELSE", h.of(Action.CloseButtons.class).get(0).chosenLabel());
        assertNull(h.state(A));
    }

    @Test
    void twoIntentsOfOneExerciseMakeOneOfferInTheSingular() {
        Harness h = harness();
        unsure(h, A, "low_desire", "sexual_difficulty");
        assertEquals(List.of("OFFER ONE"), h.texts(A));
        assertEquals(List.of("Desire", "SOMETHING ELSE"), h.labels(A));
    }

    @Test
    void theGroupIsOfferedOnlyItsOwnExercisesAndStaysQuietWithoutOne() {
        Harness h = harness();
        unsure(h, GROUP, "low_desire", "feel_disconnected");
        assertEquals(List.of("Check-in", "SOMETHING ELSE"), h.labels(GROUP));
        h.press(Partner.A, GROUP, "Check-in");
        assertEquals(List.of("CHECK-IN"), h.texts(GROUP));
        unsure(h, GROUP, "low_desire");
        assertTrue(h.last.isEmpty(), "a private guess is not offered in the group, nor talked about: " + h.last);
    }

    @Test
    void withNothingToOfferHereThePrivateChatGetsTheHonestFallback() {
        Harness h = harness();
        unsure(h, A, "trust_broken");
        assertEquals(List.of("NOT UNDERSTOOD"), h.texts(A));
    }

    @Test
    void aForgedOfferStartsNothingThatFreeTextCouldNotStart() {
        Harness h = harness();
        for (String forged : new String[] {"offer.ask@1", "offer.checkin@1", "offer.nope@1"}) {
            h.apply(new Input.Press(Partner.A, A, forged));
            assertEquals(List.of("STALE"), h.refusals(Partner.A), forged);
            assertNull(h.state(A), forged);
        }
    }

    @Test
    void insideADialogAnUnsureTextTakesTheFallbackRouteNotAGuess() {
        Harness h = harness();
        h.say(Partner.A, A, "/ask");
        unsure(h, A, "low_desire");
        assertEquals(List.of("THANK YOU"), h.texts(A));
    }
}
