package dev.rekindle.dialog.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A message template: literal text and {placeholders}. Write {{ and }} for literal braces.
 * Parsing is pure and shared by the validator (to check references) and the engine (to render).
 */
public record Template(List<Segment> segments) {

    public sealed interface Segment {}

    public record Literal(String text) implements Segment {}

    /** {@code offset} is the index of the opening brace in the template text. */
    public record Placeholder(Ref ref, int offset) implements Segment {}

    public static final class SyntaxException extends Exception {
        private final int offset;

        public SyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public static Template parse(String text) throws SyntaxException {
        List<Segment> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{') {
                int close = text.indexOf('}', i + 1);
                if (close < 0) {
                    throw new SyntaxException(
                            "'{' at character " + (i + 1) + " is never closed (write {{ for a literal brace)", i);
                }
                String inner = text.substring(i + 1, close);
                Ref ref = Ref.parse(inner);
                if (!ref.isWellFormed()) {
                    throw new SyntaxException("'{" + inner + "}' is not a placeholder: use {name} or {who.name}", i);
                }
                if (lit.length() > 0) {
                    out.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                out.add(new Placeholder(ref, i));
                i = close + 1;
            } else if (c == '}') {
                throw new SyntaxException(
                        "'}' at character " + (i + 1) + " has no opening brace (write }} for a literal brace)", i);
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            out.add(new Literal(lit.toString()));
        }
        return new Template(List.copyOf(out));
    }

    public List<Ref> refs() {
        List<Ref> refs = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof Placeholder p) {
                refs.add(p.ref());
            }
        }
        return refs;
    }
}
