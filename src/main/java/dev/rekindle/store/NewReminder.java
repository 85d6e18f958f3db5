package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A reminder a dialog set, ready to keep: it replaces the recipient's reminder of the same dialog with the same
 * text, and first arrives at {@code nextDue}.
 */
public record NewReminder(
        Partner recipient,
        String dialog,
        LocalTime at,
        Set<DayOfWeek> days,
        ZoneId zone,
        String html,
        Instant nextDue) {
    public NewReminder {
        days = Set.copyOf(days);
    }
}
