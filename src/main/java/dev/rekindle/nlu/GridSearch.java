package dev.rekindle.nlu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Chooses {@link IntentParams} by cross-validation, by coordinate descent over a small grid: first the trainer
 * (with the default pipeline), then the pipeline (with the best trainer). Each candidate is scored by its
 * cross-validated accuracy (out-of-scope as a class); ties go to the candidate tried first.
 */
public final class GridSearch {
    private GridSearch() {}

    /** One candidate and what cross-validation measured. */
    public record Row(IntentParams params, double accuracy, double spread, long millis) {}

    /** Every row tried, best first; the best is {@code rows().get(0)}. */
    public record Outcome(List<Row> rows) {
        public IntentParams best() {
            return rows.get(0).params();
        }
    }

    /** The trainers the first stage compares. */
    public static List<IntentParams> trainers(IntentParams base) {
        List<IntentParams> out = new ArrayList<>();
        for (String s : List.of(
                "algorithm=MAXENT_QN,l1=0,l2=0.1",
                "algorithm=MAXENT_QN,l1=0,l2=0.5",
                "algorithm=MAXENT_QN,l1=0,l2=1",
                "algorithm=MAXENT_QN,l1=0.05,l2=0.5",
                "algorithm=MAXENT,iterations=300",
                "algorithm=PERCEPTRON,iterations=300",
                "algorithm=NAIVEBAYES")) {
            out.add(IntentParams.parse(s, base));
        }
        return out;
    }

    /** The pipelines the second stage compares. */
    public static List<IntentParams> pipelines(IntentParams base) {
        List<IntentParams> out = new ArrayList<>();
        for (String s : List.of(
                "words=true,stems=true,ngrams=2,chars=3-5",
                "words=false,stems=true,ngrams=1,chars=off",
                "words=true,stems=true,ngrams=2,chars=off",
                "words=true,stems=true,ngrams=3,chars=off",
                "words=true,stems=true,ngrams=2,chars=2-4",
                "words=true,stems=true,ngrams=2,chars=3-6",
                "words=true,stems=true,ngrams=2,chars=3-5,repeats=false,digits=false")) {
            out.add(IntentParams.parse(s, base));
        }
        return out;
    }

    public static Outcome search(
            List<LabeledText> data, IntentParams base, int folds, long seed, Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        Row best = null;
        for (IntentParams p : trainers(base)) {
            Row r = run(data, p, folds, seed);
            progress.accept(r);
            rows.add(r);
            if (best == null || r.accuracy() > best.accuracy()) {
                best = r;
            }
        }
        IntentParams trainer = best.params();
        for (IntentParams p : pipelines(trainer)) {
            if (p.canonical().equals(trainer.canonical())) {
                continue;
            }
            Row r = run(data, p, folds, seed);
            progress.accept(r);
            rows.add(r);
        }
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingDouble(Row::accuracy).reversed());
        return new Outcome(List.copyOf(sorted));
    }

    static Row run(List<LabeledText> data, IntentParams p, int folds, long seed) {
        long t0 = System.nanoTime();
        IntentCv.Result r = IntentCv.crossValidate(data, p, folds, seed);
        return new Row(p, r.accuracy(), r.foldSpread(), (System.nanoTime() - t0) / 1_000_000);
    }
}
