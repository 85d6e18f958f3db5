package dev.rekindle.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/** Trains an {@link IntentModel} from labelled examples ("trainer, model and runtime apart", as in OpenNLP doccat). */
public final class IntentTrainer {
    /** The model's language code as OpenNLP records it; the pipeline itself is English-leaning (Porter). */
    static final String LANGUAGE = "en";

    private IntentTrainer() {}

    /**
     * A model trained on {@code examples} with {@code params}, with no out-of-scope rule yet (see
     * {@link OutOfScopeTuner}) and no fingerprint (see {@link ModelStore}). Examples whose text has no word left
     * after normalisation (e.g. "?!") are skipped.
     */
    public static IntentModel train(List<LabeledText> examples, IntentParams params) {
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        Pipeline p = params.pipeline();
        for (LabeledText e : examples) {
            String[] tokens = p.tokens(e.text());
            if (tokens.length > 0) {
                samples.add(new DocumentSample(e.label(), tokens));
            }
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no examples to train on");
        }
        if (samples.stream().map(DocumentSample::getCategory).distinct().count() < 2) {
            throw new IllegalArgumentException("training needs at least two labels");
        }
        try {
            DoccatModel doccat = DocumentCategorizerME.train(
                    LANGUAGE,
                    ObjectStreamUtils.createObjectStream(samples),
                    trainingParameters(params),
                    new DoccatFactory(p.generators()));
            return new IntentModel(IntentModel.withOurGenerators(doccat, params), params, OutOfScopeRule.none(), "");
        } catch (IOException e) {
            throw new UncheckedIOException("training failed: " + e.getMessage(), e);
        }
    }

    static TrainingParameters trainingParameters(IntentParams params) {
        TrainingParameters tp = new TrainingParameters();
        tp.put(TrainingParameters.ALGORITHM_PARAM, params.algorithm());
        tp.put(TrainingParameters.ITERATIONS_PARAM, params.iterations());
        tp.put(TrainingParameters.CUTOFF_PARAM, params.cutoff());
        tp.put(TrainingParameters.THREADS_PARAM, params.threads());
        if (params.algorithm().equals("MAXENT_QN")) {
            tp.put("L1Cost", params.l1());
            tp.put("L2Cost", params.l2());
        }
        return tp;
    }
}
