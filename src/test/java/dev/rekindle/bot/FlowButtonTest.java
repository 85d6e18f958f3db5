package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.Profile.ScreeningAnswer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The callback data of the bot's own flows: what the buttons carry and what a press is read as. */
class FlowButtonTest {
    private static final Instant ASKED = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void everyButtonTheFlowsMakeIsReadBackAsItself() {
        List<FlowButton> buttons = List.of(
                new FlowButton.Age(true),
                new FlowButton.Age(false),
                new FlowButton.AgeMistake(),
                new FlowButton.Privacy(true),
                new FlowButton.Privacy(false),
                new FlowButton.TelegramName(),
                new FlowButton.NameIsMine("Anne-Marie"),
                new FlowButton.AnotherName(),
                new FlowButton.NameNeedsHelp("Kim"),
                new FlowButton.Utc(),
                new FlowButton.Screening(ScreeningAnswer.SAFE),
                new FlowButton.Screening(ScreeningAnswer.UNSAFE),
                new FlowButton.Screening(ScreeningAnswer.UNSAID),
                new FlowButton.Accept(true),
                new FlowButton.Accept(false),
                new FlowButton.Unpair(FlowButton.Confirmation.yesAsked(ASKED)),
                new FlowButton.Unpair(FlowButton.Confirmation.no()),
                new FlowButton.Forget(FlowButton.Confirmation.yesAsked(ASKED)),
                new FlowButton.Forget(FlowButton.Confirmation.no()),
                new FlowButton.Reminder("time.12"));
        for (FlowButton b : buttons) {
            assertEquals(Optional.of(b), FlowButton.parse(b.encode()), b.encode());
            assertTrue(b.encode().getBytes(StandardCharsets.UTF_8).length <= 64, b.encode());
        }
    }

    @Test
    void theDataKeepsTheShapeButtonsAlreadySentCarry() {
        assertEquals("rk:age:y", new FlowButton.Age(true).encode());
        assertEquals("rk:namecheck:h:Kim", new FlowButton.NameNeedsHelp("Kim").encode());
        assertEquals("rk:safety:unsafe", new FlowButton.Screening(ScreeningAnswer.UNSAFE).encode());
        assertEquals(
                "rk:forget:y:" + ASKED.getEpochSecond(),
                new FlowButton.Forget(FlowButton.Confirmation.yesAsked(ASKED)).encode());
        assertEquals("rk:unpair:n", new FlowButton.Unpair(FlowButton.Confirmation.no()).encode());
    }

    @Test
    void aDialogsButtonIsNotOursAndAnythingOfOursWeDoNotKnowIsUnknown() {
        assertEquals(Optional.empty(), FlowButton.parse("checkin.ask.yes@1a"));
        assertEquals(Optional.of(new FlowButton.Unknown()), FlowButton.parse("rk:link:y"));
        assertEquals(Optional.of(new FlowButton.Unknown()), FlowButton.parse("rk:"));
        assertEquals(
                Optional.of(new FlowButton.Screening(ScreeningAnswer.UNSAID)), FlowButton.parse("rk:safety:maybe"));
        assertEquals(Optional.of(new FlowButton.AnotherName()), FlowButton.parse("rk:namecheck:"));
    }

    @Test
    void aYesIsTakenForAnHourAfterItWasAskedAndNeverWithoutItsTimeWhileANoIsAlwaysTaken() {
        Duration hour = Duration.ofHours(1);
        FlowButton.Confirmation yes = FlowButton.Confirmation.yesAsked(ASKED);
        assertFalse(yes.expired(ASKED.plus(hour), hour));
        assertTrue(yes.expired(ASKED.plus(hour).plusSeconds(1), hour));
        assertTrue(FlowButton.Confirmation.parse("y").expired(ASKED, hour), "a yes made before its time was kept");
        assertTrue(FlowButton.Confirmation.parse("y:soon").expired(ASKED, hour));
        assertFalse(FlowButton.Confirmation.no().expired(ASKED.plus(Duration.ofDays(30)), hour));
    }

    @Test
    void aNameInTheDataStaysOutOfToString() {
        assertFalse(new FlowButton.NameIsMine("Kim").toString().contains("Kim"));
        assertFalse(new FlowButton.NameNeedsHelp("he hits me").toString().contains("hits"));
    }

    @Test
    void aForgedTimeIsMerelyStale() {
        Duration hour = Duration.ofHours(1);
        assertTrue(FlowButton.Confirmation.parse("y:" + Long.MAX_VALUE).expired(ASKED, hour));
        assertTrue(FlowButton.Confirmation.parse("y:" + Long.MIN_VALUE).expired(ASKED, hour));
        assertTrue(
                FlowButton.Confirmation.parse("y:" + ASKED.plus(hour).getEpochSecond())
                        .expired(ASKED, hour),
                "asked an hour from now");
    }

    @Test
    void aYesToUnpairForgetOrAnInvitationOrAskingAReminderTimeIsWaitedForBeforeTheNextUpdate() {
        for (String data : List.of(
                new FlowButton.Unpair(FlowButton.Confirmation.yesAsked(ASKED)).encode(),
                new FlowButton.Forget(FlowButton.Confirmation.yesAsked(ASKED)).encode(),
                new FlowButton.Accept(true).encode(),
                new FlowButton.Reminder("time.12").encode())) {
            assertTrue(Onboarding.waitedFor(press(data)), data);
        }
        for (String data : List.of(
                new FlowButton.Unpair(FlowButton.Confirmation.no()).encode(),
                new FlowButton.Accept(false).encode(),
                new FlowButton.Age(true).encode(),
                "checkin.ask.yes@1a",
                new FlowButton.Reminder("stop.12").encode())) {
            assertFalse(Onboarding.waitedFor(press(data)), data);
        }
    }

    private static Received press(String data) {
        return new Received.Press(
                1,
                new dev.rekindle.store.Member(
                        7, dev.rekindle.dialog.model.Partner.A, dev.rekindle.dialog.engine.Chat.A),
                Received.Origin.privateChat(7, ""),
                data);
    }
}
