package dev.rekindle.nlu.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of the safety lexicon: words, {@code word*} prefixes, {@code *} (one word) and {@code **}
 * (zero to three words), matched as a contiguous run anywhere in the normalised message. Words of
 * five letters or more also match a word of five or more with one typo, since people in distress do not
 * proofread; shorter words must match exactly, or "edge" would be "ledge".
 */
public record LexiconPattern(String source, int line, List<Element> elements) {

    sealed interface Element {}

    record Word(String word) implements Element {}

    record Prefix(String prefix) implements Element {}

    record AnyOne() implements Element {}

    record Gap() implements Element {}

    private static final int GAP_MAX = 3;
    private static final int FUZZY_MIN_LENGTH = 5;

    /** Parses a pattern; throws IllegalArgumentException with what to write instead. */
    public static LexiconPattern parse(String text, int line) {
        List<Element> out = new ArrayList<>();
        // trimmed, the text neither starts nor ends with white space: no empty part but that of an empty text
        for (String raw : text.trim().split("\\s+", -1)) {
            if (raw.equals("**")) {
                out.add(new Gap());
            } else if (raw.equals("*")) {
                out.add(new AnyOne());
            } else if (raw.endsWith("*") && raw.length() > 1) {
                List<String> w = LexiconWords.of(raw.substring(0, raw.length() - 1));
                if (w.size() != 1) {
                    throw new IllegalArgumentException(
                            "'" + raw + "' is not a word prefix: write letters then one *, e.g. kill*");
                }
                out.add(new Prefix(w.get(0)));
            } else {
                List<String> words = LexiconWords.of(raw);
                if (words.isEmpty()) {
                    throw new IllegalArgumentException("'" + raw + "' has no letters or digits");
                }
                // "don't" normalises to one word, "e-mail" to two: both stay literal words
                words.forEach(w -> out.add(new Word(w)));
            }
        }
        if (out.isEmpty() || out.stream().allMatch(e -> e instanceof Gap || e instanceof AnyOne)) {
            throw new IllegalArgumentException("a pattern needs at least one word");
        }
        if (out.get(0) instanceof Gap || out.get(out.size() - 1) instanceof Gap) {
            throw new IllegalArgumentException("** cannot start or end a pattern (it would match nothing more)");
        }
        return new LexiconPattern(text.trim(), line, List.copyOf(out));
    }

    /**
     * The first position where the pattern matches: [start, end) in words, or null. A message word in
     * {@code known} (a common English word) is never taken for a typo of another: "doing" is not "dying", "shell" not "shelf"; its own inflections still count ("strangles" is
     * "strangled").
     */
    public int[] find(List<String> words, Set<String> known) {
        for (int start = 0; start < words.size(); start++) {
            int end = match(words, start, 0, known);
            if (end >= 0) {
                return new int[] {start, end};
            }
        }
        return null;
    }

    private int match(List<String> words, int at, int el, Set<String> known) {
        if (el == elements.size()) {
            return at;
        }
        Element e = elements.get(el);
        if (e instanceof Gap) {
            for (int skip = 0; skip <= GAP_MAX && at + skip <= words.size(); skip++) {
                int end = match(words, at + skip, el + 1, known);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (at >= words.size()) {
            return -1;
        }
        String w = words.get(at);
        boolean ok;
        if (e instanceof AnyOne) {
            ok = true;
        } else if (e instanceof Prefix p) {
            ok = w.startsWith(p.prefix());
        } else {
            String want = ((Word) e).word();
            ok = w.equals(want)
                    || (fuzzy(want) && fuzzy(w) && withinOneEdit(want, w) && (!known.contains(w) || sameStem(want, w)));
        }
        return ok ? match(words, at + 1, el + 1, known) : -1;
    }

    /** Two words that differ only in their last two letters: an inflection, not another word. */
    private static boolean sameStem(String a, String b) {
        int stem = Math.min(a.length(), b.length()) - 2;
        return a.regionMatches(0, b, 0, stem);
    }

    /** Whether a word is long enough to forgive one typo (in the pattern and in the message alike). */
    static boolean fuzzy(String word) {
        return word.length() >= FUZZY_MIN_LENGTH;
    }

    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < la && j < lb) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (la > lb) {
                i++;
            } else if (lb > la) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (la - i) + (lb - j) <= 1;
    }
}
