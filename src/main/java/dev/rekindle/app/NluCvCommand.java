package dev.rekindle.app;

import dev.rekindle.nlu.IntentCv;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.OutOfScopeRule;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.RoutingTuner;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu cv}: stratified K-fold accuracy, and the out-of-scope rule the out-of-fold answers choose. */
@Command(
        name = "cv",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Cross-validate the pipeline on PATH: stratified K-fold accuracy, and the out-of-scope "
                + "threshold and margin the out-of-fold answers would choose.",
        footer = {
            "",
            "Parameters (-P key=value, comma-separated): algorithm (MAXENT_QN, MAXENT, PERCEPTRON, "
                    + "NAIVEBAYES), iterations, cutoff, l1, l2, threads, accents, repeats, digits, words, stems "
                    + "(true/false), ngrams (1-4), chars (MIN-MAX or off).",
            "Defaults: " + "algorithm=MAXENT_QN,iterations=200,cutoff=1,l1=0,l2=0.5,accents=true,"
                    + "repeats=true,digits=true,words=true,stems=true,ngrams=2,chars=3-5"
        })
final class NluCvCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "labelled data")
    private Path data;

    @Option(
            names = "--folds",
            defaultValue = "5",
            paramLabel = "K",
            description = "number of folds (default: ${DEFAULT-VALUE})")
    private int folds;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "N",
            description = "shuffling seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Mixin
    private TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        if (!in.exists(data)) {
            return 2;
        }
        if (folds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be at least 2, not " + folds);
        }
        IntentParams p = in.params(training.params);
        OutOfScopeTuner.Objective objective = in.objective(training.objectiveSpec);
        TrainingData td;
        try {
            td = TrainingData.load(data);
        } catch (TrainingDataException e) {
            return in.dataProblems(e);
        }
        PrintWriter o = in.out();
        NluInputs.describe(o, data, td);
        long t0 = System.nanoTime();
        IntentCv.Result r = IntentCv.crossValidate(td.examples(), p, folds, seed);
        o.printf(
                Locale.ROOT,
                "%d-fold cross-validation: accuracy %.1f%% ± %.1f (folds:",
                folds,
                100 * r.accuracy(),
                100 * r.foldSpread());
        for (double a : r.foldAccuracies()) {
            o.printf(Locale.ROOT, " %.1f", 100 * a);
        }
        o.printf(Locale.ROOT, ") in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        OutOfScopeTuner.Tuning t = r.tuneOutOfScope(OutOfScopeRule.OUT_OF_SCOPE, objective);
        if (t.outOfScope() > 0) {
            o.printf(
                    Locale.ROOT,
                    "out of scope on the out-of-fold answers: class only %.1f%% in-scope / %.1f%% "
                            + "recall (%.1f%% of all right); for %s, threshold %.2f and margin %.2f: "
                            + "%.1f%% / %.1f%% (%.1f%%)%n",
                    100 * t.inScopeBefore(),
                    100 * t.oosRecallBefore(),
                    100 * t.accuracyBefore(),
                    objective.spec(),
                    t.rule().threshold(),
                    t.rule().margin(),
                    100 * t.inScopeAfter(),
                    100 * t.oosRecallAfter(),
                    100 * t.accuracyAfter());
        }
        if (t.outOfScope() > 0) {
            printRouting(r.tuneRouting(t.rule()), o);
        }
        o.println("parameters: " + p.canonical());
        return 0;
    }

    /** The routing rule the out-of-fold answers choose, with the two curves it is read from (docs/nlu.md, Routing). */
    static void printRouting(RoutingTuner.Tuning rt, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "routing on the out-of-fold answers: act alone from %.2f (every bin above right >= %.0f%%), "
                        + "offer from %.2f (the first button right >= %.0f%%), a second button from %.2f (right >= "
                        + "%.0f%%)%n",
                rt.rule().direct(),
                100 * RoutingTuner.DIRECT_PRECISION,
                rt.rule().offer(),
                100 * RoutingTuner.OFFER_HITS,
                rt.rule().second(),
                100 * RoutingTuner.SECOND_HITS);
        o.println("  best probability   direct: messages, right   offer: messages, first button right");
        java.util.Map<Double, RoutingTuner.Bin> offers = new java.util.TreeMap<>();
        rt.offer().stream().filter(b -> b.examples() > 0).forEach(b -> offers.put(b.from(), b));
        java.util.Map<Double, RoutingTuner.Bin> directs = new java.util.TreeMap<>();
        rt.direct().stream().filter(b -> b.examples() > 0).forEach(b -> directs.put(b.from(), b));
        java.util.TreeSet<Double> edges = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        edges.addAll(offers.keySet());
        edges.addAll(directs.keySet());
        for (double from : edges) {
            o.printf(
                    Locale.ROOT,
                    "  %.2f-%.2f          %s   %s%n",
                    from,
                    from + 0.05,
                    cell(directs.get(from)),
                    cell(offers.get(from)));
        }
        o.println("  second button's probability (in the offer band): messages, second button right");
        for (RoutingTuner.Bin b : rt.second()) {
            if (b.examples() == 0) {
                continue;
            }
            o.printf(Locale.ROOT, "  %.2f-%.2f          %s%n", b.from(), b.from() + 0.05, cell(b));
        }
        o.println("  (* too few messages to judge: passed over)");
    }

    private static String cell(RoutingTuner.Bin b) {
        if (b == null) {
            return String.format(Locale.ROOT, "%14s", "");
        }
        return String.format(Locale.ROOT, "%5d, %5.1f%%%s", b.examples(), 100 * b.share(), b.judged() ? " " : "*");
    }
}
