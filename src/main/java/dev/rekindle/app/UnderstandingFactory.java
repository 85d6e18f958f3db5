package dev.rekindle.app;

import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.OpenNlpIntentClassifier;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.Understanding;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyLexicon;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds what the bot uses to understand free text: the classifier and the safety detector over the intent model
 * and the lexicon of a {@link ModelSource}. When either cannot be loaded it throws, and the bot does not start:
 * a bot that cannot see a crisis must not talk to people.
 */
public final class UnderstandingFactory {
    /** The project folder's English language folder, relative to the current folder (tests and benchmarks). */
    public static final Path DEFAULT_MODELS = Path.of("models", "en");

    private UnderstandingFactory() {}

    /**
     * The understanding of {@code source}: the lexicon first (quick, and no training is wasted on a folder without
     * one), then the model, trained first with progress on {@code progress} when a folder's is missing or stale.
     */
    public static Understanding load(ModelSource source, PrintWriter progress) throws ModelsUnavailableException {
        SafetyLexicon lexicon = source.lexicon();
        IntentModel model = source.model(progress);
        IntentClassifier classifier;
        try {
            classifier = new OpenNlpIntentClassifier(model);
        } catch (IllegalArgumentException e) {
            throw new ModelsUnavailableException("the safety detector's intent model from " + source.describe()
                    + " does not fit Rekindle: " + e.getMessage(), e);
        }
        return Understanding.of(classifier, new SafetyDetector(lexicon, classifier));
    }

    /** The understanding of a language folder such as models/en (see {@link ModelFolder}). */
    public static Understanding load(Path languageDir, PrintWriter progress) throws IOException {
        return load(new ModelFolder(languageDir), progress);
    }

    /** The understanding shipped in the jar (on the classpath: target/classes when tests run). */
    public static Understanding shipped() throws ModelsUnavailableException {
        return load(new ShippedModels(), new PrintWriter(PrintWriter.nullWriter()));
    }

    /**
     * The safety check for the {@code nlu} commands: the lexicon, plus the model's crisis and abuse scores
     * when the model speaks Rekindle's taxonomy (a benchmark model such as CLINC150 does not).
     */
    static SafetyCheck safetyCheck(TextCategorizer categorizer, SafetyLexicon lexicon) {
        boolean ours = categorizer.labels().stream().allMatch(IntentTaxonomy::contains);
        SafetyDetector detector = new SafetyDetector(lexicon,
                ours ? new OpenNlpIntentClassifier(categorizer.model()) : null);
        return text -> detector.check(text).map(k -> k.name().toLowerCase(Locale.ROOT)).orElse(null);
    }
}
