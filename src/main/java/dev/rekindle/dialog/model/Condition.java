package dev.rekindle.dialog.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition on variables, on who acted and on counters, e.g. {@code rounds < 2 and actor.role == 'speaker'}.
 * Grammar: or / and / not, comparisons == != < <= > >=, references, numbers, 'quoted' or "quoted"
 * strings, parentheses, and {@code shared(A.close)} (did the author agree to show that answer?). A
 * reference alone is true when its value is not empty, 0, no or false.
 */
public sealed interface Condition {

    record Or(Condition left, Condition right) implements Condition {}

    record And(Condition left, Condition right) implements Condition {}

    record Not(Condition inner) implements Condition {}

    record Compare(Operand left, String op, Operand right) implements Condition {}

    record Truthy(Operand operand) implements Condition {}

    /**
     * {@code shared(A.close)}: the author answered {@code close} and agreed to show it. {@code both.close}
     * asks it of both partners; {@code close} alone means me. {@code to} narrows the yes to one audience:
     * GROUP counts only a yes to the group, PARTNER any yes (the group includes the partner), null any yes.
     *
     * @param offset where the answer's name starts in the condition's text, for the validator
     */
    record Shared(Ref answer, ShareTarget to, int offset) implements Condition {
        /** The person word that asks the question of both partners at once. */
        public static final String BOTH = "both";

        public boolean ofBoth() {
            return BOTH.equals(answer.who());
        }
    }

    /**
     * {@code paused(me)}: this person's words paused the couple's shared exercises and no resume is pending;
     * {@code resuming(me)}: they asked to turn them back on and the cooling-off time has not passed yet. Only
     * {@code me} may be asked: whether someone else paused the couple is theirs to tell.
     */
    record PauseState(boolean resuming, int offset) implements Condition {}

    /** Every consent test in a condition, for the validator. */
    static List<Shared> consentTests(Condition c) {
        return parts(c, Shared.class);
    }

    /** The {@code paused(me)} and {@code resuming(me)} tests in {@code c}. */
    static List<PauseState> pauseTests(Condition c) {
        return parts(c, PauseState.class);
    }

    private static <T extends Condition> List<T> parts(Condition c, Class<T> type) {
        List<T> out = new ArrayList<>();
        collect(c, type, out);
        return out;
    }

    private static <T extends Condition> void collect(Condition c, Class<T> type, List<T> out) {
        if (c instanceof Or o) {
            collect(o.left(), type, out);
            collect(o.right(), type, out);
        } else if (c instanceof And a) {
            collect(a.left(), type, out);
            collect(a.right(), type, out);
        } else if (c instanceof Not n) {
            collect(n.inner(), type, out);
        } else if (type.isInstance(c)) {
            out.add(type.cast(c));
        }
    }

    sealed interface Operand {}

    record RefOperand(Ref ref) implements Operand {}

    record Literal(String value) implements Operand {}

    final class SyntaxException extends Exception {
        private final int offset;

        public SyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    static Condition parse(String text) throws SyntaxException {
        Parser p = new Parser(text);
        Condition c = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new SyntaxException("unexpected '" + text.substring(p.pos) + "' in condition", p.pos);
        }
        return c;
    }

    /** All references a condition reads as values, for the validator (a consent test's answer is not read). */
    static List<Ref> refs(Condition c) {
        List<Ref> out = new ArrayList<>();
        collect(c, out);
        return out;
    }

    private static void collect(Condition c, List<Ref> out) {
        if (c instanceof Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (c instanceof And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (c instanceof Not n) {
            collect(n.inner(), out);
        } else if (c instanceof Compare cmp) {
            addRef(cmp.left(), out);
            addRef(cmp.right(), out);
        } else if (c instanceof Truthy t) {
            addRef(t.operand(), out);
        }
    }

    private static void addRef(Operand o, List<Ref> out) {
        if (o instanceof RefOperand r) {
            out.add(r.ref());
        }
    }

    final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }

        boolean keyword(String k) {
            skipSpace();
            int end = pos + k.length();
            if (s.regionMatches(true, pos, k, 0, k.length())
                    && (end == s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'))) {
                pos = end;
                return true;
            }
            return false;
        }

        Condition or() throws SyntaxException {
            Condition left = and();
            while (keyword("or")) left = new Or(left, and());
            return left;
        }

        Condition and() throws SyntaxException {
            Condition left = not();
            while (keyword("and")) left = new And(left, not());
            return left;
        }

        Condition not() throws SyntaxException {
            if (keyword("not")) return new Not(not());
            return comparison();
        }

        Condition comparison() throws SyntaxException {
            skipSpace();
            int before = pos;
            if (keyword("shared")) {
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    pos++;
                    return shared();
                }
                pos = before; // a variable called shared
            }
            for (String word : new String[] {"paused", "resuming"}) {
                if (keyword(word)) {
                    skipSpace();
                    if (pos < s.length() && s.charAt(pos) == '(') {
                        pos++;
                        return pauseState(word.equals("resuming"), before);
                    }
                    pos = before; // a variable of that name
                }
            }
            if (pos < s.length() && s.charAt(pos) == '(') {
                pos++;
                Condition inner = or();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ')') throw new SyntaxException("missing ')'", pos);
                pos++;
                return inner;
            }
            Operand left = operand();
            skipSpace();
            for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return new Compare(left, op, operand());
                }
            }
            if (pos < s.length() && s.charAt(pos) == '=') {
                throw new SyntaxException("use '==' to compare, not '='", pos);
            }
            return new Truthy(left);
        }

        private static final String SHARED_FORM = "write shared(A.close), shared(both.close) or shared(B.close, group)";

        Condition shared() throws SyntaxException {
            skipSpace();
            int start = pos;
            while (pos < s.length()
                    && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.'))
                pos++;
            Ref ref = Ref.parse(s.substring(start, pos));
            if (start == pos || !ref.isWellFormed()) {
                throw new SyntaxException("shared(...) needs the name of an answer: " + SHARED_FORM, start);
            }
            skipSpace();
            ShareTarget to = null;
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                skipSpace();
                int w = pos;
                while (pos < s.length() && Character.isLetter(s.charAt(pos))) pos++;
                String word = s.substring(w, pos).toLowerCase(java.util.Locale.ROOT);
                if (word.equals("group")) {
                    to = ShareTarget.GROUP;
                } else if (word.equals("partner")) {
                    to = ShareTarget.PARTNER;
                } else {
                    throw new SyntaxException(
                            "shared(" + ref + ", ...) takes group or partner after the comma, not '"
                                    + s.substring(w, pos) + "'",
                            w);
                }
                skipSpace();
            }
            if (pos >= s.length() || s.charAt(pos) != ')') {
                throw new SyntaxException(
                        "missing ')' after shared(" + ref + (to == null ? "" : ", ...") + ": " + SHARED_FORM, pos);
            }
            pos++;
            return new Shared(ref, to, start);
        }

        Condition pauseState(boolean resuming, int start) throws SyntaxException {
            skipSpace();
            String form = resuming ? "resuming(me)" : "paused(me)";
            if (!s.startsWith("me", pos)) {
                throw new SyntaxException("write " + form + ": only the person's own pause can be asked about", pos);
            }
            pos += 2;
            skipSpace();
            if (pos >= s.length() || s.charAt(pos) != ')') {
                throw new SyntaxException("missing ')' in " + form, pos);
            }
            pos++;
            return new PauseState(resuming, start);
        }

        Operand operand() throws SyntaxException {
            skipSpace();
            if (pos >= s.length()) throw new SyntaxException("condition ends too early: a value is missing", pos);
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                int close = s.indexOf(c, pos + 1);
                if (close < 0) throw new SyntaxException("string is not closed with " + c, pos);
                String v = s.substring(pos + 1, close);
                pos = close + 1;
                return new Literal(v);
            }
            int start = pos;
            if (c == '-' || Character.isDigit(c)) {
                pos++;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
                String num = s.substring(start, pos);
                try {
                    Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw new SyntaxException("'" + num + "' is not a number", start);
                }
                return new Literal(num);
            }
            while (pos < s.length()
                    && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.'))
                pos++;
            if (start == pos) throw new SyntaxException("unexpected '" + c + "' in condition", pos);
            Ref ref = Ref.parse(s.substring(start, pos));
            if (!ref.isWellFormed()) throw new SyntaxException("'" + ref + "' is not a reference", start);
            return new RefOperand(ref);
        }
    }
}
