package dev.rekindle.nlu.understanding;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.SafetyReading;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.safety.SafetyDetector;
import java.util.Objects;

/**
 * What the bot makes of a partner's free text: the safety detector's reading, in every state and every chat, and
 * the intent. The engine decides with both: a flow interrupts whatever runs, a check is asked gently, and only
 * then is the text routed by intent or taken as an answer.
 */
public final class Understanding {
    private final IntentClassifier classifier;
    private final SafetyDetector safety;

    private Understanding(IntentClassifier classifier, SafetyDetector safety) {
        this.classifier = classifier;
        this.safety = safety;
    }

    public static Understanding of(IntentClassifier classifier, SafetyDetector safety) {
        return new Understanding(classifier, Objects.requireNonNull(safety, "safety"));
    }

    /** The safety detector's reading of {@code text}. */
    public SafetyReading safety(String text) {
        return safety.read(text);
    }

    /**
     * The engine's input for free text {@code from} wrote in {@code chat}: the text with its intent and its safety
     * reading. Every adapter goes through here, so none can route before the detector has read the text.
     */
    public Input input(Partner from, Chat chat, String text) {
        return new Input.Text(from, chat, text, classifier.classify(text).intent(), safety(text));
    }

    /** As {@link #input(Partner, Chat, String)}, with the intent already known; the detector still reads the text. */
    public Input input(Partner from, Chat chat, String text, String knownIntent) {
        return new Input.Text(from, chat, text, knownIntent, safety(text));
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    /** The detector, for explaining a decision. */
    public SafetyDetector detector() {
        return safety;
    }
}
