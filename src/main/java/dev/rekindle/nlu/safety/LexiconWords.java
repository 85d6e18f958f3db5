package dev.rekindle.nlu.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words the safety lexicon ({@code safety.txt}) is written against, for both its lines and the messages it
 * reads: lower case, accents and curly quotes folded, apostrophes dropped (i'm becomes im), every other non-letter,
 * non-digit a space.
 *
 * <p>Not the intent classifier's {@code FeatureTokens}, on purpose: those follow each trained model's stored
 * pipeline (accents, repeats and digits folded or not) and keep an apostrophe that does not stand inside a word as a
 * separator; these are fixed, so that a therapist's line means the same with every model. Changing either to match
 * the other would change what the lexicon or a shipped model sees.
 */
public final class LexiconWords {
    private LexiconWords() {}

    /** The words of {@code text}, in order. */
    public static List<String> of(String text) {
        if (ascii(text)) {
            return asciiWords(text);
        }
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
        return split(b);
    }

    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same for plain ASCII, which NFKD leaves as it is and which has no marks: lower case A-Z, drop ' and
     * `, keep letters and digits, and everything else separates words. One pass, no regular expression.
     */
    private static List<String> asciiWords(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder(16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '`') {
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                w.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** The words between spaces. */
    private static List<String> split(CharSequence spaced) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= spaced.length(); i++) {
            boolean space = i == spaced.length() || spaced.charAt(i) == ' ';
            if (space && start >= 0) {
                out.add(spaced.subSequence(start, i).toString());
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return out;
    }
}
