package dev.rekindle.nlu;

import java.util.List;

/**
 * Chooses the {@link OutOfScopeRule} (confidence threshold and margin) on validation data: held-out examples with
 * their gold labels, some of them out of scope. What "best" means is an {@link Objective}; threshold 0..0.99 and
 * margin 0..0.5 are searched in steps of 0.01; ties go to the smaller threshold + margin (reject less).
 *
 * <p>In-scope accuracy counts an in-scope example as right only when its label is chosen (a rejection is a miss);
 * out-of-scope recall is the share of out-of-scope examples answered out of scope (by the class or by the rule).
 */
public final class OutOfScopeTuner {
    private OutOfScopeTuner() {}

    /** What the search maximises. */
    public sealed interface Objective {
        /**
         * Every example counts once: the share answered right, in scope or out. The bot's own choice: a wrong
         * "I don't understand" and a wrong route each cost the partner one turn, so neither is worth more.
         */
        record Accuracy() implements Objective {}

        /**
         * In-scope accuracy + out-of-scope recall, each a fraction of its own examples, so an honest "I don't
         * understand" is worth as much, in total, as routing right (the paper's two figures, weighted equally).
         */
        record Balanced() implements Objective {}

        /** The most out-of-scope recall that keeps in-scope accuracy at or above {@code floor} (0..1). */
        record InScopeFloor(double floor) implements Objective {}

        /**
         * {@link Accuracy}, the bot's own objective. A method, not a constant: a constant of this interface holding one
         * of its records would make initialising either type wait for the other (a deadlock across threads).
         */
        static Objective accuracy() {
            return new Accuracy();
        }

        /** {@link Balanced}: in-scope accuracy and out-of-scope recall weighted equally. */
        static Objective balanced() {
            return new Balanced();
        }

        /** {@code accuracy}, {@code balanced} or {@code floor:0.93}; what {@link #parse} reads. */
        default String spec() {
            if (this instanceof InScopeFloor f) {
                return "floor:" + f.floor();
            }
            return this instanceof Balanced ? "balanced" : "accuracy";
        }

        /** Reads {@link #spec()}; anything else is an {@link IllegalArgumentException} that lists the choices. */
        static Objective parse(String spec) {
            String s = spec.strip().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("accuracy")) {
                return accuracy();
            }
            if (s.equals("balanced")) {
                return balanced();
            }
            if (s.startsWith("floor:")) {
                try {
                    double f = Double.parseDouble(s.substring(6));
                    if (f >= 0 && f <= 1) {
                        return new InScopeFloor(f);
                    }
                } catch (NumberFormatException e) {
                    // falls through to the message below
                }
            }
            throw new IllegalArgumentException("the out-of-scope objective is accuracy, balanced or floor:F with F "
                    + "the least in-scope accuracy between 0 and 1 (e.g. floor:0.93), not '" + spec + "'");
        }
    }

    /** The chosen rule and the validation figures before (class only) and after (class + rule). */
    public record Tuning(
            OutOfScopeRule rule,
            double inScopeBefore,
            double oosRecallBefore,
            double inScopeAfter,
            double oosRecallAfter,
            int inScope,
            int outOfScope) {
        /** The share of all examples answered right before the rule (out of scope as a class only). */
        public double accuracyBefore() {
            return (inScopeBefore * inScope + oosRecallBefore * outOfScope) / (inScope + outOfScope);
        }

        /** The share of all examples answered right with the rule. */
        public double accuracyAfter() {
            return (inScopeAfter * inScope + oosRecallAfter * outOfScope) / (inScope + outOfScope);
        }
    }

    /** Tunes on {@code validation}, classified by {@code model}'s runtime. */
    public static Tuning tune(IntentModel model, List<LabeledText> validation, Objective objective) {
        TextCategorizer c = new TextCategorizer(model);
        String[] gold = new String[validation.size()];
        double[][] probs = new double[validation.size()][];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = validation.get(i).label();
            probs[i] = c.probabilities(validation.get(i).text());
        }
        return tune(gold, probs, model.labels(), model.outOfScopeRule().label(), objective);
    }

    /** Tunes on precomputed probabilities ({@code probs[i]} in {@code labels} order, e.g. from cross-validation). */
    public static Tuning tune(
            String[] gold, double[][] probs, List<String> labels, String oosLabel, Objective objective) {
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
        double bestJ = value(objective, before, nIn, nOos);
        for (int ti = 0; ti < 100; ti++) {
            for (int mi = 0; mi <= 50; mi++) {
                OutOfScopeRule r = new OutOfScopeRule(oosLabel, ti / 100.0, mi / 100.0);
                double[] s = score(gold, best, p1, p2, oos, r, nIn, nOos);
                double j = value(objective, s, nIn, nOos);
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

    /** The objective's value for figures {in-scope accuracy, out-of-scope recall}; -infinity when not allowed. */
    private static double value(Objective objective, double[] s, int nIn, int nOos) {
        if (objective instanceof Objective.InScopeFloor f) {
            return s[0] >= f.floor() - 1e-12 ? s[1] : Double.NEGATIVE_INFINITY;
        }
        if (objective instanceof Objective.Balanced) {
            return s[0] + s[1];
        }
        return (s[0] * nIn + s[1] * nOos) / (nIn + nOos);
    }

    private static double[] score(
            String[] gold,
            String[] best,
            double[] p1,
            double[] p2,
            boolean[] oos,
            OutOfScopeRule r,
            int nIn,
            int nOos) {
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
