package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.Classification;
import dev.rekindle.nlu.IntentClassifier;
import java.util.Optional;

/**
 * Decides whether a message is a crisis or abuse disclosure, before any intent routing. The lexicon
 * catches what a therapist listed; the classifier's crisis and abuse scores catch phrasings nobody
 * listed. Tuned for recall: a missed disclosure is far worse than a gentle false alarm.
 */
public final class SafetyDetector {
    /** Scores at or above these raise an alert even when crisis/abuse is not the top intent. */
    public static final double DEFAULT_CRISIS_SCORE = 0.30;
    public static final double DEFAULT_ABUSE_SCORE = 0.30;

    private final SafetyLexicon lexicon;
    private final IntentClassifier classifier;
    private final double crisisScore;
    private final double abuseScore;

    public SafetyDetector(SafetyLexicon lexicon, IntentClassifier classifier, double crisisScore, double abuseScore) {
        this.lexicon = lexicon;
        this.classifier = classifier;
        this.crisisScore = crisisScore;
        this.abuseScore = abuseScore;
    }

    public SafetyDetector(SafetyLexicon lexicon, IntentClassifier classifier) {
        this(lexicon, classifier, DEFAULT_CRISIS_SCORE, DEFAULT_ABUSE_SCORE);
    }

    public Optional<SafetyKind> check(String text) {
        return check(text, classifier == null ? null : classifier.classify(text));
    }

    /** With a classification already made for this text (so a message is classified once). */
    public Optional<SafetyKind> check(String text, Classification classification) {
        SafetyLexicon.Match m = lexicon.find(text);
        if (m != null) {
            return Optional.of(m.kind());
        }
        if (classification == null) {
            return Optional.empty();
        }
        double crisis = 0;
        double abuse = 0;
        for (Classification.Scored s : classification.ranked()) {
            if (s.intent().equals("crisis")) crisis = s.probability();
            if (s.intent().equals("abuse")) abuse = s.probability();
        }
        if (classification.intent().equals("crisis") || crisis >= crisisScore) {
            return Optional.of(SafetyKind.CRISIS);
        }
        if (classification.intent().equals("abuse") || abuse >= abuseScore) {
            return Optional.of(SafetyKind.ABUSE);
        }
        return Optional.empty();
    }
}
