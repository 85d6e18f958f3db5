package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.Problems;
import dev.rekindle.dialog.validate.Suggest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to one YAML mapping, reporting what does not fit: unknown keys (with a suggestion), values
 * of the wrong type, missing required keys. Getters return null (or empty) after reporting, so a reader
 * can go on and find the next problem instead of stopping at the first.
 */
final class MappingReader {
    private static final String TEXT_HINT = "write a single value after the colon, e.g. to: summary";
    private static final String LIST_HINT = "write a list, e.g. [a, b], or one '- item' per line";
    private static final String MAP_HINT = "write 'name: value' pairs, indented under the key";

    private final YNode.Map map;
    private final String what;
    private final Problems problems;

    private MappingReader(YNode.Map map, String what, List<String> allowed, Problems problems) {
        this.map = map;
        this.what = what;
        this.problems = problems;
        for (YNode.Entry e : map.entries()) {
            if (!allowed.contains(e.key())) {
                problems.error(
                        e.keySource(),
                        "unknown key '" + e.key() + "' in " + what,
                        Suggest.hint(e.key(), allowed, "allowed keys here"));
            }
        }
    }

    /** A reader for {@code node}, which must be a mapping; anything else is reported and read as empty. */
    static MappingReader of(YNode node, String what, List<String> allowed, Problems problems) {
        if (node instanceof YNode.Map m) {
            return new MappingReader(m, what, allowed, problems);
        }
        problems.error(node.source(), what + " must be a mapping, not " + node.kind(), MAP_HINT);
        return new MappingReader(new YNode.Map(List.of(), node.source()), what, allowed, problems);
    }

    String what() {
        return what;
    }

    Source at() {
        return map.source();
    }

    boolean has(String key) {
        return map.entry(key) != null;
    }

    YNode node(String key) {
        YNode.Entry e = map.entry(key);
        return e == null ? null : e.value();
    }

    Source keyAt(String key) {
        YNode.Entry e = map.entry(key);
        return e == null ? map.source() : e.keySource();
    }

    List<YNode.Entry> entries() {
        return map.entries();
    }

    void missing(String key, String hint) {
        problems.error(map.source(), what + " has no '" + key + "'", hint);
    }

    void wrongType(String key, String expected, YNode found, String hint) {
        problems.error(
                found.source(), "'" + key + "' in " + what + " must be " + expected + ", not " + found.kind(), hint);
    }

    String text(String key) {
        YNode n = node(key);
        if (n == null) {
            return null;
        }
        return scalarText(key, n);
    }

    String requiredText(String key, String hint) {
        if (!has(key)) {
            missing(key, hint);
            return null;
        }
        return text(key);
    }

    /** The text of a scalar that must hold a value; used for list items and map values too. */
    String scalarText(String key, YNode n) {
        if (n instanceof YNode.Scalar s && !s.isNull()) {
            return s.value();
        }
        if (n instanceof YNode.Scalar) {
            problems.error(
                    n.source(),
                    "'" + key + "' in " + what + " is empty",
                    "write a value after '" + key + ":' or remove the key");
        } else {
            wrongType(key, "a single value", n, TEXT_HINT);
        }
        return null;
    }

    Optional<Boolean> flag(String key) {
        YNode n = node(key);
        if (n == null) {
            return Optional.empty();
        }
        if (n instanceof YNode.Scalar s && s.type().equals("bool")) {
            return Optional.of(Boolean.parseBoolean(s.value().toLowerCase(java.util.Locale.ROOT)));
        }
        String written = n instanceof YNode.Scalar s && !s.isNull() ? "'" + s.value() + "'" : n.kind();
        problems.error(
                n.source(),
                "'" + key + "' in " + what + " is " + written + ", but it can only be true or false",
                "write " + key + ": true or " + key
                        + ": false; yes, no, on and off are words in YAML, not true or false");
        return Optional.empty();
    }

    YNode.Map map(String key) {
        YNode n = node(key);
        if (n == null || n instanceof YNode.Map) {
            return (YNode.Map) n;
        }
        wrongType(key, "a mapping", n, MAP_HINT);
        return null;
    }

    YNode.Seq seq(String key) {
        YNode n = node(key);
        if (n == null || n instanceof YNode.Seq) {
            return (YNode.Seq) n;
        }
        wrongType(key, "a list", n, LIST_HINT);
        return null;
    }

    /** A list of single values; an absent key is an empty list. */
    List<String> texts(String key) {
        YNode.Seq seq = seq(key);
        List<String> out = new ArrayList<>();
        if (seq != null) {
            for (YNode item : seq.items()) {
                String t = scalarText(key, item);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** One value or a list of values ({@code increment: rounds} or {@code increment: [a, b]}). */
    List<String> textOrTexts(String key) {
        YNode n = node(key);
        if (n instanceof YNode.Scalar) {
            String t = scalarText(key, n);
            return t == null ? List.of() : List.of(t);
        }
        return texts(key);
    }

    /** A mapping of names to single values, e.g. {@code set: {mood: good, rounds: 0}}. */
    Map<String, String> scalars(String key) {
        YNode.Map m = map(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            for (YNode.Entry e : m.entries()) {
                String v = scalarText(e.key(), e.value());
                if (v != null) {
                    out.put(e.key(), v);
                }
            }
        }
        return out;
    }

    Message message(String key) {
        YNode n = node(key);
        if (n == null) {
            return null;
        }
        List<String> variants = new ArrayList<>();
        if (n instanceof YNode.Seq seq) {
            for (YNode item : seq.items()) {
                String t = scalarText(key, item);
                if (t != null) {
                    variants.add(t);
                }
            }
            if (seq.items().isEmpty()) {
                problems.error(
                        n.source(), "'" + key + "' in " + what + " has no variants", "write at least one message");
            }
        } else if (n instanceof YNode.Scalar) {
            String t = scalarText(key, n);
            if (t != null) {
                variants.add(t);
            }
        } else {
            wrongType(
                    key,
                    "a message (text, or a list of variants)",
                    n,
                    "write " + key + ": \"...\" or " + key + ": [\"...\", \"...\"]");
        }
        for (String v : variants) {
            if (v.isBlank()) {
                problems.error(
                        n.source(),
                        "'" + key + "' in " + what + " is an empty message",
                        "write what the bot should say, or remove the key");
            }
        }
        return variants.isEmpty() ? null : new Message(variants, n.source());
    }

    Message requiredMessage(String key, String hint) {
        if (!has(key)) {
            missing(key, hint);
            return null;
        }
        return message(key);
    }

    Integer whole(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            return Integer.valueOf(t.trim());
        } catch (NumberFormatException e) {
            problems.error(
                    node(key).source(),
                    "'" + key + "' in " + what + " must be a whole number, not '" + t + "'",
                    "write e.g. " + key + ": 10");
            return null;
        }
    }

    Double number(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(t.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.error(
                node(key).source(),
                "'" + key + "' in " + what + " must be a number, not '" + t + "'",
                "write e.g. " + key + ": 10");
        return null;
    }

    Duration duration(String key) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        Optional<Duration> d = Durations.parse(t);
        if (d.isPresent()) {
            return d.get();
        }
        String trimmed = t.trim();
        String message;
        if (trimmed.startsWith("-")) {
            message = "'" + key + "' in " + what + " is negative ('" + t + "'); a duration must be longer than zero";
        } else if (trimmed.matches("0+\\s*[smhd]")) {
            message = "'" + key + "' in " + what + " is zero ('" + t + "'); a duration must be longer than zero";
        } else {
            message = "'" + t + "' is not a duration ('" + key + "' in " + what + ")";
        }
        problems.error(
                node(key).source(),
                message,
                "write a whole number from 1 to 999999 and one unit s, m, h or d, e.g. 90s, 5m, 2h, 1d");
        return null;
    }

    /** One of a fixed set of words, e.g. {@code audience: private}. */
    <E> E choice(String key, Map<String, E> options) {
        String t = text(key);
        if (t == null) {
            return null;
        }
        E e = options.get(t);
        if (e == null) {
            String hint = Suggest.closest(t, options.keySet())
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse("write one of: " + String.join(", ", options.keySet()));
            problems.error(
                    node(key).source(),
                    "'" + t + "' is not a valid '" + key + "' in " + what + " (one of "
                            + String.join(", ", options.keySet()) + ")",
                    hint);
        }
        return e;
    }

    /** Enum constants by their YAML spelling (lower case), in declaration order, for {@link #choice}. */
    static <E extends Enum<E>> Map<String, E> options(E[] values) {
        Map<String, E> out = new LinkedHashMap<>();
        for (E e : values) {
            out.put(e.name().toLowerCase(java.util.Locale.ROOT), e);
        }
        return out;
    }
}
