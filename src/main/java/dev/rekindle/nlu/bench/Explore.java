package dev.rekindle.nlu.bench;

import dev.rekindle.nlu.*;
import java.nio.file.Path;
import java.util.List;

/** Scratch: train on CLINC150 train with each spec, report val figures. */
public final class Explore {
    public static void main(String[] args) throws Exception {
        List<LabeledText> train = TrainingData.load(Path.of(args[0])).examples();
        List<LabeledText> val = TrainingData.load(Path.of(args[1])).examples();
        for (int a = 2; a < args.length; a++) {
            IntentParams p = IntentParams.parse(args[a], IntentParams.defaults());
            long t0 = System.nanoTime();
            IntentModel m = IntentTrainer.train(train, p);
            double secs = (System.nanoTime() - t0) / 1e9;
            OutOfScopeTuner.Tuning t = OutOfScopeTuner.tune(m, val);
            System.out.printf("%s%n  train %.1fs  class: in %.2f oos %.2f | rule %s: in %.2f oos %.2f%n", p, secs,
                    100 * t.inScopeBefore(), 100 * t.oosRecallBefore(), t.rule(), 100 * t.inScopeAfter(),
                    100 * t.oosRecallAfter());
            TextCategorizer c = new TextCategorizer(m);
            double[][] probs = new double[val.size()][];
            for (int i = 0; i < probs.length; i++) {
                probs[i] = c.probabilities(val.get(i).text());
            }
            for (double floor : new double[] {0.93, t.inScopeBefore() - 0.01, t.inScopeBefore() - 0.02}) {
                double bestOos = -1;
                String bestRule = "";
                double bestIn = 0;
                for (int ti = 0; ti < 100; ti++) {
                    for (int mi = 0; mi <= 50; mi += 1) {
                        OutOfScopeRule r = new OutOfScopeRule("out_of_scope", ti / 100.0, mi / 100.0);
                        int in = 0, inR = 0, o = 0, oR = 0;
                        for (int i = 0; i < probs.length; i++) {
                            Prediction pr = decide(c, probs[i], r);
                            if (val.get(i).label().equals("out_of_scope")) { o++; if (pr.label().equals("out_of_scope")) oR++; }
                            else { in++; if (pr.label().equals(val.get(i).label())) inR++; }
                        }
                        double fi = (double) inR / in, fo = (double) oR / o;
                        if (fi >= floor && fo > bestOos) { bestOos = fo; bestRule = r.threshold() + "/" + r.margin(); bestIn = fi; }
                    }
                }
                System.out.printf("  in>=%.2f: best oos %.2f at %s (in %.2f)%n", 100 * floor, 100 * bestOos, bestRule, 100 * bestIn);
            }
            System.out.flush();
        }
    }

    static Prediction decide(TextCategorizer c, double[] p, OutOfScopeRule r) {
        int b = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[b]) b = k;
        double s = 0;
        for (int k = 0; k < p.length; k++) if (k != b && p[k] > s) s = p[k];
        String best = c.labels().get(b);
        return r.rejects(best, p[b], s) ? new Prediction("out_of_scope", 0, List.of(), true) : new Prediction(best, p[b], List.of(), false);
    }
}
