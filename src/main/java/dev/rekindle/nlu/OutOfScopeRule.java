package dev.rekindle.nlu;

/**
 * When a message is out of scope although the model's best label is not {@code out_of_scope}: the best label's
 * probability is below {@code threshold}, or it leads the second by less than {@code margin}. Tuned on
 * validation data ({@link OutOfScopeTuner}) and stored in the model.
 *
 * @param label     the out-of-scope label ({@code out_of_scope} in Rekindle and CLINC150)
 * @param threshold the least probability a label needs to be chosen, 0..1 (0: never rejects)
 * @param margin    the least lead over the runner-up, 0..1 (0: never rejects)
 */
public record OutOfScopeRule(String label, double threshold, double margin) {
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public OutOfScopeRule {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("the out-of-scope label must not be blank");
        }
        if (!(threshold >= 0 && threshold <= 1) || !(margin >= 0 && margin <= 1)) {
            throw new IllegalArgumentException(
                    "threshold and margin must be between 0 and 1: " + threshold + ", " + margin);
        }
    }

    /** A rule that never rejects: only the {@code out_of_scope} class itself answers out of scope. */
    public static OutOfScopeRule none() {
        return new OutOfScopeRule(OUT_OF_SCOPE, 0, 0);
    }

    /** True when the best label ({@code best}, probability {@code p1}, runner-up {@code p2}) must give way. */
    public boolean rejects(String best, double p1, double p2) {
        return !label.equals(best) && (p1 < threshold || p1 - p2 < margin);
    }
}
