package dev.rekindle.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderTimesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final Set<DayOfWeek> DAILY = EnumSet.allOf(DayOfWeek.class);
    private static final QuietHours QUIET = QuietHours.DEFAULT;

    private static Instant at(ZoneId zone, String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), zone)
                .toInstant();
    }

    private static Instant next(String time, Set<DayOfWeek> days, ZoneId zone, Instant after) {
        return ReminderTimes.next(LocalTime.parse(time), days, zone, zone, QUIET, after);
    }

    @Test
    void aDailyReminderComesLaterTodayOrElseTomorrow() {
        assertEquals(at(BERLIN, "2026-03-10T19:30"), next("19:30", DAILY, BERLIN, at(BERLIN, "2026-03-10T12:00")));
        assertEquals(at(BERLIN, "2026-03-11T19:30"), next("19:30", DAILY, BERLIN, at(BERLIN, "2026-03-10T19:30")));
        assertEquals(at(BERLIN, "2026-03-11T19:30"), next("19:30", DAILY, BERLIN, at(BERLIN, "2026-03-10T21:00")));
    }

    @Test
    void aWeeklyReminderWaitsForItsDay() {
        // 2026-03-10 is a Tuesday; the next Friday is the 13th, then the 20th
        Set<DayOfWeek> friday = EnumSet.of(DayOfWeek.FRIDAY);
        assertEquals(at(BERLIN, "2026-03-13T19:30"), next("19:30", friday, BERLIN, at(BERLIN, "2026-03-10T12:00")));
        assertEquals(at(BERLIN, "2026-03-20T19:30"), next("19:30", friday, BERLIN, at(BERLIN, "2026-03-13T19:30")));
        Set<DayOfWeek> monWed = EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertEquals(at(BERLIN, "2026-03-11T08:30"), next("08:30", monWed, BERLIN, at(BERLIN, "2026-03-10T12:00")));
        assertEquals(at(BERLIN, "2026-03-16T08:30"), next("08:30", monWed, BERLIN, at(BERLIN, "2026-03-11T09:00")));
    }

    @Test
    void aTimeTheClocksSkipInBerlinComesThatMuchLaterAndOnlyOnThatDay() {
        // 2026-03-29: Berlin jumps from 02:00 to 03:00; quiet hours off for this one so the raw time shows
        QuietHours none = new QuietHours(LocalTime.of(23, 59), LocalTime.of(0, 0));
        Instant first =
                ReminderTimes.next(LocalTime.of(2, 30), DAILY, BERLIN, BERLIN, none, at(BERLIN, "2026-03-28T12:00"));
        assertEquals(at(BERLIN, "2026-03-29T03:30"), first);
        Instant second = ReminderTimes.next(LocalTime.of(2, 30), DAILY, BERLIN, BERLIN, none, first);
        assertEquals(at(BERLIN, "2026-03-30T02:30"), second);
    }

    @Test
    void aTimeThatHappensTwiceInNewYorkComesOnce() {
        // 2026-11-01: New York falls back from 02:00 EDT to 01:00 EST, so 01:30 happens twice
        QuietHours none = new QuietHours(LocalTime.of(23, 59), LocalTime.of(0, 0));
        Instant first = ReminderTimes.next(
                LocalTime.of(1, 30), DAILY, NEW_YORK, NEW_YORK, none, at(NEW_YORK, "2026-10-31T12:00"));
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), first, "the first 01:30, still daylight time (UTC-4)");
        Instant second = ReminderTimes.next(LocalTime.of(1, 30), DAILY, NEW_YORK, NEW_YORK, none, first);
        assertEquals(
                Instant.parse("2026-11-02T06:30:00Z"),
                second,
                "the next day's 01:30 (UTC-5), not the repeat an hour later");
    }

    @Test
    void aReminderInsideQuietHoursComesWhenTheyEnd() {
        assertTrue(QUIET.contains(LocalTime.of(23, 0)));
        assertTrue(QUIET.contains(LocalTime.of(7, 59)));
        assertFalse(QUIET.contains(LocalTime.of(8, 0)));
        assertFalse(QUIET.contains(LocalTime.of(21, 59)));
        // 23:00 on Tuesday arrives at 08:00 on Wednesday; after that, the next one is Wednesday's, at Thursday 08:00
        Instant first = next("23:00", DAILY, BERLIN, at(BERLIN, "2026-03-10T12:00"));
        assertEquals(at(BERLIN, "2026-03-11T08:00"), first);
        assertEquals(at(BERLIN, "2026-03-12T08:00"), next("23:00", DAILY, BERLIN, first));
        // 06:30 arrives at 08:00 the same morning
        assertEquals(at(BERLIN, "2026-03-11T08:00"), next("06:30", DAILY, BERLIN, at(BERLIN, "2026-03-10T12:00")));
        assertTrue(ReminderTimes.inQuietHours(
                LocalTime.of(23, 0), DAILY, BERLIN, BERLIN, QUIET, at(BERLIN, "2026-03-10T12:00")));
        assertFalse(ReminderTimes.inQuietHours(
                LocalTime.of(19, 30), DAILY, BERLIN, BERLIN, QUIET, at(BERLIN, "2026-03-10T12:00")));
    }

    @Test
    void acrossMidnightTheDayIsTheLocalDay() {
        // 00:15 on Saturdays, set on Friday evening: the coming night (Saturday 00:15) is in quiet hours: 08:00
        // Saturday
        Set<DayOfWeek> saturday = EnumSet.of(DayOfWeek.SATURDAY);
        assertEquals(at(BERLIN, "2026-03-14T08:00"), next("00:15", saturday, BERLIN, at(BERLIN, "2026-03-13T20:00")));
        QuietHours none = new QuietHours(LocalTime.of(23, 59), LocalTime.of(0, 0));
        assertEquals(
                at(BERLIN, "2026-03-14T00:15"),
                ReminderTimes.next(
                        LocalTime.of(0, 15), saturday, BERLIN, BERLIN, none, at(BERLIN, "2026-03-13T20:00")));
        // in UTC it is still Friday: the day is the anchor zone's
        assertEquals(
                DayOfWeek.FRIDAY,
                at(BERLIN, "2026-03-14T00:15").atZone(ZoneId.of("UTC")).getDayOfWeek());
    }

    @Test
    void aReminderToBothComesAtTheSameMomentWithEachPartnersOwnQuietHours() {
        // set in Berlin for 19:30 on Fridays: 19:30 in Berlin is 14:30 in New York (fine) and 03:30 in Tokyo (quiet)
        Set<DayOfWeek> friday = EnumSet.of(DayOfWeek.FRIDAY);
        Instant after = at(BERLIN, "2026-03-10T12:00");
        Instant berlin = ReminderTimes.next(LocalTime.of(19, 30), friday, BERLIN, BERLIN, QUIET, after);
        Instant newYork = ReminderTimes.next(LocalTime.of(19, 30), friday, BERLIN, NEW_YORK, QUIET, after);
        Instant tokyo = ReminderTimes.next(LocalTime.of(19, 30), friday, BERLIN, TOKYO, QUIET, after);
        assertEquals(at(BERLIN, "2026-03-13T19:30"), berlin);
        assertEquals(berlin, newYork);
        assertEquals(at(TOKYO, "2026-03-14T08:00"), tokyo);
        assertTrue(ReminderTimes.inQuietHours(LocalTime.of(19, 30), friday, BERLIN, TOKYO, QUIET, after));
        assertFalse(ReminderTimes.inQuietHours(LocalTime.of(19, 30), friday, BERLIN, NEW_YORK, QUIET, after));
    }

    @Test
    void quietHoursThatDoNotCrossMidnightWorkToo() {
        QuietHours afternoon = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));
        assertTrue(afternoon.contains(LocalTime.of(14, 0)));
        assertFalse(afternoon.contains(LocalTime.of(15, 0)));
        assertFalse(afternoon.contains(LocalTime.of(23, 0)));
        assertEquals(java.time.Duration.ofHours(10), QUIET.length());
        assertThrows(IllegalArgumentException.class, () -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
        assertThrows(
                IllegalArgumentException.class,
                () -> ReminderTimes.occurrenceAfter(LocalTime.NOON, Set.of(), BERLIN, Instant.EPOCH));
    }
}
