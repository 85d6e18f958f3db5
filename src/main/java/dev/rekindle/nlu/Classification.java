package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.util.List;

/**
 * A classifier's verdict on one message.
 *
 * @param intent     the chosen intent: a name from {@link IntentTaxonomy#NAMES}, or {@code out_of_scope}
 * @param confidence how sure the classifier is of {@code intent}, 0..1
 * @param ranked     every intent the classifier scored, most likely first
 */
public record Classification(String intent, double confidence, List<Scored> ranked) {

    /** One intent with the probability the classifier gave it. */
    public record Scored(String intent, double probability) {}

    public Classification {
        if (!IntentTaxonomy.contains(intent)) {
            throw new IllegalArgumentException("intent is not in the taxonomy: " + intent);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1: " + confidence);
        }
        ranked = List.copyOf(ranked);
    }

    /** Nothing fits: {@code out_of_scope} with full confidence. */
    public static Classification outOfScope() {
        return new Classification(
                IntentTaxonomy.OUT_OF_SCOPE, 1.0, List.of(new Scored(IntentTaxonomy.OUT_OF_SCOPE, 1.0)));
    }

    public boolean isOutOfScope() {
        return IntentTaxonomy.OUT_OF_SCOPE.equals(intent);
    }
}
