package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rekindle's {@link IntentClassifier} on a trained OpenNLP model: the {@link TextCategorizer}'s verdict as a
 * {@link Classification} of the taxonomy. Thread-safe (see {@link TextCategorizer}).
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {
    private final TextCategorizer categorizer;

    /** @throws IllegalArgumentException when the model knows a label that is not in {@link IntentTaxonomy} */
    public OpenNlpIntentClassifier(IntentModel model) {
        List<String> unknown = new ArrayList<>();
        for (String l : model.labels()) {
            if (!IntentTaxonomy.contains(l)) {
                unknown.add(l);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the intent model knows labels that are not in Rekindle's taxonomy: "
                    + unknown + " (rename the training files to taxonomy names: " + IntentTaxonomy.NAMES + ")");
        }
        if (!IntentTaxonomy.OUT_OF_SCOPE.equals(model.outOfScopeRule().label())) {
            throw new IllegalArgumentException("the model's out-of-scope label is '"
                    + model.outOfScopeRule().label() + "', not '" + IntentTaxonomy.OUT_OF_SCOPE + "'");
        }
        this.categorizer = new TextCategorizer(model);
    }

    /** Loads a model file; labels outside the taxonomy are an error (see the constructor). */
    public static OpenNlpIntentClassifier load(Path modelFile) throws IOException {
        return new OpenNlpIntentClassifier(IntentModel.load(modelFile));
    }

    public TextCategorizer categorizer() {
        return categorizer;
    }

    /** The model's own routing rule, tuned with it. */
    @Override
    public RoutingRule routing() {
        return categorizer.model().routingRule();
    }

    @Override
    public Classification classify(String text) {
        if (text == null || text.isBlank()) {
            return Classification.outOfScope();
        }
        Prediction p = categorizer.categorize(text);
        List<Classification.Scored> ranked = new ArrayList<>(p.ranked().size());
        for (ScoredLabel s : p.ranked()) {
            ranked.add(new Classification.Scored(s.label(), s.probability()));
        }
        return new Classification(p.label(), Math.max(0, Math.min(1, p.confidence())), ranked);
    }
}
