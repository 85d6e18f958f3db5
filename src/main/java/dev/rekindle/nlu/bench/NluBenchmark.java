package dev.rekindle.nlu.bench;

import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.IntentTrainer;
import dev.rekindle.nlu.LabeledText;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.OutOfScopeTuner.Objective;
import dev.rekindle.nlu.Prediction;
import dev.rekindle.nlu.TextCategorizer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The intent classifier measured on a labelled benchmark such as CLINC150: train on one split, tune the
 * out-of-scope rule on the validation split, then classification latency on one thread and throughput on all
 * cores. Not a test: it prints figures, which docs/nlu.md records. Validation figures are optimistic for the
 * tuned rules (tuned and measured on the same split), which the report says.
 */
public final class NluBenchmark {
    private static final int WARMUP_PASSES = 3;
    private static final int TIMED_PASSES = 5;

    private NluBenchmark() {}

    /** One operating point: a rule and what it gives on the validation split. */
    public record Point(String name, OutOfScopeTuner.Tuning tuning) {}

    /**
     * Everything measured.
     *
     * @param trainSeconds     training time (wall clock)
     * @param points           class only, then each objective's rule
     * @param medianMicros     median classification latency on one thread, microseconds
     * @param p99Micros        99th percentile of the same
     * @param perSecond        classifications per second over {@code threads} threads
     */
    public record Report(
            int trainExamples,
            int valExamples,
            int labels,
            double trainSeconds,
            List<Point> points,
            double medianMicros,
            double p99Micros,
            int threads,
            double perSecond) {}

    /** The out-of-scope rule tuned on {@code val} for each objective, in their order. */
    private static List<Point> tuned(IntentModel model, List<LabeledText> val, List<Objective> objectives) {
        TextCategorizer plain = new TextCategorizer(model);
        String[] gold = new String[val.size()];
        double[][] probs = new double[val.size()][];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = val.get(i).label();
            probs[i] = plain.probabilities(val.get(i).text());
        }
        String oos = model.outOfScopeRule().label();
        List<Point> points = new ArrayList<>();
        for (Objective o : objectives) {
            points.add(new Point(o.spec(), OutOfScopeTuner.tune(gold, probs, model.labels(), oos, o)));
        }
        return points;
    }

    public static Report run(
            List<LabeledText> train,
            List<LabeledText> val,
            IntentParams params,
            List<Objective> objectives,
            Duration throughputTime,
            PrintWriter progress)
            throws Exception {
        progress.printf(Locale.ROOT, "training on %d examples: %s%n", train.size(), params);
        progress.flush();
        long t0 = System.nanoTime();
        IntentModel model = IntentTrainer.train(train, params);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        progress.printf(
                Locale.ROOT,
                "trained in %.1f s; tuning the out-of-scope rule on %d examples%n",
                trainSeconds,
                val.size());
        progress.flush();

        List<Point> points = tuned(model, val, objectives);

        // Latency and throughput with the rule a bot would use (the first objective), as classify answers.
        TextCategorizer c = new TextCategorizer(
                model.withOutOfScopeRule(points.get(0).tuning().rule()));
        String[] texts = val.stream().map(LabeledText::text).toArray(String[]::new);
        long sink = 0;
        for (int pass = 0; pass < WARMUP_PASSES; pass++) {
            for (String t : texts) {
                sink += c.categorize(t).label().length();
            }
        }
        long[] nanos = new long[texts.length * TIMED_PASSES];
        int k = 0;
        for (int pass = 0; pass < TIMED_PASSES; pass++) {
            for (String t : texts) {
                long s = System.nanoTime();
                Prediction p = c.categorize(t);
                nanos[k++] = System.nanoTime() - s;
                sink += p.label().length();
            }
        }
        Arrays.sort(nanos);
        double median = nanos[nanos.length / 2] / 1e3;
        double p99 = nanos[(int) Math.min(nanos.length - 1, Math.ceil(nanos.length * 0.99) - 1)] / 1e3;

        int threads = Runtime.getRuntime().availableProcessors();
        double perSecond = throughput(c, texts, threads, throughputTime);
        if (sink == 42) {
            progress.println(); // keeps the JIT from dropping the timed calls as dead code
        }
        return new Report(
                train.size(), val.size(), model.labels().size(), trainSeconds, points, median, p99, threads, perSecond);
    }

    private static double throughput(TextCategorizer c, String[] texts, int threads, Duration time) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicBoolean stop = new AtomicBoolean();
            List<Future<Long>> counts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int offset = t * 97;
                counts.add(pool.submit(() -> {
                    long n = 0;
                    int i = offset;
                    while (!stop.get()) {
                        c.categorize(texts[i++ % texts.length]);
                        n++;
                    }
                    return n;
                }));
            }
            Thread.sleep(time.toMillis());
            stop.set(true);
            long total = 0;
            for (Future<Long> f : counts) {
                total += f.get();
            }
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The report as the table docs/nlu.md keeps. */
    public static void print(Report r, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "%d training examples, %d validation examples, %d labels; trained in %.1f s%n",
                r.trainExamples(),
                r.valExamples(),
                r.labels(),
                r.trainSeconds());
        o.println("on the validation split (rules tuned on it too, so their figures are optimistic):");
        o.printf(
                Locale.ROOT,
                "  %-22s %10s %10s %10s  %s%n",
                "out-of-scope rule",
                "in-scope",
                "oos recall",
                "accuracy",
                "threshold/margin");
        OutOfScopeTuner.Tuning first = r.points().get(0).tuning();
        o.printf(
                Locale.ROOT,
                "  %-22s %9.1f%% %9.1f%% %9.1f%%  %s%n",
                "class only",
                100 * first.inScopeBefore(),
                100 * first.oosRecallBefore(),
                100 * first.accuracyBefore(),
                "-");
        for (Point p : r.points()) {
            OutOfScopeTuner.Tuning t = p.tuning();
            o.printf(
                    Locale.ROOT,
                    "  %-22s %9.1f%% %9.1f%% %9.1f%%  %.2f/%.2f%n",
                    p.name(),
                    100 * t.inScopeAfter(),
                    100 * t.oosRecallAfter(),
                    100 * t.accuracyAfter(),
                    t.rule().threshold(),
                    t.rule().margin());
        }
        o.printf(
                Locale.ROOT,
                "latency, one thread, rule '%s': median %.1f µs, p99 %.1f µs%n",
                r.points().get(0).name(),
                r.medianMicros(),
                r.p99Micros());
        o.printf(Locale.ROOT, "throughput, %d threads: %,.0f classifications per second%n", r.threads(), r.perSecond());
        o.flush();
    }
}
