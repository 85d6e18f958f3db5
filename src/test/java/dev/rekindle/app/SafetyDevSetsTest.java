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
import org.junit.jupiter.api.Test;

/**
 * The shipped safety detector on the two development sets it was tuned on (models/en/safety-dev, safety-dev2): a
 * change to the lexicon, the safety model's data or the thresholds that loses a disclosure or raises more on
 * everyday lines fails the build. These are not the held-out figures (docs/nlu.md has those, measured once with
 * {@code nlu safety}); they guard against going back.
 */
class SafetyDevSetsTest {

    @Test
    void theDetectorKeepsWhatItReachedOnItsDevelopmentSets() throws Exception {
        SafetyDetector detector =
                UnderstandingFactory.detector(new ShippedModels(), new PrintWriter(Writer.nullWriter()));
        List<SafetyEvaluation.Line> lines = new ArrayList<>();
        lines.addAll(SafetyEvaluation.load(Path.of("models/en/safety-dev")));
        lines.addAll(SafetyEvaluation.load(Path.of("models/en/safety-dev2")));
        SafetyEvaluation.Report r = SafetyEvaluation.of(detector, lines);
        SafetyEvaluation.OrdinaryScore everyday = r.ordinary().get(0);
        SafetyEvaluation.OrdinaryScore answers = r.ordinary().get(1);
        String figures = String.format(
                Locale.ROOT,
                "development sets: %d of %d disclosures raised; everyday: %d flows, "
                        + "%d checks of %d; answers: %d flows, %d checks of %d",
                r.caught(),
                r.disclosures(),
                everyday.flows(),
                everyday.checks(),
                everyday.lines(),
                answers.flows(),
                answers.checks(),
                answers.lines());
        System.out.println(figures);
        assertTrue(lines.size() > 1000, "the development sets shrank: " + lines.size());
        assertTrue(
                r.recall() >= 0.98,
                figures + "; missed "
                        + r.kinds().stream().flatMap(k -> k.missed().stream()).toList());
        assertTrue(everyday.flowRate() <= 0.015, figures + "; flows " + everyday.flowed());
        assertTrue(everyday.checkRate() <= 0.04, figures + "; checks " + everyday.checked());
        assertEquals(0, answers.flows(), figures + "; an honest answer never starts a flow: " + answers.flowed());
        assertTrue(answers.checkRate() <= 0.04, figures + "; checks " + answers.checked());
    }
}
