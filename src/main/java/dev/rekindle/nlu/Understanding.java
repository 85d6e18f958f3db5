package dev.rekindle.nlu;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.safety.SafetyDetector;
import java.util.Optional;

/**
 * What the bot makes of a partner's free text, in the order that keeps people safe: first the safety
 * detector, in every state and every chat; only a message it lets through is routed by intent.
 */
public final class Understanding {

    /** Either a safety alert or an ordinary message with its intent. */
    public sealed interface Verdict {}

    public record Safety(SafetyKind kind) implements Verdict {}

    public record Ordinary(String intent) implements Verdict {}

    private final IntentClassifier classifier;
    private final SafetyDetector safety;

    private Understanding(IntentClassifier classifier, SafetyDetector safety) {
        this.classifier = classifier;
        this.safety = safety;
    }

    /** Intents only, with no safety detector: for tests that simulate the detector themselves. */
    public static Understanding withoutSafety(IntentClassifier classifier) {
        return new Understanding(classifier, null);
    }

    public static Understanding of(IntentClassifier classifier, SafetyDetector safety) {
        return new Understanding(classifier, java.util.Objects.requireNonNull(safety, "safety"));
    }

    public Verdict understand(String text) {
        Classification c = classifier.classify(text);
        if (safety != null) {
            Optional<SafetyKind> kind = safety.check(text, c);
            if (kind.isPresent()) {
                return new Safety(kind.get());
            }
        }
        return new Ordinary(c.intent());
    }

    /** With the intent already known (a transcript's {@code intent:}); the safety check still runs. */
    public Verdict understand(String text, String knownIntent) {
        if (safety != null) {
            Optional<SafetyKind> kind = safety.check(text, null);
            if (kind.isPresent()) {
                return new Safety(kind.get());
            }
        }
        return new Ordinary(knownIntent);
    }

    /**
     * The engine's input for free text {@code from} wrote in {@code chat}: a safety alert when the detector
     * flags it, else the text with its intent. Every adapter goes through here, so none can route first.
     */
    public Input input(Partner from, Chat chat, String text) {
        return toInput(from, chat, text, understand(text));
    }

    /** As {@link #input(Partner, Chat, String)}, with the intent already known; the safety check still runs. */
    public Input input(Partner from, Chat chat, String text, String knownIntent) {
        return toInput(from, chat, text, understand(text, knownIntent));
    }

    private static Input toInput(Partner from, Chat chat, String text, Verdict verdict) {
        if (verdict instanceof Safety s) {
            return new Input.SafetyAlert(from, chat, s.kind());
        }
        return new Input.Text(from, chat, text, ((Ordinary) verdict).intent());
    }

    public IntentClassifier classifier() {
        return classifier;
    }
}
