package dev.rekindle.nlu.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The normalisation the safety lexicon is written against: lower case, accents and curly quotes
 * folded, apostrophes dropped (i'm becomes im), every other non-letter, non-digit a space.
 */
public final class TextNormalizer {
    private TextNormalizer() {}

    public static List<String> words(String text) {
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
}
