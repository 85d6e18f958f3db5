package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.util.ArrayList;
import java.util.List;

/**
 * How a model's {@link RoutingRule} does on labelled data, by the classifier alone (in the bot the safety detector
 * reads every message first): how many messages would start what their intent starts without asking, how many
 * would be offered exercises first, how many would get the honest fallback, and the mistakes that matter most.
 *
 * @param rule               the rule measured
 * @param examples           how many messages
 * @param direct             routed directly
 * @param directRight        of those, to the gold intent
 * @param directWrongExercise of those, to an exercise intent that is not the gold one: an exercise the person did
 *                           not ask for, started without asking
 * @param offered            offered one or two exercises first
 * @param offerHits          of those, with the gold intent among the offers
 * @param fallback           answered with the honest fallback
 * @param fallbackOutOfScope of those, out of scope by their gold label (the fallback was the right answer)
 * @param belowThreshold     routed directly to an exercise although the best probability was below the rule's
 *                           {@code direct} threshold (the rule's promise: always 0)
 * @param wrongExercises     each direct route to a wrong exercise: {@code gold -> routed: text}
 */
public record RoutingScore(
        RoutingRule rule,
        int examples,
        int direct,
        int directRight,
        int directWrongExercise,
        int offered,
        int offerHits,
        int fallback,
        int fallbackOutOfScope,
        int belowThreshold,
        List<String> wrongExercises) {

    public RoutingScore {
        wrongExercises = List.copyOf(wrongExercises);
    }

    /** Counts the routes of one model's answers. */
    static final class Tally {
        private final RoutingRule rule;
        private final List<String> wrong = new ArrayList<>();
        private int n;
        private int direct;
        private int directRight;
        private int directWrong;
        private int offered;
        private int offerHits;
        private int fallback;
        private int fallbackOos;
        private int below;

        Tally(RoutingRule rule) {
            this.rule = rule;
        }

        void add(LabeledText e, Prediction p) {
            List<Classification.Scored> ranked = new ArrayList<>(p.ranked().size());
            for (ScoredLabel s : p.ranked()) {
                ranked.add(new Classification.Scored(s.label(), s.probability()));
            }
            Routing r = rule.route(p.label(), ranked);
            String gold = e.label();
            n++;
            switch (r.band()) {
                case DIRECT -> {
                    direct++;
                    boolean exercise = IntentTaxonomy.startsExercise(r.intent());
                    if (r.intent().equals(gold)) {
                        directRight++;
                    } else if (exercise) {
                        directWrong++;
                        wrong.add(gold + " -> " + r.intent() + ": " + e.text());
                    }
                    if (exercise && ranked.get(0).probability() < rule.direct()) {
                        below++;
                    }
                }
                case OFFER -> {
                    offered++;
                    if (r.offers().contains(gold)) {
                        offerHits++;
                    }
                }
                case FALLBACK -> {
                    fallback++;
                    if (gold.equals(IntentTaxonomy.OUT_OF_SCOPE)) {
                        fallbackOos++;
                    }
                }
            }
        }

        RoutingScore score() {
            return new RoutingScore(
                    rule, n, direct, directRight, directWrong, offered, offerHits, fallback, fallbackOos, below, wrong);
        }
    }
}
