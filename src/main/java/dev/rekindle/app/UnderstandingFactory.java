package dev.rekindle.app;

import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.OpenNlpIntentClassifier;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.safety.SafetyModel;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Builds what the bot uses to understand free text: the intent classifier, and the safety detector over the
 * lexicon and the safety model, all of one {@link ModelSource}. When any of them cannot be loaded it throws, and the
 * bot does not start: a bot that cannot see a crisis must not talk to people.
 */
public final class UnderstandingFactory {
    /** The project folder's English language folder, relative to the current folder (tests and benchmarks). */
    public static final Path DEFAULT_MODELS = Path.of("models", "en");

    private UnderstandingFactory() {}

    /**
     * The understanding of {@code source}: the lexicon first (quick, and no training is wasted on a folder without
     * one), then the models, trained first with progress on {@code progress} when a folder's are missing or stale.
     */
    public static Understanding load(ModelSource source, PrintWriter progress) throws ModelsUnavailableException {
        SafetyLexicon lexicon = source.lexicon();
        IntentModel model = source.model(progress);
        IntentClassifier classifier;
        try {
            classifier = new OpenNlpIntentClassifier(model);
        } catch (IllegalArgumentException e) {
            throw new ModelsUnavailableException(
                    "the intent model from " + source.describe() + " does not fit Rekindle: " + e.getMessage(), e);
        }
        return Understanding.of(classifier, detector(lexicon, source, progress));
    }

    /** The understanding of a language folder such as models/en (see {@link ModelFolder}). */
    public static Understanding load(Path languageDir, PrintWriter progress) throws IOException {
        return load(new ModelFolder(languageDir), progress);
    }

    /** The understanding shipped in the jar (on the classpath: target/classes when tests run). */
    public static Understanding shipped() throws ModelsUnavailableException {
        return load(new ShippedModels(), new PrintWriter(PrintWriter.nullWriter()));
    }

    /** The safety detector of {@code source}: its lexicon and its safety model. */
    static SafetyDetector detector(ModelSource source, PrintWriter progress) throws ModelsUnavailableException {
        return detector(source.lexicon(), source, progress);
    }

    private static SafetyDetector detector(SafetyLexicon lexicon, ModelSource source, PrintWriter progress)
            throws ModelsUnavailableException {
        IntentModel safety = source.safetyModel(progress);
        try {
            return new SafetyDetector(lexicon, source.calibrated(new SafetyModel(safety), progress));
        } catch (IllegalArgumentException e) {
            throw new ModelsUnavailableException(
                    "the safety model from " + source.describe() + " does not fit Rekindle: " + e.getMessage(), e);
        }
    }

    /**
     * The safety check for the {@code nlu} commands, with the detector of {@code source}; null for a model that does
     * not speak Rekindle's taxonomy (a benchmark model such as CLINC150), whose messages are not ours to judge.
     */
    static SafetyCheck safetyCheck(TextCategorizer categorizer, ModelSource source, PrintWriter progress)
            throws ModelsUnavailableException {
        if (!categorizer.labels().stream().allMatch(IntentTaxonomy::contains)) {
            return null;
        }
        SafetyDetector detector = detector(source, progress);
        return text -> detector.read(text).asMessage();
    }
}
