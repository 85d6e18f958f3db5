package dev.rekindle.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The hours of a person's night when Rekindle sends no reminder, as local clock times: {@code from} (included)
 * until {@code until} (excluded), across midnight when {@code from} is later than {@code until}. A reminder
 * due inside them arrives when they end.
 */
public record QuietHours(LocalTime from, LocalTime until) {
    /** 22:00 to 08:00 local time, for everyone (there is no way to choose other hours yet). */
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

    public QuietHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.equals(until)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + from);
        }
    }

    public boolean contains(LocalTime t) {
        return from.isBefore(until) ? !t.isBefore(from) && t.isBefore(until) : !t.isBefore(from) || t.isBefore(until);
    }

    /** How long they last, for a sentence or a check. */
    public Duration length() {
        Duration d = Duration.between(from, until);
        return d.isNegative() ? d.plusDays(1) : d;
    }
}
