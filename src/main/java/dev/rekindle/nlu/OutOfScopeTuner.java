package dev.rekindle.nlu;

import java.util.List;

/**
 * Chooses the {@link OutOfScopeRule} (confidence threshold and margin) on validation data: held-out examples with
 * their gold labels, some of them out of scope.
 *
 * <p>Objective: maximise <b>in-scope accuracy + out-of-scope recall</b>, both as fractions of their own examples,
 * so an honest "I don't understand" is worth as much, in total, as routing right. In-scope accuracy counts an
 * in-scope example as right only when its label is chosen (a rejection is a miss); out-of-scope recall is the
 * share of out-of-scope examples answered out of scope (by the class or by the rule). Threshold 0..0.99 and
 * margin 0..0.5 are searched in steps of 0.01; ties go to the smaller threshold + margin (reject less).
 */
public final class OutOfScopeTuner {
    private OutOfScopeTuner() {}

    /** The chosen rule and the validation figures before (class only) and after (class + rule). */
    public record Tuning(OutOfScopeRule rule, double inScopeBefore, double oosRecallBefore, double inScopeAfter,
                         double oosRecallAfter, int inScope, int outOfScope) {
        public double objective() {
            return inScopeAfter + oosRecallAfter;
        }
    }

    /** Tunes on {@code validation}, classified by {@code model}'s runtime. */
    public static Tuning tune(IntentModel model, List<LabeledText> validation) {
        TextCategorizer c = new TextCategorizer(model);
        String[] gold = new String[validation.size()];
        double[][] probs = new double[validation.size()][];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = validation.get(i).label();
            probs[i] = c.probabilities(validation.get(i).text());
        }
        return tune(gold, probs, model.labels(), model.outOfScopeRule().label());
    }

    /** Tunes on precomputed probabilities ({@code probs[i]} in {@code labels} order, e.g. from cross-validation). */
    public static Tuning tune(String[] gold, double[][] probs, List<String> labels, String oosLabel) {
        int n = gold.length;
        String[] best = new String[n];
        double[] p1 = new double[n];
        double[] p2 = new double[n];
        boolean[] oos = new boolean[n];
        int nIn = 0;
        int nOos = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probs[i];
            int b = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[b]) {
                    b = k;
                }
            }
            double second = 0;
            for (int k = 0; k < p.length; k++) {
                if (k != b && p[k] > second) {
                    second = p[k];
                }
            }
            best[i] = labels.get(b);
            p1[i] = p[b];
            p2[i] = second;
            oos[i] = gold[i].equals(oosLabel);
            if (oos[i]) {
                nOos++;
            } else {
                nIn++;
            }
        }
        double[] before = score(gold, best, p1, p2, oos, OutOfScopeRule.none(), nIn, nOos);
        if (nOos == 0 || nIn == 0) {
            return new Tuning(OutOfScopeRule.none(), before[0], before[1], before[0], before[1], nIn, nOos);
        }
        OutOfScopeRule chosen = OutOfScopeRule.none();
        double[] chosenScore = before;
        double bestJ = before[0] + before[1];
        for (int ti = 0; ti < 100; ti++) {
            for (int mi = 0; mi <= 50; mi++) {
                OutOfScopeRule r = new OutOfScopeRule(oosLabel, ti / 100.0, mi / 100.0);
                double[] s = score(gold, best, p1, p2, oos, r, nIn, nOos);
                double j = s[0] + s[1];
                boolean better = j > bestJ + 1e-12;
                boolean tieButLess = Math.abs(j - bestJ) <= 1e-12
                        && r.threshold() + r.margin() < chosen.threshold() + chosen.margin() - 1e-12;
                if (better || tieButLess) {
                    bestJ = j;
                    chosen = r;
                    chosenScore = s;
                }
            }
        }
        return new Tuning(chosen, before[0], before[1], chosenScore[0], chosenScore[1], nIn, nOos);
    }

    private static double[] score(String[] gold, String[] best, double[] p1, double[] p2, boolean[] oos,
                                  OutOfScopeRule r, int nIn, int nOos) {
        int inRight = 0;
        int oosRight = 0;
        for (int i = 0; i < gold.length; i++) {
            String decided = r.rejects(best[i], p1[i], p2[i]) ? r.label() : best[i];
            if (oos[i]) {
                if (decided.equals(r.label())) {
                    oosRight++;
                }
            } else if (decided.equals(gold[i])) {
                inRight++;
            }
        }
        return new double[] {nIn == 0 ? 0 : (double) inRight / nIn, nOos == 0 ? 0 : (double) oosRight / nOos};
    }
}
