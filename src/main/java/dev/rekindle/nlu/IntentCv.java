package dev.rekindle.nlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/** Stratified k-fold cross-validation of the whole pipeline (normalisation, features, trainer). */
public final class IntentCv {
    private IntentCv() {}

    /**
     * What cross-validation measured. Every example was classified once, by the model that did not see it. A value
     * (equal when its figures are) whose arrays are copied on the way out, so no caller can change it.
     */
    public static final class Result {
        private final int folds;
        private final double accuracy;
        private final double[] foldAccuracies;
        private final List<String> labels;
        private final String[] gold;
        private final double[][] probabilities;

        /**
         * @param accuracy        share of examples whose most probable label is the gold one (out-of-scope as a class)
         * @param foldAccuracies  the same, per fold
         * @param labels          every label, the order of {@code probabilities}
         * @param gold            the gold labels, in the order of the data
         * @param probabilities   the out-of-fold probabilities of each example (in {@code labels} order)
         */
        private Result(
                int folds,
                double accuracy,
                double[] foldAccuracies,
                List<String> labels,
                String[] gold,
                double[][] probabilities) {
            // the arrays are crossValidate's own, made for this result: kept, not copied
            this.folds = folds;
            this.accuracy = accuracy;
            this.foldAccuracies = foldAccuracies;
            this.labels = List.copyOf(labels);
            this.gold = gold;
            this.probabilities = probabilities;
        }

        public int folds() {
            return folds;
        }

        /** Share of examples whose most probable label is the gold one (out-of-scope as a class). */
        public double accuracy() {
            return accuracy;
        }

        /** The accuracy of each fold. */
        public double[] foldAccuracies() {
            return foldAccuracies.clone();
        }

        /** Every label, the order of {@link #probabilities()}. */
        public List<String> labels() {
            return labels;
        }

        /** The gold labels, in the order of the data. */
        public String[] gold() {
            return gold.clone();
        }

        /** The out-of-fold probabilities of each example, in {@link #labels()} order. */
        public double[][] probabilities() {
            return deepCopy(probabilities);
        }

        /** Standard deviation of the fold accuracies. */
        public double foldSpread() {
            double m = 0;
            for (double a : foldAccuracies) {
                m += a;
            }
            m /= foldAccuracies.length;
            double v = 0;
            for (double a : foldAccuracies) {
                v += (a - m) * (a - m);
            }
            return Math.sqrt(v / Math.max(1, foldAccuracies.length - 1));
        }

        /** The best out-of-scope rule on these out-of-fold probabilities. */
        public OutOfScopeTuner.Tuning tuneOutOfScope(String oosLabel, OutOfScopeTuner.Objective objective) {
            return OutOfScopeTuner.tune(gold, probabilities, labels, oosLabel, objective);
        }

        /** The best routing rule on these out-of-fold probabilities, after the out-of-scope rule {@code oos}. */
        public RoutingTuner.Tuning tuneRouting(OutOfScopeRule oos) {
            return RoutingTuner.tune(gold, probabilities, labels, oos);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r
                    && folds == r.folds
                    && Double.compare(accuracy, r.accuracy) == 0
                    && Arrays.equals(foldAccuracies, r.foldAccuracies)
                    && labels.equals(r.labels)
                    && Arrays.equals(gold, r.gold)
                    && Arrays.deepEquals(probabilities, r.probabilities);
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    folds,
                    accuracy,
                    Arrays.hashCode(foldAccuracies),
                    labels,
                    Arrays.hashCode(gold),
                    Arrays.deepHashCode(probabilities));
        }

        @Override
        public String toString() {
            return "Result[folds=" + folds + ", accuracy=" + accuracy + ", foldAccuracies="
                    + Arrays.toString(foldAccuracies) + ", labels=" + labels + ", examples=" + gold.length + "]";
        }

        private static double[][] deepCopy(double[][] a) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i] == null ? null : a[i].clone();
            }
            return copy;
        }
    }

    /**
     * Splits {@code data} into {@code folds} folds, each label spread evenly over them (shuffled with
     * {@code seed}), trains on all folds but one and classifies that one, for each fold.
     */
    public static Result crossValidate(List<LabeledText> data, IntentParams params, int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds: " + folds);
        }
        if (data.size() < folds) {
            throw new IllegalArgumentException("fewer examples (" + data.size() + ") than folds (" + folds + ")");
        }
        int[] fold = assignFolds(data, folds, seed);
        Set<String> labelSet = new LinkedHashSet<>();
        data.forEach(e -> labelSet.add(e.label()));
        List<String> labels = List.copyOf(labelSet);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        String[] gold = new String[data.size()];
        double[][] probs = new double[data.size()][];
        double[] foldAcc = new double[folds];
        int right = 0;
        for (int f = 0; f < folds; f++) {
            List<LabeledText> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (fold[i] == f) {
                    test.add(i);
                } else {
                    train.add(data.get(i));
                }
            }
            TextCategorizer c = new TextCategorizer(IntentTrainer.train(train, params));
            List<String> modelLabels = c.labels();
            int foldRight = 0;
            for (int i : test) {
                double[] p = c.probabilities(data.get(i).text());
                double[] global = new double[labels.size()];
                int best = 0;
                for (int k = 0; k < p.length; k++) {
                    global[index.get(modelLabels.get(k))] = p[k];
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                gold[i] = data.get(i).label();
                probs[i] = global;
                if (modelLabels.get(best).equals(gold[i])) {
                    foldRight++;
                }
            }
            foldAcc[f] = test.isEmpty() ? 0 : (double) foldRight / test.size();
            right += foldRight;
        }
        return new Result(folds, (double) right / data.size(), foldAcc, labels, gold, probs);
    }

    /** Fold of each example: per label, shuffled, dealt round-robin (continuing where the last label stopped). */
    static int[] assignFolds(List<LabeledText> data, int folds, long seed) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            byLabel.computeIfAbsent(data.get(i).label(), k -> new ArrayList<>()).add(i);
        }
        Random rnd = new Random(seed);
        int[] fold = new int[data.size()];
        int next = 0;
        for (List<Integer> idx : byLabel.values()) {
            Collections.shuffle(idx, rnd);
            for (int i : idx) {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }
}
