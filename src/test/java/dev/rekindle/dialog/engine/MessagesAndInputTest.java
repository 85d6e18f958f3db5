package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessagesAndInputTest {
    static final String GREETING = """
            id: greet
            title: Greet
            description: Variants, placeholders, markup, buttons.
            audience: private
            triggers:
              commands: [/greet]
            start: hello
            states:
              hello:
                say: ["Hello **{me.name}**, one", "Hello _{me.name}_, two", "Hello {me.name}, three"]
                buttons:
                  - {label: "Good", to: ask, set: {mood: good}}
                  - {label: "Meh", to: ask, set: {mood: meh}}
              ask:
                say: "You feel {mood}. What is on your mind?"
                capture: {into: thought, length: {min: 3, max: 200}, invalid: "A few words, please.", to: echo}
              echo:
                say: "You wrote: {thought}"
                end: true
            """;

    @Test
    void variantsAreNeverRepeatedTwiceInARowAndAllAreUsed() {
        Harness h = new Harness(Harness.library(GREETING));
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (int i = 0; i < 60; i++) {
            h.say(Partner.A, A, "/greet");
            String text = h.texts(A).get(0);
            assertNotEquals(previous, text, "the same variant twice in a row at round " + i);
            previous = text;
            seen.add(text);
        }
        assertEquals(3, seen.size(), "every variant shows up: " + seen);
    }

    @Test
    void markupBecomesHtmlAndPartnerTextIsEscaped() {
        Harness h = new Harness(Harness.library(GREETING), true, 7);
        List<Action> out = h.say(Partner.A, A, "/greet");
        String html = ((Action.Send) out.stream()
                        .filter(a -> a instanceof Action.Send)
                        .findFirst()
                        .orElseThrow())
                .html();
        assertTrue(html.matches("Hello (<b>Sam</b>, one|<i>Sam</i>, two|Sam, three)"), html);
        h.press(Partner.A, A, "Good");
        h.say(Partner.A, A, "<b>bold</b> & \"quoted\"");
        Action.Send echo = h.of(Action.Send.class).get(0);
        assertEquals("You wrote: &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;", echo.html());
    }

    @Test
    void partnerTextCannotReorderTheSentenceAroundItNorCarryControlCharacters() {
        Harness h = new Harness(Harness.library(GREETING), true, 7);
        h.say(Partner.A, A, "/greet");
        h.press(Partner.A, A, "Good");
        // a right-to-left override typed on purpose, a NUL and a bell: dropped
        h.say(Partner.A, A, "evil\u202E txet\u0000 \u0007ok");
        assertEquals("You wrote: evil txet ok", h.of(Action.Send.class).get(0).html());
    }

    @Test
    void rightToLeftWordsAreIsolatedWhereTheyArePlaced() {
        Harness h = new Harness(Harness.library(GREETING), true, 7);
        h.say(Partner.A, A, "/greet");
        h.press(Partner.A, A, "Good");
        h.say(Partner.A, A, "\u05e9\u05dc\u05d5\u05dd 2 you");
        assertEquals(
                "You wrote: \u2068\u05e9\u05dc\u05d5\u05dd 2 you\u2069",
                h.of(Action.Send.class).get(0).html(),
                "first-strong isolate around a Hebrew answer, so the words after it stay in order");
        h.say(Partner.A, A, "/greet");
        h.press(Partner.A, A, "Good");
        h.say(Partner.A, A, "\u05e9\u05dc\u05d5\u05dd\nsecond\u2029third");
        assertEquals(
                "You wrote: \u2068\u05e9\u05dc\u05d5\u05dd\u2069\n\u2068second\u2069\n\u2068third\u2069",
                h.of(Action.Send.class).get(0).html(),
                "an isolate ends with its paragraph: each line of a right-to-left answer is isolated on its own");
    }

    @Test
    void aButtonSetsAVariableLeadsOnAndClosesItsButtons() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        assertEquals(List.of("Good", "Meh"), h.labels(A));
        h.press(Partner.A, A, "Meh");
        assertEquals(List.of("You feel meh. What is on your mind?"), h.texts(A));
        assertEquals("Meh", h.of(Action.CloseButtons.class).get(0).chosenLabel());
        assertEquals("ask", h.state(A));
    }

    @Test
    void aSecondPressOnTheSameButtonIsStaleAndChangesNothing() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        String data = h.data(A, "Good");
        h.apply(new Input.Press(Partner.A, A, data));
        Session before = h.session;
        h.apply(new Input.Press(Partner.A, A, data));
        assertEquals(List.of(), h.texts(A));
        assertEquals(List.of("STALE"), h.refusals(Partner.A));
        assertEquals(before.runs(), h.session.runs());
    }

    @Test
    void invalidCaptureSaysWhyAndKeepsTheState() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        h.press(Partner.A, A, "Good");
        h.say(Partner.A, A, "ok");
        assertEquals(List.of("A few words, please."), h.texts(A));
        assertEquals("ask", h.state(A));
        h.say(Partner.A, A, "work was long");
        assertEquals(List.of("You wrote: work was long"), h.texts(A));
        assertEquals(null, h.state(A), "an end state ends the run");
    }

    @Test
    void textWhereButtonsAreExpectedAsksForTheButtons() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        h.say(Partner.A, A, "fine I guess");
        assertEquals(List.of("USE BUTTONS"), h.texts(A));
        assertEquals("hello", h.state(A));
    }

    static final String VALIDATIONS = """
            id: numbers
            title: Numbers
            description: Number and time capture.
            audience: private
            triggers:
              commands: [/numbers]
            start: rate
            states:
              rate:
                say: "From 1 to 10?"
                capture: {into: score, number: {min: 1, max: 10}, to: when}
              when:
                say: "Score {score}. What time?"
                capture: {into: at, time_of_day: true, invalid: "Like 19:30 or 7pm.", to: done}
              done:
                say: "Score {score} at {at}."
                end: true
            """;

    @Test
    void numbersAndTimesOfDayAreValidatedAndNormalised() {
        Harness h = new Harness(Harness.library(VALIDATIONS));
        h.say(Partner.A, A, "/numbers");
        h.say(Partner.A, A, "eleven");
        assertEquals(List.of("INVALID"), h.texts(A));
        h.say(Partner.A, A, "11");
        assertEquals(List.of("INVALID"), h.texts(A));
        h.say(Partner.A, A, " 7 ");
        assertEquals(List.of("Score 7. What time?"), h.texts(A));
        h.say(Partner.A, A, "25:00");
        assertEquals(List.of("Like 19:30 or 7pm."), h.texts(A));
        h.say(Partner.A, A, "7:30 pm");
        assertEquals(List.of("Score 7 at 19:30."), h.texts(A));
    }

    static final String ROUTING = """
            id: router
            title: Router
            description: Routes free text by intent.
            audience: private
            triggers:
              commands: [/route]
              intents: [feel_unheard]
            start: ask
            states:
              ask:
                say: "Tell me more."
                routes:
                  conflict: calm
                  appreciation: thanks
                  fallback: unsure
              calm:
                say: "Let's calm down first."
                end: true
              thanks:
                say: "Lovely."
                end: true
              unsure:
                say: "Anything else?"
                any_text: thanks
            """;

    @Test
    void freeTextIsRoutedByIntentWithAFallbackAndAnyText() {
        Harness h = new Harness(Harness.library(ROUTING));
        h.say(Partner.A, A, "/route");
        h.say(Partner.A, A, "we fought again", "conflict");
        assertEquals(List.of("Let's calm down first."), h.texts(A));
        h.say(Partner.A, A, "/route");
        h.say(Partner.A, A, "what's the weather", "out_of_scope");
        assertEquals(List.of("Anything else?"), h.texts(A));
        h.say(Partner.A, A, "whatever I like");
        assertEquals(List.of("Lovely."), h.texts(A));
    }

    @Test
    void anIntentTriggerStartsADialogWhenNothingRuns() {
        Harness h = new Harness(Harness.library(ROUTING));
        h.say(Partner.A, A, "nobody listens to me", "feel_unheard");
        assertEquals(List.of("Tell me more."), h.texts(A));
        h.say(Partner.B, B, "is it sunny", "out_of_scope");
        assertEquals(List.of("NOT UNDERSTOOD"), h.texts(B));
        h.say(Partner.B, GROUP, "see you tonight", "out_of_scope");
        assertTrue(h.last.isEmpty(), "small talk in the group is theirs: " + h.last);
        h.say(Partner.B, GROUP, "you never listen", "feel_unheard");
        assertEquals(List.of("PRIVATE ONLY"), h.texts(GROUP));
    }

    @Test
    void globalHandlersWorkInEveryState() {
        DialogLibrary lib = Harness.library(GREETING);
        Harness h = new Harness(lib);
        h.say(Partner.A, A, "/stop");
        assertEquals(List.of("NOTHING TO STOP"), h.texts(A));
        h.say(Partner.A, A, "/greet");
        h.say(Partner.A, A, "/help");
        assertEquals(List.of("HELP"), h.texts(A));
        assertEquals("hello", h.state(A), "help changes nothing");
        h.say(Partner.A, A, "/menu");
        assertEquals(List.of("MENU"), h.texts(A));
        assertEquals("hello", h.state(A), "the menu changes nothing until a choice");
        h.say(Partner.A, A, "/stop");
        assertEquals(List.of("STOPPED"), h.texts(A));
        assertFalse(h.session.runs().containsKey(A));
        assertTrue(h.of(Action.CloseButtons.class).size() == 1, "the open buttons are closed on stop");
        assertEquals(
                Action.EndReason.STOPPED, h.of(Action.DialogEnded.class).get(0).reason());
    }

    @Test
    void unknownCommandsAreAnsweredHonestly() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/dance");
        assertEquals(List.of("NOT UNDERSTOOD"), h.texts(A));
    }

    @Test
    void aGarbledButtonPayloadIsStaleNotACrash() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        for (String junk :
                new String[] {"", "x", "greet.hello.9@1", "greet.hello.0@zzzz", "@", "menu.nope@1", "a.b.c.d@1"}) {
            h.apply(new Input.Press(Partner.A, A, junk));
            assertEquals(List.of("STALE"), h.refusals(Partner.A), junk);
            assertEquals(List.of(), h.texts(A), junk);
            assertEquals("hello", h.state(A));
        }
    }

    @Test
    void theBotsOwnSentenceOutsideADialogLeavesTheRunAsItWas() {
        Harness h = new Harness(Harness.library(GREETING));
        h.say(Partner.A, A, "/greet");
        Outcome o = h.engine.sayBot(h.session, A, "text_only", h.now);
        assertEquals(1, o.actions().size());
        Action.Send s = (Action.Send) o.actions().get(0);
        assertEquals("TEXT ONLY", s.html());
        assertEquals(A, s.to());
        assertEquals(h.session.runs(), o.session().runs());
        assertTrue(o.session().seq() > h.session.seq(), "the sentence gets a fresh ref");
    }
}
