package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.Locations;
import java.util.List;

/**
 * A YAML value with the place it was written: the parsed file as the readers see it, already checked
 * for duplicate keys, tags and aliases, so that readers only deal with the shape of the dialog.
 */
sealed interface YNode {

    Source source();

    /** How the value reads in a sentence: "text", "a list", "a mapping", "empty". */
    String kind();

    /**
     * A single value. {@code type} is the YAML type it resolved to (str, int, float, bool, null);
     * {@code inside} maps an offset in {@code value} back to the file, for pointing at one character.
     */
    record Scalar(String value, String type, Source source, Locations.InsideText inside) implements YNode {
        public boolean isNull() {
            return "null".equals(type);
        }

        @Override
        public String kind() {
            return isNull() ? "empty" : "text";
        }

        public Source at(int offset) {
            return inside == null ? source : inside.at(offset);
        }
    }

    record Seq(List<YNode> items, Source source) implements YNode {
        public Seq {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    record Map(List<Entry> entries, Source source) implements YNode {
        public Map {
            entries = List.copyOf(entries);
        }

        public Entry entry(String key) {
            for (Entry e : entries) {
                if (e.key().equals(key)) {
                    return e;
                }
            }
            return null;
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, Source keySource, YNode value) {}
}
