package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A reminder as kept: for {@code recipient} of the couple, {@code html} at {@code at} (local to {@code zone}) on
 * {@code days}; next arriving at {@code nextDue} (after quiet hours). {@code awaitingTime}: /reminders asked
 * the recipient for a new time for it.
 */
public record StoredReminder(
        long id,
        long coupleId,
        Partner recipient,
        String dialog,
        LocalTime at,
        Set<DayOfWeek> days,
        ZoneId zone,
        String html,
        Instant nextDue,
        boolean awaitingTime) {
    public StoredReminder {
        days = Set.copyOf(days);
    }
}
