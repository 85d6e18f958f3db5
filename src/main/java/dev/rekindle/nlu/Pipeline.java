package dev.rekindle.nlu;

import dev.rekindle.nlu.features.CharNGramFeatures;
import dev.rekindle.nlu.features.TokenFeatures;
import dev.rekindle.nlu.features.WordNGramFeatures;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * How a message becomes features: the normalisation ({@link FeatureTokens}) and the feature generators. Stored in
 * every model, so the runtime always analyses text exactly as the trainer did.
 *
 * @param foldAccents    drop accents ("café" = "cafe")
 * @param squeezeRepeats a letter three or more times in a row counts twice ("sooo" = "soo")
 * @param foldDigits     every run of digits becomes {@code 0}
 * @param words          bag of normalised words ({@code w=})
 * @param stems          bag of Porter stems ({@code s=})
 * @param ngrams         word n-grams over stems up to this order, with message start and end ({@code 1} = none)
 * @param charMin        shortest character n-gram inside words ({@code 0} = no character n-grams)
 * @param charMax        longest character n-gram inside words
 */
public record Pipeline(
        boolean foldAccents,
        boolean squeezeRepeats,
        boolean foldDigits,
        boolean words,
        boolean stems,
        int ngrams,
        int charMin,
        int charMax) {

    public Pipeline {
        if (!words && !stems) {
            throw new IllegalArgumentException("a pipeline needs words or stems or both");
        }
        if (ngrams < 1 || ngrams > 4) {
            throw new IllegalArgumentException("ngrams must be 1 (none) to 4: " + ngrams);
        }
        if (charMin != 0 || charMax != 0) {
            new CharNGramFeatures(charMin, charMax); // validates
        }
    }

    /** The message as normalised tokens. */
    public String[] tokens(String text) {
        return FeatureTokens.of(text, this);
    }

    /** New feature generators for this pipeline (all stateless). */
    public FeatureGenerator[] generators() {
        List<FeatureGenerator> g = new ArrayList<>();
        g.add(new TokenFeatures(words, stems));
        if (ngrams > 1) {
            g.add(new WordNGramFeatures(ngrams));
        }
        if (charMin > 0) {
            g.add(new CharNGramFeatures(charMin, charMax));
        }
        return g.toArray(new FeatureGenerator[0]);
    }

    /** {@code chars=3-5} or {@code chars=off}. */
    String charsSpec() {
        return charMin == 0 ? "off" : charMin + "-" + charMax;
    }
}
