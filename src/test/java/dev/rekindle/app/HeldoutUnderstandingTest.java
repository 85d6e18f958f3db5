package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.Classification;
import dev.rekindle.nlu.Evaluation;
import dev.rekindle.nlu.IntentClassifier;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.OpenNlpIntentClassifier;
import dev.rekindle.nlu.RoutingScore;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.safety.SafetyDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bot's own model and lexicon as the jar ships them (the build trains the model from models/en/intents, or
 * reuses it by fingerprint, and puts it on the classpath), measured on the
 * held-out file that is never trained on, against the targets of the understanding issue: at least
 * 92% accuracy, every crisis and abuse line caught, at most 2% of ordinary lines raised. A change
 * to the data, the lexicon or the pipeline that makes understanding worse fails the build.
 */
class HeldoutUnderstandingTest {
    private static final Path MODELS = UnderstandingFactory.DEFAULT_MODELS;
    private static final double ACCURACY_FLOOR = 0.92;
    private static final double SAFETY_RECALL_FLOOR = 1.0;
    private static final double FALSE_ALARM_CEILING = 0.02;
    /** At most one direct route in fifty goes to a wrong exercise (measured: 2 of 374). */
    private static final double WRONG_EXERCISE_CEILING = 0.02;
    /** At least seven messages in ten are acted on without a question (measured: 78%). */
    private static final double DIRECT_FLOOR = 0.70;

    @Test
    void theBotsModelUnderstandsTheHeldOutMessages() throws Exception {
        ShippedModels shipped = new ShippedModels();
        java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
        IntentClassifier classifier = new OpenNlpIntentClassifier(shipped.model(quiet));
        SafetyDetector safety = UnderstandingFactory.detector(shipped, quiet);
        int total = 0;
        int right = 0;
        int risky = 0;
        int caught = 0;
        int ordinary = 0;
        int alarms = 0;
        List<String> missed = new ArrayList<>();
        for (String line : Files.readAllLines(MODELS.resolve("heldout.tsv"))) {
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split("\t", 2);
            Classification c = classifier.classify(p[1]);
            total++;
            if (c.intent().equals(p[0])) {
                right++;
            }
            // a message of its own: a flow or a gentle check both count as raised for a disclosure; on an ordinary
            // line, only a flow that takes over is a false alarm here (the file predates the gentle kinds: "sex
            // hurts for me" is sexual_difficulty in it, and rightly gets the pain flow now); checks on ordinary lines
            // are held to their own target on the safety sets (SafetyHeldoutTest)
            SafetyDecision d = safety.read(p[1]).asMessage();
            boolean alarm = p[0].equals("crisis") || p[0].equals("abuse")
                    ? !(d instanceof SafetyDecision.Nothing)
                    : d instanceof SafetyDecision.Flow f && f.kind().takesOver();
            Optional<SafetyKind> alert = alarm ? Optional.of(d.kind()) : Optional.empty();
            if (p[0].equals("crisis") || p[0].equals("abuse")) {
                risky++;
                if (alert.isPresent()) {
                    caught++;
                } else {
                    missed.add(p[0]);
                }
            } else {
                ordinary++;
                if (alert.isPresent()) {
                    alarms++;
                }
            }
        }
        double accuracy = (double) right / total;
        double recall = (double) caught / risky;
        double falseAlarms = (double) alarms / ordinary;
        String figures = String.format(
                Locale.ROOT,
                "held-out: accuracy %.1f%% (%d/%d), safety recall %.1f%% (%d/%d), false alarms %.1f%% (%d/%d)",
                100 * accuracy,
                right,
                total,
                100 * recall,
                caught,
                risky,
                100 * falseAlarms,
                alarms,
                ordinary);
        System.out.println(figures);
        assertTrue(total >= 400, "the held-out file shrank: " + total);
        assertTrue(accuracy >= ACCURACY_FLOOR, figures);
        assertTrue(recall >= SAFETY_RECALL_FLOOR, figures + "; missed " + missed);
        assertTrue(falseAlarms <= FALSE_ALARM_CEILING, figures);
    }

    /**
     * The routing rule as the jar ships it, on the same held-out file (docs/nlu.md, "Routing"): below its routing
     * threshold nothing starts an exercise without asking, few messages above it go to a wrong exercise, and most
     * messages are still acted on, so the rule cannot quietly turn into asking about everything.
     */
    @Test
    void belowTheRoutingThresholdNoHeldOutMessageStartsAnExerciseWithoutAsking() throws Exception {
        IntentModel model = new ShippedModels().model(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        RoutingScore r = Evaluation.of(
                        new TextCategorizer(model),
                        TrainingData.load(MODELS.resolve("heldout.tsv")).examples(),
                        null)
                .routing();
        String figures = String.format(
                Locale.ROOT,
                "held-out routing (%.2f / %.2f): %d direct (%d to a wrong exercise), %d offered (%d holding the right"
                        + " one), %d fallback; %d to an exercise below the threshold",
                r.rule().direct(),
                r.rule().offer(),
                r.direct(),
                r.directWrongExercise(),
                r.offered(),
                r.offerHits(),
                r.fallback(),
                r.belowThreshold());
        System.out.println(figures);
        assertTrue(r.rule().direct() > 0, "the shipped model has a tuned routing rule: " + figures);
        assertEquals(0, r.belowThreshold(), figures);
        assertTrue(r.directWrongExercise() <= WRONG_EXERCISE_CEILING * r.direct(), figures + "; " + r.wrongExercises());
        assertTrue(r.direct() >= DIRECT_FLOOR * r.examples(), figures);
    }
}
