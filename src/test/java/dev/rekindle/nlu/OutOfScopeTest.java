package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutOfScopeTest {

    @Test
    void aLowConfidenceBecomesOutOfScope() {
        TextCategorizer plain = new TextCategorizer(SmallData.model());
        Prediction before = plain.categorize("we had a fight");
        assertEquals("conflict", before.label());
        double p1 = before.confidence();
        TextCategorizer strict = new TextCategorizer(
                SmallData.model().withOutOfScopeRule(new OutOfScopeRule("out_of_scope", Math.min(1, p1 + 0.01), 0)));
        Prediction after = strict.categorize("we had a fight");
        assertEquals("out_of_scope", after.label());
        assertTrue(after.rejected());
        assertEquals("conflict", after.best());
        assertEquals(1 - p1, after.confidence(), 1e-12);
    }

    @Test
    void aNarrowLeadBecomesOutOfScope() {
        Prediction before = new TextCategorizer(SmallData.model()).categorize("we had a fight");
        double lead =
                before.ranked().get(0).probability() - before.ranked().get(1).probability();
        TextCategorizer strict = new TextCategorizer(
                SmallData.model().withOutOfScopeRule(new OutOfScopeRule("out_of_scope", 0, Math.min(1, lead + 0.01))));
        assertEquals("out_of_scope", strict.categorize("we had a fight").label());
    }

    @Test
    void theRuleNeverOverrulesTheOutOfScopeClassItself() {
        OutOfScopeRule r = new OutOfScopeRule("out_of_scope", 0.9, 0.5);
        assertFalse(r.rejects("out_of_scope", 0.3, 0.29));
        assertTrue(r.rejects("conflict", 0.95, 0.6));
        assertTrue(r.rejects("conflict", 0.5, 0.1));
        assertFalse(r.rejects("conflict", 0.95, 0.1));
        assertFalse(OutOfScopeRule.none().rejects("conflict", 0.01, 0.01));
    }

    @Test
    void theTunerMaximisesInScopeAccuracyPlusOutOfScopeRecall() {
        List<String> labels = List.of("a", "b", "out_of_scope");
        String[] gold = {"a", "b", "a", "out_of_scope", "out_of_scope"};
        double[][] probs = {
            {0.9, 0.05, 0.05}, // confident and right
            {0.1, 0.8, 0.1}, // confident and right
            {0.6, 0.3, 0.1}, // right, less sure
            {0.55, 0.38, 0.07}, // out of scope, looks like a, unsure
            {0.1, 0.2, 0.7}, // out of scope by the class
        };
        OutOfScopeTuner.Tuning t =
                OutOfScopeTuner.tune(gold, probs, labels, "out_of_scope", OutOfScopeTuner.Objective.balanced());
        assertEquals(1.0, t.inScopeBefore());
        assertEquals(0.5, t.oosRecallBefore());
        assertEquals(1.0, t.inScopeAfter());
        assertEquals(1.0, t.oosRecallAfter());
        assertTrue(t.rule().rejects("a", 0.55, 0.38));
        assertFalse(t.rule().rejects("a", 0.6, 0.3));
        assertEquals(
                0.18, t.rule().threshold() + t.rule().margin(), 1e-9, "the least rejection that works: " + t.rule());
    }

    @Test
    void withoutOutOfScopeExamplesThereIsNoRule() {
        OutOfScopeTuner.Tuning t = OutOfScopeTuner.tune(
                new String[] {"a"},
                new double[][] {{0.6, 0.4}},
                List.of("a", "b"),
                "out_of_scope",
                OutOfScopeTuner.Objective.accuracy());
        assertEquals(OutOfScopeRule.none(), t.rule());
    }

    /** Three rare out-of-scope messages among many in-scope ones that a rule can only catch at a price. */
    private static final List<String> LABELS = List.of("a", "b", "out_of_scope");

    private static final String[] GOLD = {"a", "a", "a", "a", "b", "b", "b", "b", "out_of_scope", "out_of_scope"};
    private static final double[][] PROBS = {
        {0.9, 0.05, 0.05}, {0.85, 0.1, 0.05}, {0.5, 0.45, 0.05}, {0.52, 0.4, 0.08},
        {0.1, 0.85, 0.05}, {0.05, 0.9, 0.05}, {0.45, 0.5, 0.05}, {0.4, 0.53, 0.07},
        {0.51, 0.44, 0.05}, {0.1, 0.1, 0.8},
    };

    @Test
    void accuracyWillNotGiveUpTwoRightAnswersToCatchOneOutOfScope() {
        OutOfScopeTuner.Tuning t =
                OutOfScopeTuner.tune(GOLD, PROBS, LABELS, "out_of_scope", OutOfScopeTuner.Objective.accuracy());
        assertEquals(1.0, t.inScopeAfter(), "rejecting the unsure in-scope answers costs more than it gains");
        assertEquals(0.5, t.oosRecallAfter());
    }

    @Test
    void balancedTradesInScopeAnswersForOutOfScopeRecall() {
        OutOfScopeTuner.Tuning t =
                OutOfScopeTuner.tune(GOLD, PROBS, LABELS, "out_of_scope", OutOfScopeTuner.Objective.balanced());
        assertEquals(1.0, t.oosRecallAfter());
        assertTrue(t.inScopeAfter() < 1.0, "balanced pays with in-scope answers: " + t.inScopeAfter());
    }

    @Test
    void aFloorKeepsInScopeAccuracyWhereItIsAsked() {
        OutOfScopeTuner.Tuning t = OutOfScopeTuner.tune(
                GOLD, PROBS, LABELS, "out_of_scope", new OutOfScopeTuner.Objective.InScopeFloor(0.75));
        assertTrue(t.inScopeAfter() >= 0.75, "in-scope " + t.inScopeAfter());
        assertEquals(1.0, t.oosRecallAfter());
    }

    @Test
    void objectivesReadWhatTheyWrite() {
        for (String spec : List.of("accuracy", "balanced", "floor:0.93")) {
            assertEquals(spec, OutOfScopeTuner.Objective.parse(spec).spec());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> OutOfScopeTuner.Objective.parse("floor:93"));
        assertTrue(e.getMessage().contains("floor:0.93"), e.getMessage());
    }
}
