package dev.rekindle.nlu.safety;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which patterns of a list could match a message at all, found without trying them. Each pattern is filed
 * under one of its words or prefixes (its anchor): a match must consume a message word that the anchor
 * accepts, so a pattern whose anchor accepts no word of the message cannot match, and is not tried. A word
 * anchor is filed as itself and, when typos count for it (five letters or more), under each of its one-letter
 * deletions as well: two words within one typo share the word itself or a deletion (the message side looks
 * its word and its deletions up the same way). A prefix anchor is filed as itself; the message side looks up
 * every beginning of its words. The candidates found are a superset of the patterns that match, in list
 * order; the caller still tries each, so no decision changes.
 */
final class PatternIndex {
    private static final int[] NONE = new int[0];

    private final int size;
    private final Map<String, int[]> exact;
    private final Map<String, int[]> typo;
    private final Map<String, int[]> prefixes;
    private final int longestPrefix;

    PatternIndex(List<LexiconPattern> patterns) {
        this.size = patterns.size();
        Map<String, List<Integer>> exact = new HashMap<>();
        Map<String, List<Integer>> typo = new HashMap<>();
        Map<String, List<Integer>> prefixes = new HashMap<>();
        int longest = 0;
        for (int i = 0; i < patterns.size(); i++) {
            LexiconPattern.Element anchor = anchor(patterns.get(i));
            if (anchor instanceof LexiconPattern.Prefix p) {
                file(prefixes, p.prefix(), i);
                longest = Math.max(longest, p.prefix().length());
            } else {
                String w = ((LexiconPattern.Word) anchor).word();
                file(exact, w, i);
                if (LexiconPattern.fuzzy(w)) {
                    file(typo, w, i);
                    for (int k = 0; k < w.length(); k++) {
                        file(typo, deleteAt(w, k), i);
                    }
                }
            }
        }
        this.exact = freeze(exact);
        this.typo = freeze(typo);
        this.prefixes = freeze(prefixes);
        this.longestPrefix = longest;
    }

    /**
     * The anchor: the element that narrows most, taken to be the longest word or prefix (longer is rarer; a
     * word over a prefix of the same length, since a word matches fewer message words).
     */
    private static LexiconPattern.Element anchor(LexiconPattern p) {
        LexiconPattern.Element best = null;
        int bestScore = -1;
        for (LexiconPattern.Element e : p.elements()) {
            int score;
            if (e instanceof LexiconPattern.Word w) {
                score = 2 * w.word().length() + 1;
            } else if (e instanceof LexiconPattern.Prefix x) {
                score = 2 * x.prefix().length();
            } else {
                continue;
            }
            if (score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        if (best == null) {
            // parse() refuses such a pattern; a hand-made one would match without any word, so always try it
            throw new IllegalArgumentException("pattern '" + p.source() + "' has no word to index it by");
        }
        return best;
    }

    /** Patterns (by their index in the list) that could match a message of these words. */
    BitSet candidates(List<String> words) {
        BitSet out = new BitSet(size);
        if (size == 0) {
            return out;
        }
        for (String w : words) {
            add(out, exact.get(w));
            if (!typo.isEmpty() && LexiconPattern.fuzzy(w)) {
                add(out, typo.get(w));
                for (int k = 0; k < w.length(); k++) {
                    add(out, typo.get(deleteAt(w, k)));
                }
            }
            if (!prefixes.isEmpty()) {
                int upTo = Math.min(w.length(), longestPrefix);
                for (int n = 1; n <= upTo; n++) {
                    add(out, prefixes.get(w.substring(0, n)));
                }
            }
        }
        return out;
    }

    private static void add(BitSet out, int[] patterns) {
        if (patterns != null) {
            for (int i : patterns) {
                out.set(i);
            }
        }
    }

    private static String deleteAt(String w, int k) {
        return new StringBuilder(w.length() - 1)
                .append(w, 0, k)
                .append(w, k + 1, w.length())
                .toString();
    }

    private static void file(Map<String, List<Integer>> map, String key, int pattern) {
        List<Integer> list = map.computeIfAbsent(key, x -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != pattern) {
            list.add(pattern);
        }
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> map) {
        Map<String, int[]> out = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> out.put(
                k, v.isEmpty() ? NONE : v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
