package dev.rekindle.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When a reminder next arrives, from the local clock time it was set for. The time is local to the anchor zone
 * (the zone the ritual was chosen in); quiet hours are the recipient's own, in the recipient's zone.
 *
 * <p>Daylight saving: a local time that does not exist on a day (the clocks jump over it) arrives that many
 * minutes later, as {@link ZonedDateTime#ofLocal} places it (02:30 on a spring-forward night in Berlin is 03:30);
 * a local time that happens twice (the clocks fall back) arrives once, at the first of the two.
 */
public final class ReminderTimes {
    /** A missed reminder still arrives this late after the bot was down; later, it waits for its next day. */
    public static final java.time.Duration GRACE = java.time.Duration.ofHours(1);

    private ReminderTimes() {}

    /** The first nominal occurrence strictly after {@code after}: {@code at} in {@code anchor} on one of {@code days}. */
    public static Instant occurrenceAfter(LocalTime at, Set<DayOfWeek> days, ZoneId anchor, Instant after) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a reminder needs at least one day");
        }
        LocalDate day = after.atZone(anchor).toLocalDate().minusDays(1);
        for (int i = 0; i < 10; i++, day = day.plusDays(1)) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant candidate =
                    ZonedDateTime.ofLocal(day.atTime(at), anchor, null).toInstant();
            if (candidate.isAfter(after)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no occurrence of " + at + " on " + days + " within 10 days of " + after);
    }

    /** When {@code occurrence} is delivered: as it is, or at the end of the recipient's quiet hours. */
    public static Instant delivery(Instant occurrence, ZoneId recipient, QuietHours quiet) {
        ZonedDateTime local = occurrence.atZone(recipient);
        if (!quiet.contains(local.toLocalTime())) {
            return occurrence;
        }
        ZonedDateTime end = ZonedDateTime.ofLocal(local.toLocalDate().atTime(quiet.until()), recipient, null);
        if (!end.toInstant().isAfter(occurrence)) {
            end = ZonedDateTime.ofLocal(local.toLocalDate().plusDays(1).atTime(quiet.until()), recipient, null);
        }
        return end.toInstant();
    }

    /** The next delivery strictly after {@code after}. */
    public static Instant next(
            LocalTime at, Set<DayOfWeek> days, ZoneId anchor, ZoneId recipient, QuietHours quiet, Instant after) {
        return delivery(occurrenceAfter(at, days, anchor, after), recipient, quiet);
    }

    /** Whether the occurrence of {@code at} (in {@code anchor}) falls in the recipient's quiet hours on a usual day. */
    public static boolean inQuietHours(
            LocalTime at, Set<DayOfWeek> days, ZoneId anchor, ZoneId recipient, QuietHours quiet, Instant now) {
        Instant o = occurrenceAfter(at, days, anchor, now);
        return quiet.contains(o.atZone(recipient).toLocalTime());
    }
}
