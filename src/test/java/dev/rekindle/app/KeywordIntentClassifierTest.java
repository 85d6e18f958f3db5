package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.nlu.Classification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeywordIntentClassifierTest {
    private final KeywordIntentClassifier classifier = new KeywordIntentClassifier();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Hello!                                        | greeting
            thanks a lot                                  | thanks
            how does this work?                           | help
            stop                                          | stop
            Yes please                                    | affirm
            nope                                          | deny
            I really appreciate how patient you were      | appreciation
            He never listens to me                        | feel_unheard
            we feel like roommates lately                 | feel_disconnected
            we keep arguing about money                   | conflict
            we have no time for each other                | no_time
            I miss cuddling on the sofa                   | miss_affection
            should we see a couples therapist?            | seek_therapist
            I'm just not in the mood most nights          | low_desire
            I don’t trust her since the affair            | trust_broken
            the weather is nice                           | out_of_scope
            we had a huge fight and he was yelling        | conflict
            we have not enough time                       | no_time
            """)
    void findsTheIntentOfTypicalPhrases(String text, String intent) {
        assertEquals(intent, classifier.classify(text).intent());
    }

    @Test
    void outOfScopeForBlankText() {
        assertEquals(IntentTaxonomy.OUT_OF_SCOPE, classifier.classify("   ").intent());
        assertEquals(IntentTaxonomy.OUT_OF_SCOPE, classifier.classify(null).intent());
    }

    @Test
    void rankedProbabilitiesAreSortedAndSumToOne() {
        Classification c = classifier.classify("no thanks, we argue too much");
        double sum = c.ranked().stream()
                .mapToDouble(Classification.Scored::probability)
                .sum();
        assertEquals(1.0, sum, 1e-9);
        for (int i = 1; i < c.ranked().size() - 1; i++) {
            assertTrue(c.ranked().get(i - 1).probability() >= c.ranked().get(i).probability());
        }
        assertEquals(c.intent(), c.ranked().get(0).intent());
        assertEquals(c.confidence(), c.ranked().get(0).probability());
    }

    @Test
    void neverAnswersTheSafetyIntents() {
        for (String intent : KeywordIntentClassifier.phrases().keySet()) {
            assertTrue(!IntentTaxonomy.SAFETY.contains(intent) && IntentTaxonomy.contains(intent), intent);
        }
        assertEquals(
                IntentTaxonomy.OUT_OF_SCOPE,
                classifier.classify("I want to die").intent());
    }
}
