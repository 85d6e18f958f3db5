package dev.rekindle.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a model does on labelled test data: what {@code rekindle nlu eval} prints.
 *
 * @param examples          how many examples
 * @param accuracy          share whose decided label (after the out-of-scope rule) is the gold one
 * @param accuracyAsClass   the same for the most probable label (out-of-scope as a class only, no rule)
 * @param inScopeAccuracy   accuracy over the examples whose gold label is not out of scope
 * @param outOfScopeRecall  share of out-of-scope examples decided out of scope (NaN when there are none)
 * @param outOfScope        how many out-of-scope examples
 * @param perLabel          precision, recall and F1 of each label (gold or predicted), by label name
 * @param confusions        the most frequent (gold, predicted) mistakes, most frequent first
 * @param safety            safety recall and false alarms, or null when no {@link SafetyCheck} was given
 * @param routing           what the model's routing rule would do: act, offer first, or fall back
 */
public record Evaluation(
        int examples,
        double accuracy,
        double accuracyAsClass,
        double inScopeAccuracy,
        double outOfScopeRecall,
        int outOfScope,
        List<LabelScore> perLabel,
        List<Confusion> confusions,
        SafetyScore safety,
        RoutingScore routing) {

    public record LabelScore(String label, int support, int predicted, double precision, double recall, double f1) {}

    public record Confusion(String gold, String predicted, int count, List<String> examples) {}

    /**
     * How the safety check did on the same data: crises and abuse caught, and false alarms.
     *
     * @param examples       gold crisis or abuse examples
     * @param caught         of those, how many the check raised (as either kind)
     * @param sameKind       of those, how many it raised as the gold kind
     * @param recall         caught / examples (NaN when there are none)
     * @param ordinary       examples with any other gold label
     * @param falseAlarms    of those, how many the check raised
     * @param falseAlarmRate falseAlarms / ordinary
     * @param missed         the texts of the missed crisis or abuse examples
     * @param raised         the texts of the false alarms
     */
    public record SafetyScore(
            int examples,
            int caught,
            int sameKind,
            double recall,
            int ordinary,
            int falseAlarms,
            double falseAlarmRate,
            List<String> missed,
            List<String> raised) {}

    /** Classifies every example of {@code data} and scores the answers; {@code safety} may be null. */
    public static Evaluation of(TextCategorizer categorizer, List<LabeledText> data, SafetyCheck safety) {
        IntentTally intents =
                new IntentTally(categorizer.model().outOfScopeRule().label(), categorizer.labels());
        SafetyTally alarms = new SafetyTally();
        RoutingScore.Tally routes = new RoutingScore.Tally(categorizer.model().routingRule());
        for (LabeledText e : data) {
            Prediction p = categorizer.categorize(e.text());
            intents.add(e, p);
            routes.add(e, p);
            if (safety != null) {
                alarms.add(e, safety.check(e.text()));
            }
        }
        return intents.evaluation(data.size(), safety == null ? null : alarms.safety(), routes.score());
    }

    /** A gold label answered with another. */
    private record Mistake(String gold, String predicted) {}

    /** The intent answers counted so far: overall, in and out of scope, per label, and the mistakes. */
    private static final class IntentTally {
        private final String oos;
        private final Set<String> labels;
        private final Map<String, int[]> counts = new LinkedHashMap<>(); // label -> {support, predicted, truePositive}
        private final Map<Mistake, List<String>> mistakes = new LinkedHashMap<>(); // each mistake -> its texts
        private int right;
        private int rightAsClass;
        private int in;
        private int inRight;
        private int nOos;
        private int oosRight;

        IntentTally(String oos, List<String> labels) {
            this.oos = oos;
            this.labels = new LinkedHashSet<>(labels);
        }

        void add(LabeledText e, Prediction p) {
            String gold = e.label();
            String got = p.label();
            labels.add(gold);
            counts.computeIfAbsent(gold, k -> new int[3])[0]++;
            counts.computeIfAbsent(got, k -> new int[3])[1]++;
            if (got.equals(gold)) {
                right++;
                counts.get(gold)[2]++;
            } else {
                mistakes.computeIfAbsent(new Mistake(gold, got), k -> new ArrayList<>())
                        .add(e.text());
            }
            if (p.best().equals(gold)) {
                rightAsClass++;
            }
            if (gold.equals(oos)) {
                nOos++;
                if (got.equals(oos)) {
                    oosRight++;
                }
            } else {
                in++;
                if (got.equals(gold)) {
                    inRight++;
                }
            }
        }

        Evaluation evaluation(int n, SafetyScore safety, RoutingScore routing) {
            return new Evaluation(
                    n,
                    n == 0 ? 0 : (double) right / n,
                    n == 0 ? 0 : (double) rightAsClass / n,
                    in == 0 ? Double.NaN : (double) inRight / in,
                    nOos == 0 ? Double.NaN : (double) oosRight / nOos,
                    nOos,
                    perLabel(),
                    confusions(),
                    safety,
                    routing);
        }

        private List<LabelScore> perLabel() {
            List<LabelScore> perLabel = new ArrayList<>();
            for (String l : labels.stream().sorted().toList()) {
                int[] c = counts.getOrDefault(l, new int[3]);
                double precision = c[1] == 0 ? 0 : (double) c[2] / c[1];
                double recall = c[0] == 0 ? 0 : (double) c[2] / c[0];
                double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                if (c[0] > 0 || c[1] > 0) {
                    perLabel.add(new LabelScore(l, c[0], c[1], precision, recall, f1));
                }
            }
            return perLabel;
        }

        /** The ten most frequent mistakes, with up to three texts each. */
        private List<Confusion> confusions() {
            List<Confusion> confusions = new ArrayList<>();
            mistakes.forEach((k, texts) -> confusions.add(new Confusion(
                    k.gold(), k.predicted(), texts.size(), List.copyOf(texts.subList(0, Math.min(3, texts.size()))))));
            confusions.sort(Comparator.comparingInt(Confusion::count)
                    .reversed()
                    .thenComparing(Confusion::gold)
                    .thenComparing(Confusion::predicted));
            return List.copyOf(confusions.subList(0, Math.min(10, confusions.size())));
        }
    }

    /** The safety check's answers counted so far: crisis and abuse caught or missed, ordinary texts raised. */
    private static final class SafetyTally {
        private final List<String> missed = new ArrayList<>();
        private final List<String> raised = new ArrayList<>();
        private int examples;
        private int caught;
        private int sameKind;
        private int ordinary;
        private int falseAlarms;

        /** @param raisedAs what the check said: the kind it raised, or null */
        void add(LabeledText e, String raisedAs) {
            String gold = e.label();
            if (gold.equals(SafetyCheck.CRISIS) || gold.equals(SafetyCheck.ABUSE)) {
                examples++;
                if (raisedAs != null) {
                    caught++;
                    if (raisedAs.equals(gold)) {
                        sameKind++;
                    }
                } else {
                    missed.add(e.text());
                }
            } else {
                ordinary++;
                if (raisedAs != null) {
                    falseAlarms++;
                    raised.add(e.text());
                }
            }
        }

        SafetyScore safety() {
            return new SafetyScore(
                    examples,
                    caught,
                    sameKind,
                    examples == 0 ? Double.NaN : (double) caught / examples,
                    ordinary,
                    falseAlarms,
                    ordinary == 0 ? 0 : (double) falseAlarms / ordinary,
                    missed,
                    raised);
        }
    }
}
