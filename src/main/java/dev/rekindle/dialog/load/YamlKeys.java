package dev.rekindle.dialog.load;

import dev.rekindle.dialog.load.YamlMistakes.Finding;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Keys written without their ':', and keys and list items mixed up at one column. */
final class YamlKeys {
    private static final Pattern NO_SPACE = Pattern.compile("([^\\s:\"'{\\[]+):(\\S.*)");

    private final List<YamlLine> lines;
    /** The line where the parser stopped. */
    private final int stop;

    YamlKeys(List<YamlLine> lines, int stop) {
        this.lines = lines;
        this.stop = stop;
    }

    /**
     * {@code say "Hi"} or {@code say:"Hi"} where a key was meant: on the line where the parser stopped, on the line
     * whose text the parser read on into this one, or on the line above it at the same level.
     */
    Optional<Finding> missingColon(YamlLine at) {
        if (keyless(at)) {
            return Optional.of(noColon(at));
        }
        for (boolean sameLevel : new boolean[] {false, true}) {
            int i = YamlMistakes.previous(lines, stop);
            while (i >= 0
                    && (sameLevel
                            ? lines.get(i).indent() > at.indent()
                            : lines.get(i).indent() >= at.indent())) {
                i = YamlMistakes.previous(lines, i);
            }
            if (i >= 0 && keyless(lines.get(i))) {
                return Optional.of(noColon(lines.get(i)));
            }
        }
        return Optional.empty();
    }
    /** A line that is neither 'key: value' nor a list item, and does not go on with a text above it. */
    private boolean keyless(YamlLine l) {
        return !l.blank() && l.key().isEmpty() && !l.item() && !YamlMistakes.partOfText(lines, l);
    }

    /** The finding for a line (or the part of a list item after its '-') that lacks the ':' after its key. */
    static Finding noColon(YamlLine above) {
        String body = above.raw().substring(above.afterDash()).strip();
        Matcher m = NO_SPACE.matcher(body);
        if (m.matches()) {
            return new Finding(
                    above.index(),
                    above.column(above.afterDash() + m.group(1).length() + 1),
                    "there is no space after '" + m.group(1) + ":', so YAML does not read this line as 'key: value'",
                    "write a space after the colon: " + m.group(1) + ": " + m.group(2));
        }
        int space = body.indexOf(' ');
        String word = space < 0 ? body : body.substring(0, space);
        String rest = space < 0 ? "<value>" : body.substring(space + 1).strip();
        return new Finding(
                above.index(),
                above.column(above.afterDash() + word.length()),
                "'" + word + "' has no ':' after it, so YAML does not read this line as 'key: value'",
                "write " + word + ": " + rest);
    }

    /** A key at the column of the '-' of the list items above it, where YAML expects another item. */
    Optional<Finding> keyAmongItems(YamlLine at) {
        Optional<YamlLine.Key> k = at.key();
        int i = YamlMistakes.previous(lines, stop);
        while (i >= 0 && lines.get(i).indent() > at.indent()) {
            i = YamlMistakes.previous(lines, i);
        }
        if (k.isEmpty()
                || at.item()
                || i < 0
                || !lines.get(i).item()
                || lines.get(i).indent() != at.indent()) {
            return Optional.empty();
        }
        int o = i;
        while (o >= 0 && (lines.get(o).blank() || lines.get(o).indent() >= at.indent())) {
            o--;
        }
        String list = o < 0
                ? "the list"
                : lines.get(o).key().map(x -> "'" + x.name() + "'").orElse("the list");
        String align = o < 0
                ? "start it with '- ' to make it an item of the list"
                : "align '" + k.get().name() + "' with " + list + ", to column "
                        + (lines.get(o).afterDash() + 1) + ", to make it a key beside " + list;
        return Optional.of(new Finding(
                stop,
                at.indent() + 1,
                "this line is indented like the items of " + list + " above it, so YAML expects another '- ' item"
                        + " here, not a key",
                align));
    }
    /** A list item ('- ') at the column of the keys above it, where YAML expects another key. */
    Optional<Finding> itemAmongKeys(YamlLine at, YamlLine above) {
        if (!at.item() || above.item() || above.key().isEmpty() || above.indent() != at.indent()) {
            return Optional.empty();
        }
        int i = YamlMistakes.previous(lines, above.index());
        while (i >= 0 && !(lines.get(i).item() && lines.get(i).indent() < at.indent())) {
            i = lines.get(i).indent() < at.indent() ? -1 : YamlMistakes.previous(lines, i);
        }
        String hint = i < 0
                ? "remove the '- ', or indent the list under the key it belongs to"
                : "line its '-' up with the '-' on line " + (i + 1) + ", at column "
                        + (lines.get(i).indent() + 1);
        return Optional.of(new Finding(
                stop,
                at.indent() + 1,
                "this list item ('- ') is indented like the keys above it, so YAML expects another key here",
                hint));
    }
}
