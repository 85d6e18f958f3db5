package dev.rekindle.nlu;

import java.util.List;

/**
 * What {@link TextCategorizer} says of one message.
 *
 * @param label      the decision: the most probable label, or the out-of-scope label when the model's
 *                   {@link OutOfScopeRule} rejected it
 * @param confidence the probability of {@code label}; when the rule rejected the best label, one minus that
 *                   label's probability (how much the model left unexplained)
 * @param ranked     every label with its probability, most probable first
 * @param rejected   true when the out-of-scope rule overruled the most probable label
 */
public record Prediction(String label, double confidence, List<ScoredLabel> ranked, boolean rejected) {
    public Prediction {
        ranked = List.copyOf(ranked);
    }

    /** The most probable label, before the out-of-scope rule ("out_of_scope as a class of its own"). */
    public String best() {
        return ranked.get(0).label();
    }

    /** The first {@code n} of {@link #ranked}. */
    public List<ScoredLabel> top(int n) {
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
