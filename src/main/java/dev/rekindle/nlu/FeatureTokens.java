package dev.rekindle.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens the intent classifier's features are made of ({@link Pipeline#tokens}). Stateless.
 * <ol>
 *   <li>Unicode compatibility folding (NFKC: full-width letters, ligatures), then lower case;</li>
 *   <li>curly quotes, back-ticks and primes become {@code '}; accents are dropped if asked ("café" = "cafe");</li>
 *   <li>apostrophes inside words disappear ("don't" = "dont", "i'm" = "im"), the way people type without them;</li>
 *   <li>light typo tolerance if asked: a letter repeated three or more times counts twice ("sooo" = "soo");</li>
 *   <li>digits may be folded ("at 7pm" = "at 0pm") so numbers do not each need examples;</li>
 *   <li>tokens are runs of letters and digits; everything else separates them.</li>
 * </ol>
 *
 * <p>Not the safety lexicon's {@link dev.rekindle.nlu.safety.LexiconWords}, on purpose: these tokens follow the
 * {@link Pipeline} stored in each trained model (accents, repeats and digits folded or not), and the shipped models
 * in {@code models/} were trained on exactly these; the lexicon's words always drop accents, never fold repeats or
 * digits, and drop an apostrophe wherever it stands. Changing either to match the other would change what a shipped
 * model or a therapist's lexicon line sees.
 */
final class FeatureTokens {
    private FeatureTokens() {}

    static String[] of(String text, Pipeline p) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (p.foldAccents() && !isAscii(t)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        }
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (p.foldDigits() && Character.isDigit(c)) {
                    if (word.length() > 0
                            && word.charAt(word.length() - 1) == '0'
                            && i > 0
                            && Character.isDigit(t.charAt(i - 1))) {
                        continue;
                    }
                    c = '0';
                }
                if (p.squeezeRepeats()
                        && Character.isLetter(c)
                        && word.length() >= 2
                        && word.charAt(word.length() - 1) == c
                        && word.charAt(word.length() - 2) == c) {
                    continue;
                }
                word.append(c);
            } else if (isApostrophe(c) && word.length() > 0 && i + 1 < n && Character.isLetter(t.charAt(i + 1))) {
                // inside a word: "don't" -> "dont"
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out.toArray(new String[0]);
    }

    private static boolean isApostrophe(char c) {
        return c == '\''
                || c == '\u2019'
                || c == '\u2018'
                || c == '\u02BC'
                || c == '`'
                || c == '\u00B4'
                || c == '\u2032';
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }
}
