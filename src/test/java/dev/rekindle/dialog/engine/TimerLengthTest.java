package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code after: "{minutes}m"}: a timer whose length a button chose, and a safe fallback when a value is no duration. */
class TimerLengthTest {

    static final String PAUSE = """
            id: pause
            title: Pause
            description: A quiet pause of a length you choose.
            audience: private
            triggers:
              commands: [/pause]
            variables:
              minutes: 5
            start: choose
            states:
              choose:
                say: "How long?"
                buttons:
                  - {label: "Five", to: ready}
                  - {label: "Twenty", to: ready, set: {minutes: 20}}
              ready:
                say: "Tap when you're ready."
                buttons:
                  - {label: "Start", to: quiet}
              quiet:
                say: "Quiet for {minutes} minutes."
                buttons:
                  - {label: "Done early", to: done}
                timer: {after: "{minutes}m", to: done}
              done:
                say: "Welcome back."
                end: true
            """;

    private static Duration scheduled(Harness h) {
        Action.ScheduleTimer t = (Action.ScheduleTimer) h.last.stream()
                .filter(Action.ScheduleTimer.class::isInstance)
                .findFirst()
                .orElseThrow();
        return Duration.between(h.now, t.due());
    }

    @Test
    void theButtonsChoiceIsTheTimersLength() {
        Harness h = new Harness(Harness.library(PAUSE));
        h.say(Partner.A, A, "/pause");
        h.press(Partner.A, A, "Twenty");
        h.press(Partner.A, A, "Start");
        assertEquals(List.of("Quiet for 20 minutes."), h.texts(A));
        assertEquals(Duration.ofMinutes(20), scheduled(h));
        h.advance(Duration.ofMinutes(19));
        assertEquals(List.of(), h.texts(A));
        h.advance(Duration.ofMinutes(1));
        assertEquals(List.of("Welcome back."), h.texts(A));
    }

    @Test
    void withoutAChoiceTheDeclaredDefaultIsTheLength() {
        Harness h = new Harness(Harness.library(PAUSE));
        h.say(Partner.A, A, "/pause");
        h.press(Partner.A, A, "Five");
        h.press(Partner.A, A, "Start");
        assertEquals(Duration.ofMinutes(5), scheduled(h));
        assertTrue(h.of(Action.Trouble.class).isEmpty());
    }

    @Test
    void aValueLeftByAnEarlierVersionThatIsNoDurationFallsBackToTheDefaultAndIsReported() {
        // version one let the button set a word, and did not time the pause with it
        String v1 = PAUSE.replace("set: {minutes: 20}", "set: {minutes: twenty}")
                .replace("timer: {after: \"{minutes}m\", to: done}", "timer: {after: 1h, to: done}");
        Harness before = new Harness(Harness.library(v1));
        before.say(Partner.A, A, "/pause");
        before.press(Partner.A, A, "Twenty");
        // a restart loads only version two; the couple is in state 'ready', which still exists
        Harness after = new Harness(Harness.library(PAUSE));
        after.session = before.session;
        after.openButtons.putAll(before.openButtons);
        after.press(Partner.A, A, "Start");
        assertEquals(Duration.ofMinutes(5), scheduled(after), "the default under variables: is the length");
        List<Action.Trouble> trouble = after.of(Action.Trouble.class);
        assertEquals(1, trouble.size());
        assertEquals(
                "timer 'after: {minutes}m' gave 'twentym', which is not a duration; waited 5m instead"
                        + " (from its default under variables:)",
                trouble.get(0).problem());
        assertEquals("quiet", trouble.get(0).state());
        after.advance(Duration.ofMinutes(5));
        assertEquals(List.of("Welcome back."), after.texts(A));
    }
}
