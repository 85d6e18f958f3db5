package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each key and value of one file was written, by path (e.g. {@code states, intro, buttons, 0, to}).
 * The model keeps one Source per record; the validator needs finer positions (the value of {@code to},
 * a character inside a message), so the loader hands them over here. A path that does not exist falls
 * back to its nearest written ancestor, so a problem always points somewhere sensible.
 */
public final class Locations {

    /** Maps an offset inside a scalar's value to the place in the file where that character was written. */
    @FunctionalInterface
    public interface InsideText {
        Source at(int offset);
    }

    private record Spot(Source key, Source value, InsideText inside, String text) {}

    private final String file;
    private final Map<List<String>, Spot> spots;

    private Locations(String file, Map<List<String>, Spot> spots) {
        this.file = file;
        this.spots = spots;
    }

    /** Locations that know nothing but the file: every lookup gives line 1, column 1. */
    public static Locations fileOnly(String file) {
        return new Locations(file, Map.of());
    }

    public static Builder builder(String file) {
        return new Builder(file);
    }

    public String file() {
        return file;
    }

    public boolean has(Object... path) {
        return spots.containsKey(keyOf(path));
    }

    /** Where the key at this path was written (for list items: where the item starts). */
    public Source key(Object... path) {
        return nearest(keyOf(path)).key();
    }

    /** Where the value at this path starts. */
    public Source value(Object... path) {
        return nearest(keyOf(path)).value();
    }

    /** Where the character at {@code offset} of the (scalar) value at this path was written, when known. */
    public Source inValue(int offset, Object... path) {
        List<String> k = keyOf(path);
        Spot exact = spots.get(k);
        if (exact == null) {
            return nearest(k).value();
        }
        return exact.inside() == null ? exact.value() : exact.inside().at(offset);
    }

    /** The written text of the scalar at this path, when there is one. */
    public Optional<String> text(Object... path) {
        Spot s = spots.get(keyOf(path));
        return s == null ? Optional.empty() : Optional.ofNullable(s.text());
    }

    private Spot nearest(List<String> path) {
        for (int n = path.size(); n > 0; n--) {
            Spot s = spots.get(path.subList(0, n));
            if (s != null) {
                return s;
            }
        }
        Source top = Source.of(file, 1, 1);
        return new Spot(top, top, null, null);
    }

    private static List<String> keyOf(Object... path) {
        List<String> out = new ArrayList<>(path.length);
        for (Object o : path) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /** Filled by the loader while it walks the YAML tree. */
    public static final class Builder {
        private final String file;
        private final Map<List<String>, Spot> spots = new HashMap<>();

        private Builder(String file) {
            this.file = file;
        }

        /** {@code text} is the scalar's value (null for lists and mappings). */
        public Builder put(List<String> path, Source key, Source value, InsideText inside, String text) {
            spots.put(List.copyOf(path), new Spot(key, value, inside, text));
            return this;
        }

        public Locations build() {
            return new Locations(file, Map.copyOf(spots));
        }
    }
}
