package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A YAML syntax error in plain words, at the line where the mistake is. The parser notices a mistake where it can
 * no longer go on, often a line later and in its own words ("expected &lt;block end&gt;"); these rules read the
 * lines around that place to name what a person did: a tab, a quote left open, a missing ':', a line indented too
 * far or too little. What no rule recognises keeps the parser's words, at the parser's place.
 */
final class YamlMistakes {

    /** Where the mistake is, what happened, and what to write instead. */
    record Explained(Source at, String message, String hint) {}

    private final String file;
    private final List<YamlLine> lines = new ArrayList<>();
    private final MarkedYamlEngineException e;
    /** The line and column (from 0, in code points) where the parser stopped. */
    private final int line;

    private final int column;

    private YamlMistakes(String file, String[] raw, MarkedYamlEngineException e) {
        this.file = file;
        for (int i = 0; i < raw.length; i++) {
            lines.add(new YamlLine(i, raw[i]));
        }
        this.e = e;
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        this.line = Math.max(0, Math.min(mark.map(Mark::getLine).orElse(0), raw.length - 1));
        this.column = mark.map(Mark::getColumn).orElse(0);
    }

    static Explained explain(String file, String[] lines, MarkedYamlEngineException e) {
        YamlMistakes m = new YamlMistakes(file, lines, e);
        return m.tab()
                .or(m::unclosedQuote)
                .or(m::specialStart)
                .or(m::secondDocument)
                .or(m::flowCollection)
                .or(() -> new YamlLayout(m.lines, m.line, m.column, m.problem()).explain(m.unfinishedKey()))
                .map(x -> new Explained(Source.of(file, x.line() + 1, x.column()), x.message(), x.hint()))
                .orElseGet(m::inParserWords);
    }

    /** A finding of a rule: the line (from 0) and column (from 1) of the mistake, in plain words. */
    record Finding(int line, int column, String message, String hint) {}

    /**
     * The line of a key whose ':' the parser looked for in vain ("could not find expected ':'", while scanning a
     * simple key), which it names only as the context of an error on a later line; -1 for other errors.
     */
    private int unfinishedKey() {
        boolean key =
                problem().contains("could not find expected ':'") && context().contains("simple key");
        return key
                ? e.getContextMark()
                        .map(Mark::getLine)
                        .filter(l -> l < lines.size())
                        .orElse(-1)
                : -1;
    }

    private String problem() {
        return e.getProblem() == null ? "" : e.getProblem();
    }

    private String context() {
        return e.getContext() == null ? "" : e.getContext();
    }

    /** The line before {@code i} that holds something (not blank, not only a comment); -1 when none does. */
    static int previous(List<YamlLine> lines, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (!lines.get(k).blank()) {
                return k;
            }
        }
        return -1;
    }

    /** The line continues a text begun above it (a text over several lines, or a |- block). */
    static boolean partOfText(List<YamlLine> lines, YamlLine l) {
        for (int k = l.index() - 1; k >= 0; k--) {
            YamlLine owner = lines.get(k);
            if (!owner.blank() && owner.indent() < l.indent()) {
                boolean inItem = owner.item()
                        && (owner.key().isPresent()
                                ? l.indent() == owner.afterDash()
                                : owner.afterDash() >= owner.raw().length());
                return !owner.opensBlock() && !inItem;
            }
        }
        return false;
    }

    private Optional<Finding> tab() {
        boolean named = problem().toLowerCase(Locale.ROOT).contains("tab");
        int q = previous(lines, line);
        for (int i = 0; i <= line; i++) {
            int tab = lines.get(i).tabInIndent();
            if (tab >= 0 && (named || i == line || i == q)) {
                return Optional.of(new Finding(
                        i,
                        lines.get(i).column(tab),
                        "this line is indented with a tab, but YAML allows only spaces for indentation",
                        "replace the tab with spaces; most editors can insert spaces when you press Tab"));
            }
        }
        if (named) {
            return Optional.of(new Finding(
                    line,
                    column + 1,
                    "there is a tab here, where YAML allows only spaces",
                    "replace the tab with spaces"));
        }
        return Optional.empty();
    }

    /**
     * A quote opened on a line and not closed there: YAML goes on reading the next lines as text until it finds a
     * quote, so the parser stops lines later. A text over several lines in quotes is valid YAML, so the open quote
     * is the mistake only when the text it starts would swallow a key or a list item, would never end, or ends
     * with more after the closing quote.
     */
    private Optional<Finding> unclosedQuote() {
        for (int l = 0; l <= line; l++) {
            YamlLine at = lines.get(l);
            int v = at.valueStart();
            if (at.blank()
                    || (at.key().isEmpty() && !at.item())
                    || v >= at.raw().length()) {
                continue;
            }
            char q = at.raw().charAt(v);
            if ((q != '"' && q != '\'') || closing(at.raw(), v + 1, q) >= 0) {
                continue;
            }
            int endLine = -1;
            int endIndex = -1;
            boolean swallows = false;
            for (int k = l + 1; k < lines.size() && endLine < 0; k++) {
                YamlLine next = lines.get(k);
                swallows |= !next.blank() && (next.key().isPresent() || next.item());
                endIndex = closing(next.raw(), 0, q);
                endLine = endIndex >= 0 ? k : -1;
            }
            boolean trailing = endLine >= 0
                    && !lines.get(endLine).raw().substring(endIndex + 1).isBlank()
                    && !lines.get(endLine).raw().substring(endIndex + 1).strip().startsWith("#");
            // a quote that closed well before the parser stopped is not what stopped it
            boolean near = endLine < 0 || line <= endLine + 1;
            if (near && (endLine < 0 || swallows || trailing)) {
                return Optional.of(new Finding(
                        l,
                        at.column(v),
                        "the quote opened here is not closed on this line, so YAML reads the lines after it as part"
                                + " of the text",
                        "end the text with " + q + " on this line; for a text over several lines, write |- and put"
                                + " the lines under it, indented"));
            }
            l = endLine;
        }
        return Optional.empty();
    }

    /** Where the quote that ends a quoted text opened before {@code from} is; -1 when it does not end on the line. */
    static int closing(String raw, int from, char quote) {
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < raw.length() && raw.charAt(i + 1) == '\'') {
                    i++; // '' is a quote inside single quotes
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code found character '@' that cannot start any token}. */
    private Optional<Finding> specialStart() {
        String p = problem();
        int open = p.indexOf('\'');
        int close = p.indexOf('\'', open + 1);
        if (!p.contains("cannot start any token") || open < 0 || close < 0) {
            return Optional.empty();
        }
        String c = p.substring(open + 1, close);
        return Optional.of(new Finding(
                line,
                column + 1,
                "a value cannot start with '" + c + "' unless it is in quotes",
                "put the value in quotes, e.g. say: \"" + c + "...\""));
    }

    private Optional<Finding> secondDocument() {
        if (!problem().contains("another document") && !problem().contains("single document")) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                line,
                column + 1,
                "a second YAML document starts here, but a file holds one",
                "a file holds one dialog: remove the second '---' and what follows, or move it to its own file"));
    }

    /** A {@code {...}} or {@code [...]} written on one line that YAML cannot read: commas, colons, the closing brace. */
    private Optional<Finding> flowCollection() {
        String c = context();
        if ((!c.contains("flow mapping") && !c.contains("flow sequence"))
                || e.getContextMark().isEmpty()) {
            return Optional.empty();
        }
        Mark m = e.getContextMark().get();
        boolean map = c.contains("flow mapping");
        String open = map ? "{" : "[";
        String close = map ? "}" : "]";
        return Optional.of(new Finding(
                m.getLine(),
                m.getColumn() + 1,
                "YAML cannot read the " + open + "..." + close + " that starts here"
                        + (map ? ": it holds 'key: value' pairs" : ": it holds values")
                        + " separated by commas, and ends with " + close,
                "check the commas and the closing " + close + ", and put a text that contains ': ' or ',' in quotes"));
    }

    private Explained inParserWords() {
        Source at = Source.of(file, line + 1, column + 1);
        String where = e.getContextMark()
                .filter(m -> !context().isBlank())
                .map(m -> " (" + oneLine(context()) + " at line " + (m.getLine() + 1) + ", column "
                        + (m.getColumn() + 1) + ")")
                .orElse("");
        return new Explained(
                at,
                "YAML cannot read this: " + oneLine(problem()) + where,
                "check the indentation of this line and the one above, and put a text that contains ': ' or starts"
                        + " with a special character in quotes");
    }

    static String oneLine(String s) {
        return s == null || s.isBlank()
                ? "unknown problem"
                : s.replaceAll("\\s+", " ").trim();
    }
}
