package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Validation;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks captured free text against a state's validation; returns the value to store, or empty when it fails. */
final class AnswerCheck {
    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?:[:.h](\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?");

    private AnswerCheck() {}

    static Optional<String> accept(Validation v, String raw) {
        String text = raw.strip();
        if (v == null) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        if (v instanceof Validation.Length len) {
            int n = text.codePointCount(0, text.length());
            return n >= len.min() && n <= len.max() ? Optional.of(text) : Optional.empty();
        }
        if (v instanceof Validation.NumberRange range) {
            try {
                double d = Double.parseDouble(text.replace(',', '.'));
                if (d < range.min() || d > range.max() || Double.isNaN(d)) {
                    return Optional.empty();
                }
                return Optional.of(d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return timeOfDay(text);
    }

    static Optional<String> timeOfDay(String text) {
        Matcher m = TIME.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int h = Integer.parseInt(m.group(1));
        int min = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        String half = m.group(3);
        if (half != null) {
            if (h < 1 || h > 12) {
                return Optional.empty();
            }
            boolean pm = half.startsWith("p");
            h = h % 12 + (pm ? 12 : 0);
        } else if (m.group(2) == null) {
            // a bare number such as "7" is too ambiguous to be a time
            return Optional.empty();
        }
        if (h > 23 || min > 59) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%02d:%02d", h, min));
    }
}
