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
 */
public record Evaluation(int examples, double accuracy, double accuracyAsClass, double inScopeAccuracy,
                         double outOfScopeRecall, int outOfScope, List<LabelScore> perLabel,
                         List<Confusion> confusions, Safety safety) {

    public record LabelScore(String label, int support, int predicted, double precision, double recall, double f1) {}

    public record Confusion(String gold, String predicted, int count, List<String> examples) {}

    /**
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
    public record Safety(int examples, int caught, int sameKind, double recall, int ordinary, int falseAlarms,
                         double falseAlarmRate, List<String> missed, List<String> raised) {}

    /** Classifies every example of {@code data} and scores the answers; {@code safety} may be null. */
    public static Evaluation of(TextCategorizer categorizer, List<LabeledText> data, SafetyCheck safety) {
        String oos = categorizer.model().outOfScopeRule().label();
        int right = 0;
        int rightAsClass = 0;
        int in = 0;
        int inRight = 0;
        int nOos = 0;
        int oosRight = 0;
        Map<String, int[]> counts = new LinkedHashMap<>(); // label -> {support, predicted, truePositive}
        Map<String, List<String>> mistakes = new LinkedHashMap<>();
        int safetyExamples = 0;
        int caught = 0;
        int sameKind = 0;
        int ordinary = 0;
        int falseAlarms = 0;
        List<String> missed = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>(categorizer.labels());
        for (LabeledText e : data) {
            Prediction p = categorizer.categorize(e.text());
            String gold = e.label();
            String got = p.label();
            labels.add(gold);
            counts.computeIfAbsent(gold, k -> new int[3])[0]++;
            counts.computeIfAbsent(got, k -> new int[3])[1]++;
            if (got.equals(gold)) {
                right++;
                counts.get(gold)[2]++;
            } else {
                mistakes.computeIfAbsent(gold + "\t" + got, k -> new ArrayList<>()).add(e.text());
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
            if (safety != null) {
                String s = safety.check(e.text());
                boolean isSafety = gold.equals(SafetyCheck.CRISIS) || gold.equals(SafetyCheck.ABUSE);
                if (isSafety) {
                    safetyExamples++;
                    if (s != null) {
                        caught++;
                        if (s.equals(gold)) {
                            sameKind++;
                        }
                    } else {
                        missed.add(e.text());
                    }
                } else {
                    ordinary++;
                    if (s != null) {
                        falseAlarms++;
                        raised.add(e.text());
                    }
                }
            }
        }
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
        List<Confusion> confusions = new ArrayList<>();
        mistakes.forEach((k, texts) -> {
            String[] gp = k.split("\t");
            confusions.add(new Confusion(gp[0], gp[1], texts.size(), List.copyOf(texts.subList(0,
                    Math.min(3, texts.size())))));
        });
        confusions.sort(Comparator.comparingInt(Confusion::count).reversed()
                .thenComparing(Confusion::gold).thenComparing(Confusion::predicted));
        Safety s = safety == null ? null : new Safety(safetyExamples, caught, sameKind,
                safetyExamples == 0 ? Double.NaN : (double) caught / safetyExamples, ordinary, falseAlarms,
                ordinary == 0 ? 0 : (double) falseAlarms / ordinary, missed, raised);
        int n = data.size();
        return new Evaluation(n, n == 0 ? 0 : (double) right / n, n == 0 ? 0 : (double) rightAsClass / n,
                in == 0 ? Double.NaN : (double) inRight / in, nOos == 0 ? Double.NaN : (double) oosRight / nOos, nOos,
                perLabel, List.copyOf(confusions.subList(0, Math.min(10, confusions.size()))), s);
    }
}
