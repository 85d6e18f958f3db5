package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.Locations;
import dev.rekindle.dialog.validate.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns the text of one file into a {@link YNode} tree, refusing what a dialog never needs and an attacker
 * might use: huge files, alias bombs, deep nesting, custom tags. Duplicate keys are reported here (YAML
 * would silently keep the last one, hiding a therapist's mistake).
 *
 * <p>Public only for {@link #compose}, through which the other YAML files of the project (conversation
 * transcripts) are read with the same limits.
 */
public final class SafeYaml {
    static final int MAX_CHARS = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 40;

    private static final Set<String> STANDARD_TAGS = Set.of(
            "!",
            Tag.STR.getValue(),
            Tag.INT.getValue(),
            Tag.FLOAT.getValue(),
            Tag.BOOL.getValue(),
            Tag.NULL.getValue(),
            Tag.SEQ.getValue(),
            Tag.MAP.getValue());

    private final String file;
    private final String content;
    private final Problems problems;
    private final boolean refuseTags;
    private final String[] lines;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private SafeYaml(String file, String content, Problems problems, boolean refuseTags) {
        this.file = file;
        this.content = content;
        this.problems = problems;
        this.refuseTags = refuseTags;
        this.lines = content.split("\r\n|\r|\n", -1);
    }

    /** The tree of the file, or empty when it cannot be read (the reason is in problems). */
    static Optional<YNode> parse(String file, String content, Problems problems) {
        return new SafeYaml(file, content, problems, true).parse();
    }

    /**
     * The node tree of a YAML file that is not a dialog (a conversation transcript), read with the limits and
     * settings a dialog is read with: size, aliases, nesting, no recursive keys. Empty when the file breaks a
     * limit (the reason is in {@code problems}, counted from line 1) or holds no document (nothing added). Tags
     * are left to the caller, which only composes nodes, so no tag can construct anything. A syntax error is
     * thrown as snakeyaml's exception, for the caller to word.
     */
    public static Optional<Node> compose(String file, String content, Problems problems) {
        SafeYaml reader = new SafeYaml(file, content, problems, false);
        if (reader.tooLarge() || !reader.eventsAreSafe()) {
            return Optional.empty();
        }
        return new Compose(settings()).composeString(content);
    }

    private static LoadSettings settings() {
        return LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
                .setCodePointLimit(MAX_CHARS + 16)
                .setUseMarks(true)
                .build();
    }

    private boolean tooLarge() {
        if (content.length() > MAX_CHARS) {
            problems.error(
                    Source.of(file, 1, 1),
                    "file is larger than 1 MiB",
                    "split it into several dialogs; a dialog file is normally a few kilobytes");
            return true;
        }
        return false;
    }

    private Optional<YNode> parse() {
        if (tooLarge()) {
            return Optional.empty();
        }
        try {
            if (!eventsAreSafe()) {
                return Optional.empty();
            }
            Optional<Node> root = new Compose(settings()).composeString(content);
            if (root.isEmpty()) {
                problems.error(
                        Source.of(file, 1, 1), "file is empty", "write a dialog (id:, title:, ...) or remove the file");
                return Optional.empty();
            }
            return Optional.ofNullable(convert(root.get(), new ArrayList<>()));
        } catch (MarkedYamlEngineException e) {
            YamlMistakes.Explained x = YamlMistakes.explain(file, lines, e);
            problems.error(x.at(), x.message(), x.hint());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.error(
                    Source.of(file, 1, 1), "YAML cannot read this file: " + YamlMistakes.oneLine(e.getMessage()), null);
            return Optional.empty();
        }
    }

    /** One pass over the events, before building nodes: tags (of dialogs), aliases and nesting, each with its position. */
    private boolean eventsAreSafe() {
        int aliases = 0;
        int depth = 0;
        boolean safe = true;
        AliasExpansion expansion = new AliasExpansion();
        for (Event e : new Parse(settings()).parseString(content)) {
            if (!expansion.accept(e)) {
                problems.error(
                        at(e),
                        "the aliases (*name) up to here repeat more than " + AliasExpansion.MAX_VALUES + " values",
                        "write the values out, or repeat fewer; an alias of a list that holds aliases repeats all of them");
                return false;
            }
            Optional<String> tag = Optional.empty();
            if (e instanceof ScalarEvent s) {
                tag = s.getTag();
            } else if (e instanceof CollectionStartEvent c) {
                tag = c.getTag();
                depth++;
                if (depth > MAX_DEPTH) {
                    problems.error(
                            at(e),
                            "values are nested more than " + MAX_DEPTH + " levels deep",
                            "a dialog needs only a few levels; check the indentation");
                    return false;
                }
            } else if (e instanceof CollectionEndEvent) {
                depth--;
            } else if (e instanceof AliasEvent) {
                aliases++;
                if (aliases > MAX_ALIASES) {
                    problems.error(
                            at(e),
                            "too many aliases (*name): at most " + MAX_ALIASES + " per file",
                            "write the values out instead of repeating aliases");
                    return false;
                }
            }
            if (refuseTags && tag.isPresent() && !STANDARD_TAGS.contains(tag.get())) {
                problems.error(
                        at(e),
                        "tag '" + shortTag(tag.get()) + "' is not allowed in dialog files",
                        "remove the tag and write the value as plain text, a list or a mapping");
                safe = false; // go on: report every tag of the file at once
            }
        }
        return safe;
    }

    private YNode convert(Node node, List<String> path) {
        if (!inProgress.add(node)) {
            problems.error(source(node), "an alias refers to a value that contains it", "write the value out instead");
            return null;
        }
        try {
            if (node instanceof ScalarNode s) {
                return scalar(s);
            }
            if (node instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>();
                for (int i = 0; i < seq.getValue().size(); i++) {
                    path.add(String.valueOf(i));
                    YNode item = convert(seq.getValue().get(i), path);
                    path.remove(path.size() - 1);
                    if (item != null) {
                        items.add(item);
                    }
                }
                return new YNode.Seq(items, source(node));
            }
            return mapping((MappingNode) node, path);
        } finally {
            inProgress.remove(node);
        }
    }

    private YNode.Map mapping(MappingNode node, List<String> path) {
        List<YNode.Entry> entries = new ArrayList<>();
        // by key, so that a file of many keys is not compared key by key with every earlier one
        java.util.Map<String, YNode.Entry> byKey = new java.util.HashMap<>();
        for (NodeTuple t : node.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || ks.getTag().equals(Tag.NULL)) {
                problems.error(source(k), "a key must be a plain name", "write 'name: value'");
                continue;
            }
            String key = ks.getValue();
            YNode.Entry first = byKey.get(key);
            if (first != null) {
                reportDuplicate(path, key, source(k), first.keySource());
                continue;
            }
            path.add(key);
            YNode value = convert(t.getValueNode(), path);
            path.remove(path.size() - 1);
            if (value != null) {
                YNode.Entry entry = new YNode.Entry(key, source(k), value);
                entries.add(entry);
                byKey.put(key, entry);
            }
        }
        return new YNode.Map(entries, source(node));
    }

    private void reportDuplicate(List<String> path, String key, Source second, Source first) {
        if (path.size() == 1 && path.get(0).equals("states")) {
            problems.error(
                    second,
                    "state '" + key + "' is defined twice (first at line " + first.line() + ")",
                    "rename one of them or merge them");
        } else {
            problems.error(
                    second,
                    "key '" + key + "' appears twice in the same mapping (first at line " + first.line() + ")",
                    "keep only one; YAML would silently use the last");
        }
    }

    private YNode.Scalar scalar(ScalarNode s) {
        String type = typeName(s.getTag());
        return new YNode.Scalar(s.getValue(), type, source(s), inside(s));
    }

    private static String typeName(Tag tag) {
        if (tag.equals(Tag.NULL)) return "null";
        if (tag.equals(Tag.INT)) return "int";
        if (tag.equals(Tag.FLOAT)) return "float";
        if (tag.equals(Tag.BOOL)) return "bool";
        return "str";
    }

    /**
     * Maps an offset in a scalar's value to its place in the file, for the styles where the value is the
     * written text verbatim (plain or quoted on one line without escapes, or a literal block); otherwise
     * the scalar's start is the best we can say.
     */
    private Locations.InsideText inside(ScalarNode s) {
        Optional<Mark> start = s.getStartMark();
        Optional<Mark> end = s.getEndMark();
        if (start.isEmpty() || end.isEmpty()) {
            return null;
        }
        int line = start.get().getLine();
        int col = start.get().getColumn();
        String value = s.getValue();
        ScalarStyle style = s.getScalarStyle();
        boolean quoted = style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
        if ((style == ScalarStyle.PLAIN || quoted) && end.get().getLine() == line) {
            int open = quoted ? 1 : 0;
            String written = slice(line, col + open, end.get().getColumn() - open);
            if (value.equals(written)) {
                return offset ->
                        Source.of(file, line + 1, col + open + 1 + value.codePointCount(0, clamp(offset, value)));
            }
        } else if (style == ScalarStyle.LITERAL) {
            return offset -> literalAt(line, value, clamp(offset, value)).orElse(source(s));
        }
        return null;
    }

    private Optional<Source> literalAt(int headerLine, String value, int offset) {
        int lineStart = value.lastIndexOf('\n', offset - 1) + 1;
        int k = (int)
                value.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int lineEnd = value.indexOf('\n', lineStart);
        String valueLine = value.substring(lineStart, lineEnd < 0 ? value.length() : lineEnd);
        int rawIndex = headerLine + 1 + k;
        if (rawIndex >= lines.length || !lines[rawIndex].endsWith(valueLine)) {
            return Optional.empty();
        }
        String raw = lines[rawIndex];
        int indent = raw.codePointCount(0, raw.length()) - valueLine.codePointCount(0, valueLine.length());
        return Optional.of(Source.of(file, rawIndex + 1, indent + 1 + valueLine.codePointCount(0, offset - lineStart)));
    }

    private static int clamp(int offset, String value) {
        return Math.max(0, Math.min(offset, value.length()));
    }

    /** Code points {@code from} (inclusive) to {@code to} (exclusive) of a line, or null when out of range. */
    private String slice(int line, int from, int to) {
        if (line >= lines.length || from < 0 || to < from) {
            return null;
        }
        String l = lines[line];
        if (to > l.codePointCount(0, l.length())) {
            return null;
        }
        return l.substring(l.offsetByCodePoints(0, from), l.offsetByCodePoints(0, to));
    }

    private Source source(Node n) {
        return n.getStartMark().map(this::source).orElse(Source.of(file, 1, 1));
    }

    private Source at(Event e) {
        return e.getStartMark().map(this::source).orElse(Source.of(file, 1, 1));
    }

    private Source source(Mark m) {
        return Source.of(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private static String shortTag(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }
}
