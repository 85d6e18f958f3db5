package dev.rekindle.nlu.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Bag of words: {@code w=word} for each normalised token and/or {@code s=stem} for its Porter stem. Stateless, so
 * one instance serves every thread.
 */
public final class TokenFeatures implements FeatureGenerator {
    private final boolean raw;
    private final boolean stems;

    public TokenFeatures(boolean raw, boolean stems) {
        if (!raw && !stems) {
            throw new IllegalArgumentException("token features need words or stems or both");
        }
        this.raw = raw;
        this.stems = stems;
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> out = new ArrayList<>(tokens.length * 2);
        if (raw) {
            for (String t : tokens) {
                out.add("w=" + t);
            }
        }
        if (stems) {
            for (String s : Stems.of(tokens)) {
                out.add("s=" + s);
            }
        }
        return out;
    }
}
