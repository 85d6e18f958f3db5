package dev.rekindle.app;

import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.ModelStore;
import dev.rekindle.nlu.OpenNlpIntentClassifier;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.Understanding;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.safety.SafetyModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Builds what the bot uses to understand free text from the files under models/. */
public final class UnderstandingFactory {
    public static final Path DEFAULT_MODELS = Path.of("models", "en");

    private UnderstandingFactory() {}

    /**
     * The classifier and the safety detector of one language folder: the OpenNLP model trained from
     * {@code intents/} (reused while its fingerprint matches, retrained when the data changed), and the
     * lexicon {@code safety.txt}. Without training data the keyword stand-in answers, and says so.
     */
    public static Understanding load(Path languageDir, PrintWriter notes) throws IOException {
        IntentClassifier classifier = classifier(languageDir, notes);
        return Understanding.of(classifier, detector(languageDir, notes));
    }

    /** The safety detector of one language folder: the lexicon and the safety model trained from safety-train/. */
    static SafetyDetector detector(Path languageDir, PrintWriter notes) throws IOException {
        return new SafetyDetector(lexicon(languageDir, notes), safetyModel(languageDir, notes));
    }

    static SafetyModel safetyModel(Path languageDir, PrintWriter notes) throws IOException {
        Path data = languageDir.resolve("safety-train");
        ModelStore.Loaded loaded = ModelStore.loadOrTrain(data, languageDir.resolve("safety-model.bin"),
                IntentParams.defaults());
        if (loaded.retrained()) {
            notes.println("note: trained the safety model (" + loaded.reason() + ")");
        }
        return new SafetyModel(loaded.model());
    }

    static IntentClassifier classifier(Path languageDir, PrintWriter notes) throws IOException {
        Path data = languageDir.resolve("intents");
        if (!Files.isDirectory(data)) {
            notes.println("note: no training data at " + data + "; intents come from the keyword stand-in");
            return new KeywordIntentClassifier();
        }
        ModelStore.Loaded loaded = ModelStore.loadOrTrain(data, languageDir.resolve("intent-model.bin"),
                IntentParams.defaults());
        if (loaded.retrained()) {
            notes.println("note: trained the intent model (" + loaded.reason() + ")");
        }
        return new OpenNlpIntentClassifier(loaded.model());
    }

    /** Without a lexicon the bot would miss listed disclosures, so that is said loudly. */
    static SafetyLexicon lexicon(Path languageDir, PrintWriter notes) throws IOException {
        Path file = languageDir.resolve("safety.txt");
        if (!Files.isRegularFile(file)) {
            notes.println("warning: no safety lexicon at " + file
                    + "; only the classifier's crisis and abuse scores can raise a safety alert");
            return SafetyLexicon.empty();
        }
        return SafetyLexicon.load(file);
    }

    /**
     * The safety check for the {@code nlu} commands: the lexicon, plus the model's crisis and abuse scores
     * when the model speaks Rekindle's taxonomy (a benchmark model such as CLINC150 does not).
     */
    static SafetyCheck safetyCheck(TextCategorizer categorizer, PrintWriter notes) {
        try {
            SafetyDetector detector = detector(DEFAULT_MODELS, notes);
            return text -> detector.read(text).asMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("the safety lexicon could not be read: " + e.getMessage(), e);
        }
    }
}
