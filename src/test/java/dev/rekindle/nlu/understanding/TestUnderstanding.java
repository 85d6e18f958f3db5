package dev.rekindle.nlu.understanding;

import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyLexicon;

/** Understandings for tests. */
public final class TestUnderstanding {
    private TestUnderstanding() {}

    /**
     * Intents only, for tests that simulate the safety detector themselves: a detector with an empty lexicon and no
     * model, which reads every text as {@link dev.rekindle.dialog.engine.SafetyReading#NONE}.
     */
    public static Understanding withoutSafety(IntentClassifier classifier) {
        return Understanding.of(classifier, new SafetyDetector(SafetyLexicon.empty(), null));
    }
}
