package dev.rekindle.nlu.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.engine.SafetyReading;
import org.junit.jupiter.api.Test;

class TestUnderstandingTest {
    @Test
    void withoutSafetyTheDetectorReadsNothingEvenInWordsOfDanger() {
        Understanding u = TestUnderstanding.withoutSafety(new KeywordIntentClassifier());
        for (String text : new String[] {"I want to die", "he hits me lol 😂", "", "Thank you"}) {
            assertEquals(SafetyReading.NONE, u.safety(text), text);
        }
    }
}
