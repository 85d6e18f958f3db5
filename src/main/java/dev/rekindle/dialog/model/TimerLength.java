package dev.rekindle.dialog.model;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A timer length written with a variable, {@code after: "{minutes}m"}: one placeholder naming a variable
 * of the dialog (never a private answer), with text around it. The validator makes sure the variable is
 * declared under {@code variables:} with a value that gives a duration, so there is always a length to
 * fall back on when a value set at run time does not give one.
 */
public final class TimerLength {
    private TimerLength() {}

    /** Whether an {@code after:} as written takes its length from a variable. */
    public static boolean usesVariable(String written) {
        return written != null && written.indexOf('{') >= 0;
    }

    /** {@code written} with {@code {name}} replaced by its value in {@code vars}, read as a duration. */
    public static Optional<Duration> fill(String written, Map<String, String> vars) {
        return filledText(written, vars).flatMap(Durations::parse);
    }

    /** {@code written} with its placeholder replaced by the value in {@code vars}; empty when one has none. */
    public static Optional<String> filledText(String written, Map<String, String> vars) {
        Template t;
        try {
            t = Template.parse(written);
        } catch (Template.SyntaxException e) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        for (Template.Segment s : t.segments()) {
            if (s instanceof Template.Literal l) {
                b.append(l.text());
            } else if (s instanceof Template.Placeholder p) {
                String v = p.ref().who() == null ? vars.get(p.ref().field()) : null;
                if (v == null) {
                    return Optional.empty();
                }
                b.append(v.trim());
            }
        }
        return Optional.of(b.toString());
    }
}
