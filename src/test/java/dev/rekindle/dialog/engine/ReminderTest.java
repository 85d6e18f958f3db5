package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A state's reminder: the engine describes it (local time, days, text, recipient) and never makes it an instant. */
class ReminderTest {
    static final String DATE_NIGHT = """
            id: date_night
            title: Date night
            description: A weekly evening together.
            audience: private
            triggers:
              commands: [/date]
            start: day
            states:
              day:
                say: "Which day?"
                buttons:
                  - {label: "Friday", to: time, set: {day: fri}}
                  - {label: "Weekends", to: time, set: {day: "sat, sun"}}
              time:
                say: "What time?"
                capture: {into: time, time_of_day: true, to: set}
              set:
                reminder:
                  at: "{time}"
                  days: "{day}"
                  text: "**Date night** at {time}, {me.name}."
                say: "Done."
                end: true
            """;

    static final String TOGETHER = """
            id: together
            title: Together
            description: A ritual both choose in the group.
            audience: group
            triggers:
              commands: [/together]
            start: pick
            states:
              pick:
                say: "When shall we both be reminded?"
                buttons:
                  - {label: "Mornings at 7:30", to: set, set: {t: "07:30"}}
              set:
                reminder:
                  at: "{t}"
                  text: "Good morning, {me.name}: a minute together before the day starts."
                  to: both
                say: "Set for both of you."
                end: true
            """;

    static final String PRIVATE_TIME = """
            id: their_time
            title: Their time
            description: Each answers privately; nobody agreed to show the answer.
            audience: group
            triggers:
              commands: [/their_time]
            start: ask
            states:
              ask:
                say: "I've asked you both privately."
                rendezvous: {ask: "What time?", into: t, time_of_day: true, to: set}
              set:
                reminder:
                  at: "{A.t}"
                  text: "At the time Sam chose."
                  to: both
                say: "Done."
                end: true
            """;

    @Test
    void aPrivateReminderGoesToItsOwnerWithTheCapturedTimeAndTheChosenDays() {
        Harness h = new Harness(Harness.library(DATE_NIGHT));
        h.say(Partner.A, A, "/date");
        h.press(Partner.A, A, "Friday");
        h.say(Partner.A, A, "7:30pm");
        List<Action.SetReminder> set = h.of(Action.SetReminder.class);
        assertEquals(
                List.of(new Action.SetReminder(
                        Partner.A,
                        Partner.A,
                        "date_night",
                        LocalTime.of(19, 30),
                        EnumSet.of(DayOfWeek.FRIDAY),
                        "<b>Date night</b> at 19:30, Sam.")),
                set);
        assertEquals(List.of("Done."), h.texts(A), "the reminder itself says nothing now");
        int reminder = h.last.indexOf(set.get(0));
        int said = h.last.indexOf(h.last.stream()
                .filter(a -> a instanceof Action.Send)
                .findFirst()
                .orElseThrow());
        assertTrue(reminder < said, "a state's reminder is set before its message, like its journal entry");
    }

    @Test
    void daysFromAVariableMayNameSeveral() {
        Harness h = new Harness(Harness.library(DATE_NIGHT));
        h.say(Partner.B, Chat.B, "/date");
        h.press(Partner.B, Chat.B, "Weekends");
        h.say(Partner.B, Chat.B, "10:00");
        Action.SetReminder r = h.of(Action.SetReminder.class).get(0);
        assertEquals(Partner.B, r.recipient());
        assertEquals(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), r.days());
    }

    @Test
    void aReminderToBothGoesToEachPartnerInTheirOwnWordsAnchoredOnWhoSetIt() {
        Harness h = new Harness(Harness.library(TOGETHER));
        h.say(Partner.B, GROUP, "/together");
        h.press(Partner.B, GROUP, "Mornings at 7:30");
        List<Action.SetReminder> set = h.of(Action.SetReminder.class);
        Set<DayOfWeek> daily = EnumSet.allOf(DayOfWeek.class);
        assertEquals(
                List.of(
                        new Action.SetReminder(
                                Partner.A,
                                Partner.B,
                                "together",
                                LocalTime.of(7, 30),
                                daily,
                                "Good morning, Sam: a minute together before the day starts."),
                        new Action.SetReminder(
                                Partner.B,
                                Partner.B,
                                "together",
                                LocalTime.of(7, 30),
                                daily,
                                "Good morning, Alex: a minute together before the day starts.")),
                set);
    }

    @Test
    void aTimeThatIsAnotherPersonsUnsharedAnswerSetsNoReminderForThem() {
        Harness h = new Harness(Harness.library(PRIVATE_TIME));
        h.say(Partner.A, GROUP, "/their_time");
        h.say(Partner.A, A, "19:30");
        h.say(Partner.B, Chat.B, "08:00");
        List<Action.SetReminder> set = h.of(Action.SetReminder.class);
        assertEquals(1, set.size(), "only Sam, whose answer it is, gets it: " + set);
        assertEquals(Partner.A, set.get(0).recipient());
        assertEquals(LocalTime.of(19, 30), set.get(0).at());
        List<Action.Trouble> trouble = h.of(Action.Trouble.class);
        assertEquals(1, trouble.size());
        assertTrue(
                trouble.get(0).problem().contains("partner B"), trouble.get(0).problem());
        assertTrue(!trouble.get(0).problem().contains("19:30"), "a log line never carries the answer");
    }
}
