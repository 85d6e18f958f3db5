package dev.rekindle.app;

import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.Understanding;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyLexicon;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds what the bot uses to understand free text from the files under models/. */
public final class UnderstandingFactory {
    public static final Path DEFAULT_MODELS = Path.of("models", "en");

    private UnderstandingFactory() {}

    /**
     * The classifier and the safety detector for one language folder. Without a lexicon the bot would
     * miss disclosures, so that is said loudly; the classifier's own scores still count.
     */
    public static Understanding load(Path languageDir, PrintWriter warnings) throws IOException {
        IntentClassifier classifier = new KeywordIntentClassifier();
        Path lexiconFile = languageDir.resolve("safety.txt");
        if (!Files.isRegularFile(lexiconFile)) {
            warnings.println("warning: no safety lexicon at " + lexiconFile
                    + "; only the classifier's crisis and abuse scores can raise a safety alert");
            return Understanding.of(classifier, new SafetyDetector(SafetyLexicon.empty(), classifier));
        }
        SafetyLexicon lexicon = SafetyLexicon.load(lexiconFile);
        return Understanding.of(classifier, new SafetyDetector(lexicon, classifier));
    }
}
