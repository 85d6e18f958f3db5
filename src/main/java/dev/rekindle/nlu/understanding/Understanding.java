package dev.rekindle.nlu.understanding;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.SafetyReading;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.Routing;
import dev.rekindle.nlu.RoutingRule;
import dev.rekindle.nlu.safety.SafetyDetector;
import java.util.List;
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
     * The engine's input for free text {@code from} wrote in {@code chat}: the text with its safety reading and what
     * the classifier's verdict allows (its {@link RoutingRule}): an intent to act on, or the likeliest ones to offer
     * first. Every adapter goes through here, so none can route before the detector has read the text.
     */
    public Input input(Partner from, Chat chat, String text) {
        Routing r = routing(text);
        return new Input.Text(from, chat, text, r.intent(), safety(text), r.offers());
    }

    /** As {@link #input(Partner, Chat, String)}, with the intent already known; the detector still reads the text. */
    public Input input(Partner from, Chat chat, String text, String knownIntent) {
        return new Input.Text(from, chat, text, knownIntent, safety(text));
    }

    /**
     * As {@link #input(Partner, Chat, String)}, with the classifier's doubt already known (tests, transcripts): it was
     * unsure, and {@code offers} are its likeliest intents; the detector still reads the text.
     */
    public Input unsure(Partner from, Chat chat, String text, List<String> offers) {
        return new Input.Text(from, chat, text, IntentTaxonomy.OUT_OF_SCOPE, safety(text), offers);
    }

    /** The classifier's verdict on {@code text} under its routing rule: act, offer, or fall back. */
    public Routing routing(String text) {
        return classifier.routing().route(classifier.classify(text));
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    /** The detector, for explaining a decision. */
    public SafetyDetector detector() {
        return safety;
    }
}
