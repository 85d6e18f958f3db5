package dev.rekindle.nlu.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character n-grams of lengths {@code min..max} inside each word, the word wrapped in {@code <} and {@code >}:
 * "hugs" gives {@code c=<hu}, {@code c=hug}, {@code c=ugs}, {@code c=gs>}, ... They let a typo ("cuddels"), an
 * inflection or a compound share most features with the word the training data has. Stateless.
 */
public final class CharNGramFeatures implements FeatureGenerator {
    private final int min;
    private final int max;

    public CharNGramFeatures(int min, int max) {
        if (min < 2 || max < min || max > 8) {
            throw new IllegalArgumentException("character n-grams need 2 <= min <= max <= 8: " + min + "-" + max);
        }
        this.min = min;
        this.max = max;
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> out = new ArrayList<>(tokens.length * 8 * (max - min + 1));
        StringBuilder b = new StringBuilder(16);
        for (String t : tokens) {
            String w = "<" + t + ">";
            int len = w.length();
            for (int n = min; n <= max; n++) {
                for (int i = 0; i + n <= len; i++) {
                    if (n == len && n > min) {
                        continue; // the whole wrapped word: the word features already have it
                    }
                    b.setLength(0);
                    b.append("c=").append(w, i, i + n);
                    out.add(b.toString());
                }
            }
        }
        return out;
    }
}
