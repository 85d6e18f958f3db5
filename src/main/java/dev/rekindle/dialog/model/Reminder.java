package dev.rekindle.dialog.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A recurring reminder set when a state is entered: {@code text} is sent at the local clock time {@code at} on
 * {@code days}, privately, to the person the dialog runs for ({@link Recipient#ME}) or, in a group dialog where
 * both chose it together, to each partner ({@link Recipient#BOTH}). {@code at} is a time {@code HH:MM} or one
 * placeholder such as {@code {ritual_time}}; each of {@code days} is a weekday ({@code mon} ... {@code sun}),
 * {@code daily}, or one placeholder whose value is such words. The engine only describes the reminder; the bot
 * turns it into instants in the recipient's time zone.
 */
public record Reminder(String at, List<String> days, Message text, Recipient to, Source source) {
    public Reminder {
        days = List.copyOf(days);
    }

    public enum Recipient {
        ME,
        BOTH
    }

    private static final Pattern CLOCK = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern ONE_PLACEHOLDER =
            Pattern.compile("\\{\\s*[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?\\s*}");
    private static final Map<String, DayOfWeek> DAY_WORDS = dayWords();

    /** The words {@code days} takes, for hints. */
    public static final String DAY_HINT = "daily, or weekdays: mon, tue, wed, thu, fri, sat, sun";

    private static Map<String, DayOfWeek> dayWords() {
        Map<String, DayOfWeek> m = new java.util.LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            m.put(full.substring(0, 3), d);
            m.put(full, d);
        }
        return Map.copyOf(m);
    }

    /** A clock time as written ({@code 19:30}, {@code 7:05}); what a {@code time_of_day} capture keeps. */
    public static Optional<LocalTime> clock(String text) {
        var m = CLOCK.matcher(text.strip());
        return m.matches()
                ? Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    /** Whether {@code text} is exactly one placeholder, such as {@code {ritual_time}} or {@code {me.day}}. */
    public static boolean isOnePlaceholder(String text) {
        return ONE_PLACEHOLDER.matcher(text.strip()).matches();
    }

    /**
     * The weekdays named by {@code text}: {@code daily} (or {@code every day}), or weekday names and their first
     * three letters separated by commas or spaces ({@code "fri"}, {@code "mon, wed"}). Empty when a word is unknown.
     */
    public static Optional<Set<DayOfWeek>> days(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("daily") || t.equals("every day")) {
            return Optional.of(EnumSet.allOf(DayOfWeek.class));
        }
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String w : t.split("[,\\s]+", -1)) { // an empty part (before a leading comma, or of "") is skipped
            if (w.isEmpty()) {
                continue;
            }
            DayOfWeek d = DAY_WORDS.get(w);
            if (d == null) {
                return Optional.empty();
            }
            out.add(d);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
