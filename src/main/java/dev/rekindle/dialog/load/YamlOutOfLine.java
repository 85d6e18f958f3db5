package dev.rekindle.dialog.load;

import dev.rekindle.dialog.load.YamlMistakes.Finding;
import java.util.List;
import java.util.Optional;

/**
 * Two lines that disagree about their indentation, where the line out of line is not the one the parser stopped
 * at: the first key under an empty key, or the first line of a |- text, sets the column of those after it.
 */
final class YamlOutOfLine {
    private final List<YamlLine> lines;
    /** The line where the parser stopped. */
    private final int stop;

    YamlOutOfLine(List<YamlLine> lines, int stop) {
        this.lines = lines;
        this.stop = stop;
    }

    /**
     * A key indented like the empty key above it, with a deeper line after it: it was meant inside that key
     * ({@code a:} / {@code say: "Hi"} / {@code   to: b}), so the mistake is the line that is not indented enough.
     */
    Optional<Finding> outdentedKey(YamlLine at, YamlLine above) {
        int r = YamlMistakes.previous(lines, above.index());
        Optional<YamlLine.Key> k = above.key();
        if (r < 0
                || at.indent() <= above.indent()
                || above.item()
                || k.isEmpty()
                || k.get().value().isEmpty()) {
            return Optional.empty();
        }
        YamlLine owner = lines.get(r);
        if (!owner.opensBlock() || owner.afterDash() != above.indent()) {
            return Optional.empty();
        }
        String name = owner.key().orElseThrow().name();
        return Optional.of(new Finding(
                above.index(),
                above.indent() + 1,
                "this line is indented like '" + name + "' on line " + (r + 1) + ", so YAML reads '"
                        + k.get().name() + "' as a key beside '" + name + "' instead of inside it",
                "indent '" + k.get().name() + "' more than '" + name + "', to column " + (at.indent() + 1)
                        + " like line " + (stop + 1)));
    }
    /**
     * The first key (or list item) under an empty key, indented deeper than the ones after it: the first sets the
     * column of them all, so the parser stops at the second, but the one out of line is the first.
     */
    Optional<Finding> firstKeyTooDeep(YamlLine at, YamlLine above) {
        int r = YamlMistakes.previous(lines, above.index());
        boolean keys = above.key().isPresent() && !above.item() && at.key().isPresent() && !at.item();
        if (r < 0 || !(keys || (above.item() && at.item())) || at.indent() >= above.indent()) {
            return Optional.empty();
        }
        YamlLine owner = lines.get(r);
        if (!owner.opensBlock() || owner.afterDash() > at.indent() || !followedAt(at.indent())) {
            return Optional.empty(); // nothing shows which of the two is out of line
        }
        String name = owner.key().orElseThrow().name();
        String what = keys ? "key" : "item";
        return Optional.of(new Finding(
                above.index(),
                above.indent() + 1,
                "this line is indented more than line " + (stop + 1) + " below it, and the first " + what + " under '"
                        + name + "' sets the column of all its " + what + "s, so YAML cannot place line " + (stop + 1),
                "indent " + (keys ? "'" + above.key().orElseThrow().name() + "'" : "its '-'") + " like line "
                        + (stop + 1) + ", to column " + (at.indent() + 1)));
    }
    /** The first line of a |- text indented deeper than the lines after it: the first sets the text's column. */
    Optional<Finding> blockTextFirstLineDeeper(YamlLine at) {
        int k = YamlMistakes.previous(lines, stop);
        while (k >= 0 && lines.get(k).indent() >= at.indent()) {
            k = YamlMistakes.previous(lines, k);
        }
        int first = k + 1;
        while (first < stop && lines.get(first).blank()) {
            first++;
        }
        if (k < 0
                || !lines.get(k).startsBlockText()
                || first >= stop
                || lines.get(first).indent() <= at.indent()
                || YamlMistakes.previous(lines, stop) != first) {
            return Optional.empty(); // only a first line alone at its column shows it is the one out of line
        }
        String name = lines.get(k).key().map(YamlLine.Key::name).orElse("the '-'");
        return Optional.of(new Finding(
                first,
                lines.get(first).indent() + 1,
                "this first line of the text of '" + name + "' is indented more than line " + (stop + 1)
                        + ", and the first line sets the column of the whole text, so YAML cannot place line "
                        + (stop + 1),
                "indent it like line " + (stop + 1) + ", to column " + (at.indent() + 1)));
    }
    /** {@code say: |-} with its lines no deeper than {@code say}: the text is empty, and its lines read as keys. */
    Optional<Finding> blockTextNotDeeper(YamlLine at) {
        int i = YamlMistakes.previous(lines, at.index());
        while (i >= 0 && lines.get(i).indent() > at.indent()) {
            i = YamlMistakes.previous(lines, i);
        }
        if (i < 0 || !lines.get(i).startsBlockText() || lines.get(i).afterDash() != at.indent()) {
            return Optional.empty();
        }
        YamlLine block = lines.get(i);
        String key = block.key().map(YamlLine.Key::name).orElse("the '-'");
        int first = i + 1;
        while (first < at.index() && lines.get(first).blank()) {
            first++;
        }
        return Optional.of(new Finding(
                first,
                lines.get(first).indent() + 1,
                "the text of '" + key + "' on line " + (i + 1) + " must be indented more than '" + key
                        + "', but this line is not, so YAML does not read it as part of the text",
                "indent the lines of the text by two more spaces, to column " + (block.afterDash() + 3)));
    }
    /** The next line at or left of {@code indent}, after the stop, is at exactly {@code indent}. */
    private boolean followedAt(int indent) {
        int next = stop + 1;
        while (next < lines.size()
                && (lines.get(next).blank() || lines.get(next).indent() > indent)) {
            next++;
        }
        return next < lines.size() && lines.get(next).indent() == indent;
    }
}
