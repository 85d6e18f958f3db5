package dev.rekindle.nlu;

/**
 * Tells which intent of {@link dev.rekindle.dialog.model.IntentTaxonomy} a partner's free text expresses.
 * The engine never classifies by itself: adapters ask a classifier and pass the verdict in
 * {@link dev.rekindle.dialog.engine.Input.Text}. Implementations must be thread-safe and never return null.
 */
public interface IntentClassifier {

    /** The verdict for one message; {@code out_of_scope} when nothing in the taxonomy fits. */
    Classification classify(String text);

    /**
     * When this classifier's verdicts may start an exercise without asking (see {@link RoutingRule}). A classifier
     * whose probabilities nobody tuned acts on every verdict.
     */
    default RoutingRule routing() {
        return RoutingRule.always();
    }
}
