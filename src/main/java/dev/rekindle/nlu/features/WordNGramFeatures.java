package dev.rekindle.nlu.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Word n-grams of order 2..{@code maxN} over Porter stems, with the start and end of the message as words of their
 * own ({@code ^} and {@code $}), so "thank you" at the start differs from "thank you" in the middle:
 * {@code n2=^ thank}, {@code n2=thank you}, {@code n2=you $}. Stateless.
 */
public final class WordNGramFeatures implements FeatureGenerator {
    private final int maxN;

    public WordNGramFeatures(int maxN) {
        if (maxN < 2 || maxN > 4) {
            throw new IllegalArgumentException("word n-grams are of order 2 to 4: " + maxN);
        }
        this.maxN = maxN;
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        String[] stems = Stems.of(tokens);
        String[] w = new String[stems.length + 2];
        w[0] = "^";
        System.arraycopy(stems, 0, w, 1, stems.length);
        w[w.length - 1] = "$";
        List<String> out = new ArrayList<>(w.length * (maxN - 1));
        StringBuilder b = new StringBuilder(32);
        for (int n = 2; n <= maxN; n++) {
            for (int i = 0; i + n <= w.length; i++) {
                if (n > 2 && (i == 0 && i + n == w.length)) {
                    continue; // the whole message with both ends: the bigrams already say it
                }
                b.setLength(0);
                b.append('n').append(n).append('=').append(w[i]);
                for (int j = 1; j < n; j++) {
                    b.append(' ').append(w[i + j]);
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
