package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyEvaluation;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped safety detector on its development sets: models/en/safety-dev and safety-dev2, which it was tuned on
 * from the start, and safety-heldout to safety-heldout5, each held out once and read since. A change to the lexicon,
 * the safety model's data, its calibration or the thresholds that loses disclosures or raises more on everyday lines
 * fails the build. These are not blind figures (docs/nlu.md has those, each measured once with {@code nlu safety});
 * they guard against going back.
 */
class SafetyDevSetsTest {
    private static SafetyDetector detector;

    @BeforeAll
    static void loadTheShippedDetector() throws Exception {
        detector = UnderstandingFactory.detector(new ShippedModels(), new PrintWriter(Writer.nullWriter()));
    }

    /** The ceilings of one group of sets: a floor on recall, ceilings on what everyday lines and answers raise. */
    private record Ceilings(double recall, double flows, double checks, double answerChecks) {}

    @Test
    void theDetectorKeepsWhatItReachedOnTheSetsItWasTunedOnFirst() throws Exception {
        holds(List.of("safety-dev", "safety-dev2"), new Ceilings(0.98, 0.01, 0.04, 0.035));
    }

    @Test
    void theDetectorKeepsWhatItReachedOnTheHeldOutSetsReadSince() throws Exception {
        holds(
                List.of("safety-heldout", "safety-heldout2", "safety-heldout3", "safety-heldout4", "safety-heldout5"),
                new Ceilings(0.92, 0.008, 0.032, 0.025));
    }

    private static void holds(List<String> sets, Ceilings c) throws Exception {
        List<SafetyEvaluation.Line> lines = new ArrayList<>();
        for (String s : sets) {
            lines.addAll(SafetyEvaluation.load(Path.of("models/en", s)));
        }
        SafetyEvaluation.Report r = SafetyEvaluation.of(detector, lines);
        SafetyEvaluation.OrdinaryScore everyday = r.ordinary().get(0);
        SafetyEvaluation.OrdinaryScore answers = r.ordinary().get(1);
        String figures = String.format(
                Locale.ROOT,
                "%s: %d of %d disclosures raised; everyday: %d flows, %d checks of %d; answers: %d flows, %d checks of %d",
                sets,
                r.caught(),
                r.disclosures(),
                everyday.flows(),
                everyday.checks(),
                everyday.lines(),
                answers.flows(),
                answers.checks(),
                answers.lines());
        System.out.println(figures);
        assertTrue(lines.size() > 1000, "the sets shrank: " + lines.size());
        assertTrue(
                r.recall() >= c.recall(),
                figures + "; missed "
                        + r.kinds().stream().flatMap(k -> k.missed().stream()).toList());
        assertTrue(everyday.flowRate() <= c.flows(), figures + "; flows " + everyday.flowed());
        assertTrue(everyday.checkRate() <= c.checks(), figures + "; checks " + everyday.checked());
        assertEquals(0, answers.flows(), figures + "; an honest answer never starts a flow: " + answers.flowed());
        assertTrue(answers.checkRate() <= c.answerChecks(), figures + "; checks " + answers.checked());
    }
}
