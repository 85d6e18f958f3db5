package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.model.SafetyKind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The safety lexicon's matcher as it was before the index (commit f7c8e67), kept word for word as the
 * reference that the fast one must agree with on every decision: normalise, blank the safe idioms, then try
 * every crisis pattern, then every abuse pattern, at every position.
 */
public final class ReferenceLexiconMatcher {
    private static final int GAP_MAX = 3;
    private static final int FUZZY_MIN_LENGTH = 5;

    private ReferenceLexiconMatcher() {}

    public static SafetyLexicon.Match find(SafetyLexicon lexicon, String text) {
        List<String> words = new ArrayList<>(words(text));
        for (LexiconPattern p : lexicon.safe()) {
            int[] span;
            while ((span = find(p, words)) != null) {
                for (int k = span[0]; k < span[1]; k++) {
                    words.set(k, "\u0000");
                }
            }
        }
        for (LexiconPattern p : lexicon.crisis()) {
            if (find(p, words) != null) {
                return new SafetyLexicon.Match(SafetyKind.CRISIS, p);
            }
        }
        for (LexiconPattern p : lexicon.abuse()) {
            if (find(p, words) != null) {
                return new SafetyLexicon.Match(SafetyKind.ABUSE, p);
            }
        }
        return null;
    }

    static List<String> words(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u00B4') {
                continue;
            }
            b.append(Character.isLetterOrDigit(c) ? c : ' ');
        }
        List<String> out = new ArrayList<>();
        for (String w : b.toString().split(" +")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static int[] find(LexiconPattern p, List<String> words) {
        for (int start = 0; start < words.size(); start++) {
            int end = match(p.elements(), words, start, 0);
            if (end >= 0) {
                return new int[] {start, end};
            }
        }
        return null;
    }

    private static int match(List<LexiconPattern.Element> elements, List<String> words, int at, int el) {
        if (el == elements.size()) {
            return at;
        }
        LexiconPattern.Element e = elements.get(el);
        if (e instanceof LexiconPattern.Gap) {
            for (int skip = 0; skip <= GAP_MAX && at + skip <= words.size(); skip++) {
                int end = match(elements, words, at + skip, el + 1);
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
        if (e instanceof LexiconPattern.AnyOne) {
            ok = true;
        } else if (e instanceof LexiconPattern.Prefix p) {
            ok = w.startsWith(p.prefix());
        } else {
            String want = ((LexiconPattern.Word) e).word();
            ok = w.equals(want)
                    || (want.length() >= FUZZY_MIN_LENGTH && w.length() >= FUZZY_MIN_LENGTH && withinOneEdit(want, w));
        }
        return ok ? match(elements, words, at + 1, el + 1) : -1;
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
