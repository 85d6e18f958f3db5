package dev.rekindle.nlu;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/**
 * The runtime over an {@link IntentModel}: ranked labels with probabilities, and the decision after the model's
 * out-of-scope rule. Works for any label set (Rekindle's taxonomy, CLINC150's 151 labels).
 *
 * <p><b>Thread safety, settled here.</b> OpenNLP does not document {@link DocumentCategorizerME} as thread-safe.
 * What is shared is immutable after loading: the maxent weights (evaluation allocates its own score array) and
 * our stateless feature generators. So each call builds its own {@code DocumentCategorizerME} on the shared
 * model: two small allocations, measured by the CLINC150 benchmark at well under a microsecond, against a
 * {@code ThreadLocal} that would pin one categorizer to every pooled thread forever. {@code TextCategorizerTest}
 * proves that 8 threads get exactly the answers one thread gets.
 */
public final class TextCategorizer {
    private final IntentModel model;
    private final DoccatModel doccat;
    private final Pipeline pipeline;
    private final OutOfScopeRule rule;
    private final String[] labels;

    public TextCategorizer(IntentModel model) {
        this.model = model;
        this.doccat = model.doccat();
        this.pipeline = model.params().pipeline();
        this.rule = model.outOfScopeRule();
        this.labels = model.labels().toArray(new String[0]);
    }

    public IntentModel model() {
        return model;
    }

    /** The labels in the order of {@link #probabilities}. */
    public List<String> labels() {
        return model.labels();
    }

    /**
     * The probability of each label (in {@link #labels()} order). A message with no words (empty, only
     * punctuation or emoji) gets the same probability for every label.
     */
    public double[] probabilities(String text) {
        String[] tokens = pipeline.tokens(text);
        if (tokens.length == 0) {
            double[] flat = new double[labels.length];
            java.util.Arrays.fill(flat, 1.0 / labels.length);
            return flat;
        }
        return new DocumentCategorizerME(doccat).categorize(tokens);
    }

    /** The ranked labels and the decision for one message. */
    public Prediction categorize(String text) {
        return decide(probabilities(text), rule);
    }

    /** The prediction for these probabilities (in {@link #labels()} order) under {@code r}. */
    Prediction decide(double[] p, OutOfScopeRule r) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(p[b], p[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        List<ScoredLabel> ranked = new ArrayList<>(p.length);
        for (Integer i : order) {
            ranked.add(new ScoredLabel(labels[i], p[i]));
        }
        double p1 = p[order[0]];
        double p2 = order.length > 1 ? p[order[1]] : 0;
        String best = labels[order[0]];
        if (r.rejects(best, p1, p2)) {
            return new Prediction(r.label(), 1 - p1, ranked, true);
        }
        return new Prediction(best, p1, ranked, false);
    }
}
