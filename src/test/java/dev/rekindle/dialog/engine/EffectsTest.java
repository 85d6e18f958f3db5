package dev.rekindle.dialog.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectsTest {
    private static final Session SESSION = Session.start(Map.of(Partner.A, "Sam"), 1);
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    private static Action.ScheduleTimer timer(String id, int minutes) {
        return new Action.ScheduleTimer(id, T.plus(Duration.ofMinutes(minutes)), Duration.ofHours(1));
    }

    @Test
    void theLastWordOnATimerCountsInTheOrderItWasSaid() {
        Effects e = Effects.of(new Outcome(
                SESSION,
                List.of(
                        timer("x", 5),
                        new Action.CancelTimer("x"), // set and cancelled: not set
                        new Action.CancelTimer("y"),
                        timer("y", 10), // cancelled and set: set
                        timer("z", 1),
                        timer("w", 2),
                        timer("z", 3)))); // rescheduled: once, with its last due time
        assertEquals(List.of(timer("y", 10), timer("w", 2), timer("z", 3)), e.timersSet());
        assertEquals(List.of("x"), e.timersCancelled());
    }

    @Test
    void messagesAndClosingsKeepTheirOrderAndNoticesOnlyInform() {
        Action.Send hello = new Action.Send(Chat.A, "m1", "Hello", List.of());
        Action.CloseButtons close = new Action.CloseButtons(Chat.A, "m0", "Yes");
        Action.SafetyRaised raised = new Action.SafetyRaised(Partner.A, SafetyKind.CRISIS);
        Action.SaveJournal line = new Action.SaveJournal("appreciate", "appreciation", Partner.A, "thanks");
        Effects e = Effects.of(new Outcome(SESSION, List.of(close, raised, hello, line)));
        assertEquals(List.of(close, hello), e.toChats());
        assertEquals(List.of(raised), e.notices());
        assertEquals(List.of(line), e.journal());
    }
}
