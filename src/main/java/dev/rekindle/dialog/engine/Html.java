package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.Template;
import java.util.function.Function;

/**
 * Turns a template into Telegram HTML. Authored text may use **bold** and _italic_; every other
 * character, and every value put into a placeholder, is escaped, so nothing a partner types can
 * become markup.
 */
final class Html {
    private Html() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final char FSI = '\u2068';
    private static final char PDI = '\u2069';

    /**
     * A value as it may stand inside the bot's sentence: without control characters (NUL and the like) and without
     * explicit direction codes, and when it holds right-to-left letters, isolated (FSI ... PDI), so that a name or
     * an answer in Arabic or Hebrew, or a right-to-left override typed on purpose, cannot reorder the words around
     * it.
     */
    static String placed(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2);
        boolean rightToLeft = false;
        for (int i = 0; i < v.length(); ) {
            int c = v.codePointAt(i);
            i += Character.charCount(c);
            byte d = Character.getDirectionality(c);
            boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
            boolean directionCode = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
            if (control || directionCode) {
                continue;
            }
            rightToLeft |=
                    d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            b.appendCodePoint(c == 0x2029 ? '\n' : c); // a paragraph separator ends an isolate: a new line instead
        }
        if (!rightToLeft) {
            return b.toString();
        }
        // an isolate ends with its paragraph, so each line of a value gets its own
        StringBuilder out = new StringBuilder(b.length() + 8);
        String[] lines = b.toString().split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (k > 0) {
                out.append('\n');
            }
            if (!lines[k].isEmpty()) {
                out.append(FSI).append(lines[k]).append(PDI);
            }
        }
        return out.toString();
    }

    /** Renders with values from {@code resolve}, which returns plain (unescaped) text. */
    static String render(Template template, Function<Ref, String> resolve) {
        StringBuilder out = new StringBuilder();
        boolean bold = false;
        boolean italic = false;
        char prev = ' ';
        for (Template.Segment seg : template.segments()) {
            if (seg instanceof Template.Placeholder p) {
                String v = placed(resolve.apply(p.ref()));
                out.append(escape(v));
                // the value's last letter, not the isolate's closing mark (a value never ends in a PDI of its own)
                int last = v.length() - (v.endsWith(String.valueOf(PDI)) ? 2 : 1);
                prev = last < 0 ? prev : v.charAt(last);
                continue;
            }
            String t = ((Template.Literal) seg).text();
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                char next = i + 1 < t.length() ? t.charAt(i + 1) : ' ';
                if (c == '*' && next == '*') {
                    out.append(bold ? "</b>" : "<b>");
                    bold = !bold;
                    i++;
                    prev = '*';
                    continue;
                }
                if (c == '_') {
                    // only an underscore at a word edge is markup, so snake_case and file_names stay as written
                    boolean opens = !italic && !Character.isLetterOrDigit(prev) && !Character.isWhitespace(next);
                    boolean closes = italic && !Character.isLetterOrDigit(next) && !Character.isWhitespace(prev);
                    if (opens || closes) {
                        out.append(italic ? "</i>" : "<i>");
                        italic = !italic;
                        prev = '_';
                        continue;
                    }
                }
                out.append(escape(String.valueOf(c)));
                prev = c;
            }
        }
        if (italic) out.append("</i>");
        if (bold) out.append("</b>");
        return out.toString();
    }

    /** The text a person reads: tags removed, entities decoded. */
    static String plain(String html) {
        return html.replaceAll("</?[bi]>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
