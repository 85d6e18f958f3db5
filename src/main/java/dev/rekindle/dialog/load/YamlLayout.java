package dev.rekindle.dialog.load;

import dev.rekindle.dialog.load.YamlMistakes.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mistakes of layout that stop YAML at a line: a ':' inside an unquoted text, text after a closing quote, a
 * line indented more than the one above it, a key written without its ':', and a line indented to no level above
 * it. Each is named at the line to change, which is not always the line where the parser stopped.
 */
final class YamlLayout {

    private final List<YamlLine> lines;
    /** The line where the parser stopped, and its column (from 0, in code points). */
    private final int stop;

    private final int column;
    private final String problem;

    YamlLayout(List<YamlLine> lines, int stop, int column, String problem) {
        this.lines = lines;
        this.stop = stop;
        this.column = column;
        this.problem = problem;
    }

    /** A level a line can be indented to: where a key or a list item's '-' starts above it. */
    private record Level(int indent, String name) {}

    /** {@code unfinishedKey}: the line of a key the parser found no ':' for, or -1. */
    Optional<Finding> explain(int unfinishedKey) {
        if (unfinishedKey >= 0 && !lines.get(unfinishedKey).blank()) {
            YamlLine key = lines.get(unfinishedKey);
            return new YamlOutOfLine(lines, stop).blockTextNotDeeper(key).or(() -> Optional.of(YamlKeys.noColon(key)));
        }
        YamlLine at = lines.get(stop);
        if (at.blank()) {
            return Optional.empty();
        }
        Optional<Finding> inLine = colonInText(at).or(() -> afterQuote(at));
        int q = YamlMistakes.previous(lines, stop);
        if (inLine.isPresent() || q < 0) {
            return inLine;
        }
        YamlLine above = lines.get(q);
        YamlOutOfLine outOfLine = new YamlOutOfLine(lines, stop);
        YamlKeys keys = new YamlKeys(lines, stop);
        return outOfLine
                .outdentedKey(at, above)
                .or(() -> tooDeep(at, above))
                .or(() -> outOfLine.blockTextNotDeeper(at))
                .or(() -> keys.missingColon(at))
                .or(() -> keys.keyAmongItems(at))
                .or(() -> keys.itemAmongKeys(at, above))
                .or(() -> outOfLine.firstKeyTooDeep(at, above))
                .or(() -> outOfLine.blockTextFirstLineDeeper(at))
                .or(() -> between(at, above));
    }

    /** {@code say: Note: this}: the second ': ' starts a key in the middle of the text. */
    private Optional<Finding> colonInText(YamlLine at) {
        Optional<YamlLine.Key> k = at.key();
        if (!problem.contains("mapping values are not allowed")
                || k.isEmpty()
                || k.get().value().isEmpty()
                || at.indexOf(column) <= k.get().colon()
                || "\"'".indexOf(k.get().value().charAt(0)) >= 0) {
            return Optional.empty();
        }
        String v = k.get().value();
        String quoted = v.contains("\"") ? "'" + v.replace("'", "''") + "'" : "\"" + v + "\"";
        return Optional.of(new Finding(
                stop,
                at.column(at.valueStart()),
                "the text after '" + k.get().name() + ":' contains ': ', which YAML reads as the start of another key",
                "put the whole text in quotes: " + k.get().name() + ": " + quoted));
    }

    /** {@code say: "Hi" there}: YAML takes nothing after the quote that ends a text. */
    private Optional<Finding> afterQuote(YamlLine at) {
        int v = at.valueStart();
        if ((at.key().isEmpty() && !at.item()) || v >= at.raw().length()) {
            return Optional.empty();
        }
        char q = at.raw().charAt(v);
        int close = q == '"' || q == '\'' ? YamlMistakes.closing(at.raw(), v + 1, q) : -1;
        if (close < 0 || at.indexOf(column) <= close) {
            return Optional.empty();
        }
        int after = close + 1;
        while (after < at.raw().length() && at.raw().charAt(after) == ' ') {
            after++;
        }
        return Optional.of(new Finding(
                stop,
                at.column(after),
                "there is more text after the closing quote, and YAML takes nothing after a quoted text",
                "put all of the text inside the quotes"));
    }

    /** Where the keys of a line's mapping start: after the '-' of a list item that holds a key. */
    private static int base(YamlLine l) {
        return l.key().isPresent() ? l.afterDash() : l.indent();
    }

    /** A line deeper than a line that already has its value: YAML reads it as more of that value. */
    private Optional<Finding> tooDeep(YamlLine at, YamlLine above) {
        Optional<YamlLine.Key> k = above.key();
        if (at.indent() <= base(above) || above.opensBlock()) {
            return Optional.empty();
        }
        int content = above.afterDash();
        if (above.item()
                && k.isEmpty()
                && at.key().isPresent()
                && at.indent() == content
                && content < above.raw().length()
                && "{[\"'|>".indexOf(above.raw().charAt(content)) < 0) {
            return Optional.of(YamlKeys.noColon(above)); // '- label "Stop"' with 'to: done' under it
        }
        int line = above.index() + 1;
        String owner;
        String anchor;
        int anchorColumn;
        if (k.isPresent()) {
            owner = "the value of '" + k.get().name() + "' on line " + line;
            anchor = "'" + k.get().name() + "'";
            anchorColumn = above.column(k.get().start());
        } else {
            owner = above.item() ? "the list item on line " + line : "the text on line " + line;
            anchor = above.item() ? "the '-' on line " + line : "line " + line;
            anchorColumn = above.indent() + 1;
        }
        String what = at.key().map(x -> "'" + x.name() + "'").orElse(at.item() ? "its '-'" : "it");
        return Optional.of(new Finding(
                stop,
                at.indent() + 1,
                "this line is indented more than the one above it, so YAML reads it as part of " + owner,
                "align " + what + " with " + anchor + ", at column " + anchorColumn));
    }

    /** A line less indented than the one above it, but not as far as any key or '-' above it. */
    private Optional<Finding> between(YamlLine at, YamlLine above) {
        if (at.indent() >= base(above)) {
            return Optional.empty();
        }
        List<Level> levels = levels(above.index());
        Level lower = null;
        Level higher = null;
        for (Level l : levels) {
            if (l.indent() == at.indent()) {
                return Optional.empty();
            }
            if (l.indent() < at.indent() && (lower == null || l.indent() > lower.indent())) {
                lower = l;
            } else if (l.indent() > at.indent() && (higher == null || l.indent() < higher.indent())) {
                higher = l;
            }
        }
        List<String> choices = new ArrayList<>();
        for (Level l : new Level[] {lower, higher}) {
            if (l != null) {
                choices.add(l.name() + ", at column " + (l.indent() + 1));
            }
        }
        int n = at.indent();
        return Optional.of(new Finding(
                stop,
                n + 1,
                "this line is indented by " + n + (n == 1 ? " space" : " spaces")
                        + ", which lines it up with nothing above it, so YAML cannot tell what it belongs to",
                "align it with " + String.join(", or with ", choices)));
    }

    /** The levels open at a line: its own, and each less indented key or '-' above it, up to the file's left edge. */
    private List<Level> levels(int from) {
        List<Level> out = new ArrayList<>();
        int limit = Integer.MAX_VALUE;
        for (int k = from; k >= 0 && limit > 0; k--) {
            YamlLine l = lines.get(k);
            if (l.blank()
                    || l.indent() >= limit
                    || (l.key().isEmpty() && !l.item())
                    || YamlMistakes.partOfText(lines, l)) {
                continue;
            }
            l.key().ifPresent(x -> out.add(new Level(l.afterDash(), "'" + x.name() + "' on line " + (l.index() + 1))));
            if (l.item()) {
                out.add(new Level(l.indent(), "the '-' on line " + (l.index() + 1)));
            }
            limit = l.indent();
        }
        return out;
    }
}
