package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.TextCategorizer;
import java.util.List;

/**
 * The safety detector's second opinion: a maxent classifier trained on {@code models/en/safety-train/} (one file
 * per safety kind and {@code none}), which reads phrasings the lexicon does not list and says when listed words
 * are used harmlessly, with its probabilities calibrated on lines it never trained on ({@link SafetyCalibration}).
 * Thread-safe, like {@link TextCategorizer}.
 */
public final class SafetyModel {
    /** The label of ordinary messages. */
    public static final String NONE = "none";

    private final TextCategorizer categorizer;
    private final int none;
    private final SafetyCalibration calibration;

    /** The model, not yet calibrated: for fitting a calibration ({@link #calibrated}) and measuring one. */
    public SafetyModel(IntentModel model) {
        this(model, null);
    }

    private SafetyModel(IntentModel model, SafetyCalibration calibration) {
        this.categorizer = new TextCategorizer(model);
        this.calibration = calibration;
        List<String> labels = categorizer.labels();
        this.none = labels.indexOf(NONE);
        for (String l : labels) {
            if (!l.equals(NONE) && SafetyKind.parse(l).isEmpty()) {
                throw new IllegalArgumentException("the safety model has a label '" + l + "' that is neither none nor a"
                        + " safety kind (" + SafetyKind.ids() + "); retrain it from models/en/safety-train");
            }
        }
        if (none < 0) {
            throw new IllegalArgumentException(
                    "the safety model has no 'none' label; retrain it from models/en/safety-train");
        }
    }

    /**
     * This model with {@code c}, which must have been fitted for it.
     *
     * @throws IllegalArgumentException when {@code c} was fitted for another model, whose scores meant other things
     */
    public SafetyModel calibrated(SafetyCalibration c) {
        if (!c.model().equals(fingerprint())) {
            throw new IllegalArgumentException("its calibration was fitted for another safety model (" + c.model()
                    + ", this one is " + fingerprint() + "): fit it again on the lines it names (the build does, "
                    + "from models/en)");
        }
        return new SafetyModel(categorizer.model(), c);
    }

    /** Whether the probabilities of {@link #opinion} are calibrated. */
    public boolean isCalibrated() {
        return calibration != null;
    }

    /** The calibration of {@link #opinion}; null when the model is not calibrated. */
    public SafetyCalibration calibration() {
        return calibration;
    }

    /** The fingerprint of the training data and parameters the model was trained from. */
    public String fingerprint() {
        return categorizer.model().fingerprint();
    }

    /** What the model makes of one message, its probabilities calibrated when the model is. */
    public Opinion opinion(String text) {
        Opinion raw = uncalibrated(text);
        return calibration == null ? raw : calibration.apply(raw);
    }

    /** The maxent model's own probabilities, as trained: over-confident on near misses. */
    public Opinion uncalibrated(String text) {
        double[] p = categorizer.probabilities(text);
        List<String> labels = categorizer.labels();
        SafetyKind best = null;
        double bestP = 0;
        for (int i = 0; i < p.length; i++) {
            if (i != none && p[i] > bestP) {
                bestP = p[i];
                best = SafetyKind.parse(labels.get(i)).orElseThrow();
            }
        }
        return new Opinion(best, bestP, p[none]);
    }

    /**
     * What the model reads in one message: the likeliest safety kind, and how likely the message is ordinary.
     *
     * @param kind    the likeliest safety kind (null only for a model without any)
     * @param p       its probability
     * @param none    the probability that the message is ordinary
     */
    public record Opinion(SafetyKind kind, double p, double none) {
        /**
         * No model to ask: the lexicon decides alone. No model's opinion equals it: a model's probabilities add up
         * to 1, so its {@code p} and {@code none} are never both 0.
         */
        public static final Opinion ABSENT = new Opinion(null, 0, 0);

        /** The probability of some safety concern. */
        public double concern() {
            return kind == null ? 0 : 1 - none;
        }
    }
}
