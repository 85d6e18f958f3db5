package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {
    private static final RoutingRule RULE = new RoutingRule(0.8, 0.4, 0.2);

    private static Classification verdict(String intent, Object... rankedPairs) {
        List<Classification.Scored> ranked = new ArrayList<>();
        for (int i = 0; i < rankedPairs.length; i += 2) {
            ranked.add(new Classification.Scored((String) rankedPairs[i], (Double) rankedPairs[i + 1]));
        }
        return new Classification(intent, ranked.get(0).probability(), ranked);
    }

    @Test
    void aSureExerciseIntentIsActedOn() {
        Routing r = RULE.route(verdict("low_desire", "low_desire", 0.85, "feel_disconnected", 0.1));
        assertEquals(new Routing(Routing.Band.DIRECT, "low_desire", List.of()), r);
    }

    @Test
    void anUnsureOneOffersTheLikeliestExerciseAndTheNextWhenItReachesTheSecondThreshold() {
        Routing two = RULE.route(verdict("low_desire", "low_desire", 0.5, "feel_disconnected", 0.22, "no_time", 0.21));
        assertEquals(new Routing(Routing.Band.OFFER, "out_of_scope", List.of("low_desire", "feel_disconnected")), two);
        Routing one = RULE.route(verdict("low_desire", "low_desire", 0.5, "feel_disconnected", 0.15));
        assertEquals(List.of("low_desire"), one.offers());
    }

    @Test
    void controlAndSafetyIntentsAreNeverOfferedAndAtMostTwoExercisesAre() {
        Routing r = RULE.route(verdict(
                "crisis",
                "crisis",
                0.45,
                "greeting",
                0.44,
                "trust_broken",
                0.43,
                "resentment",
                0.42,
                "conflict",
                0.41));
        assertEquals(List.of("trust_broken", "resentment"), r.offers());
        Routing none = RULE.route(verdict("crisis", "crisis", 0.6, "trust_broken", 0.3, "resentment", 0.09));
        assertEquals(
                Routing.Band.FALLBACK, none.band(), "the likeliest exercise itself must reach the offer threshold");
    }

    @Test
    void belowTheOfferThresholdNothingIsOfferedAndTheBotSaysSo() {
        Routing r = RULE.route(verdict("past_wounds", "past_wounds", 0.3, "appreciation", 0.25));
        assertEquals(Routing.Band.FALLBACK, r.band());
        assertEquals("out_of_scope", r.intent());
    }

    @Test
    void aControlIntentStartsNoExerciseSoItIsActedOnFromTheOfferThreshold() {
        assertEquals(
                Routing.Band.DIRECT,
                RULE.route(verdict("thanks", "thanks", 0.5, "appreciation", 0.4))
                        .band());
        assertEquals(
                Routing.Band.FALLBACK,
                RULE.route(verdict("thanks", "thanks", 0.3, "appreciation", 0.2))
                        .band());
    }

    @Test
    void whatTheOutOfScopeRuleRejectedFallsBackEvenWhenItLooksLikeAnExercise() {
        Routing r = RULE.route(verdict("out_of_scope", "conflict", 0.45, "resentment", 0.445));
        assertEquals(Routing.Band.FALLBACK, r.band());
    }

    @Test
    void anUntunedRuleActsOnEveryVerdictAsTheBotDidBefore() {
        Routing r = RoutingRule.always().route(verdict("past_wounds", "past_wounds", 0.2, "appreciation", 0.19));
        assertEquals(new Routing(Routing.Band.DIRECT, "past_wounds", List.of()), r);
        assertEquals(
                Routing.Band.FALLBACK,
                RoutingRule.always().route(Classification.outOfScope()).band());
    }

    @Test
    void thresholdsOutOfOrderAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RoutingRule(0.4, 0.8, 0.1));
        assertEquals(
                "routing thresholds must keep 0 <= second <= offer <= direct <= 1: second 0.1, offer 0.8, direct 0.4",
                e.getMessage());
    }

    /**
     * Five bins of twelve messages each, from sure to unsure, over two exercise intents: the direct band ends where
     * fewer than nine in ten best guesses are right, the offer band where fewer than half the offers hold the answer.
     */
    @Test
    void theTunerReadsTheThresholdsOffTheBinsFromTheTopDown() {
        List<String> labels = List.of("conflict", "resentment", "out_of_scope");
        List<String> gold = new ArrayList<>();
        List<double[]> probs = new ArrayList<>();
        bin(gold, probs, 0.97, 12, 12); // 0.95-1.00: all right; 0.90-0.95 empty, passed over
        bin(gold, probs, 0.87, 12, 11); // 0.85-0.90: 92% right
        bin(gold, probs, 0.82, 12, 9); // 0.80-0.85: 75% right: the direct band stops above it
        bin(gold, probs, 0.62, 12, 7); // 0.60-0.65: the first button is right for 7 of 12
        bin(gold, probs, 0.52, 12, 4); // 0.50-0.55: for 4 of 12: the offer band stops above it
        bin(gold, probs, 0.32, 4, 0); // too few to judge
        RoutingTuner.Tuning t = RoutingTuner.tune(
                gold.toArray(String[]::new),
                probs.toArray(double[][]::new),
                labels,
                new OutOfScopeRule("out_of_scope", 0, 0));
        // in the offer band the second button (resentment, at 0.02) is right for 5 + 3 of 24: worth showing
        assertEquals(new RoutingRule(0.85, 0.55, 0.0), t.rule());
        assertEquals(new RoutingTuner.Bin(0.0, 24, 8), t.second().get(t.second().size() - 1));
        assertEquals(0.95, t.direct().get(0).from(), 1e-9);
        assertEquals(12, t.direct().get(0).right());
    }

    /** {@code n} messages whose best label is conflict at {@code p1}; {@code right} of them are conflict. */
    private static void bin(List<String> gold, List<double[]> probs, double p1, int n, int right) {
        for (int i = 0; i < n; i++) {
            gold.add(i < right ? "conflict" : "resentment");
            probs.add(new double[] {p1, 0.02, 0.98 - p1});
        }
    }

    @Test
    void theRoutingRuleTravelsWithTheModelFile() throws Exception {
        IntentModel m = SmallData.model().withRoutingRule(new RoutingRule(0.75, 0.35, 0.1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        IntentModel back = IntentModel.read(new ByteArrayInputStream(out.toByteArray()), "test");
        assertEquals(new RoutingRule(0.75, 0.35, 0.1), back.routingRule());
        assertEquals(back.routingRule(), new OpenNlpIntentClassifier(back).routing());
    }
}
