package dev.rekindle.app;

import dev.rekindle.nlu.GridSearch;
import dev.rekindle.nlu.IntentCv;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.IntentTrainer;
import dev.rekindle.nlu.LabeledText;
import dev.rekindle.nlu.ModelStore;
import dev.rekindle.nlu.OutOfScopeRule;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu train}: a model, its out-of-scope rule tuned, written to a file. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train a model on PATH (a folder of <intent>.txt files or an intent<TAB>text file) "
                + "and write it to MODEL. With --val, the out-of-scope threshold and margin are tuned on it; "
                + "without, on a cross-validation of the training data.")
final class NluTrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "the training data")
    private Path data;

    @Option(
            names = "--val",
            paramLabel = "PATH",
            description = "validation data for the out-of-scope threshold and margin")
    private Path val;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "the model file to write")
    private Path out;

    @Option(
            names = "--grid",
            description =
                    "choose the trainer and pipeline by cross-validation " + "on the training data first (slower)")
    private boolean grid;

    @Option(
            names = "--folds",
            defaultValue = "5",
            paramLabel = "K",
            description = "folds for --grid and for tuning without --val (default: ${DEFAULT-VALUE})")
    private int folds;

    @Mixin
    private TrainingOptions training = new TrainingOptions();

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        PrintWriter o = in.out();
        if (!in.exists(data) || (val != null && !in.exists(val))) {
            return 2;
        }
        IntentParams p = in.params(training.params);
        OutOfScopeTuner.Objective objective = in.objective(training.objectiveSpec);
        TrainingData td;
        List<LabeledText> valData;
        try {
            td = TrainingData.load(data);
            valData = val == null ? null : TrainingData.load(val).examples();
        } catch (TrainingDataException e) {
            return in.dataProblems(e);
        }
        NluInputs.describe(o, data, td);
        if (grid) {
            p = gridSearch(td, p, o);
        }
        long t0 = System.nanoTime();
        IntentModel model = IntentTrainer.train(td.examples(), p);
        double secs = (System.nanoTime() - t0) / 1e9;
        OutOfScopeTuner.Tuning t = valData != null
                ? OutOfScopeTuner.tune(model, valData, objective)
                : IntentCv.crossValidate(td.examples(), p, folds, 42)
                        .tuneOutOfScope(OutOfScopeRule.OUT_OF_SCOPE, objective);
        model = model.withOutOfScopeRule(t.rule()).withFingerprint(ModelStore.fingerprint(data, val, p, objective));
        o.printf(Locale.ROOT, "trained in %.1f s: %s%n", secs, p.canonical());
        printTuning(t, objective, o);
        model.save(out);
        o.println("wrote " + out);
        return 0;
    }

    /** The parameters a cross-validated grid search chooses, printing each candidate's figures. */
    private IntentParams gridSearch(TrainingData td, IntentParams p, PrintWriter o) {
        o.println("grid search, " + folds + "-fold cross-validation:");
        GridSearch.Outcome g = GridSearch.search(
                td.examples(),
                p,
                folds,
                42,
                r -> o.printf(
                        Locale.ROOT,
                        "  %5.1f%% ±%4.1f  %6.1fs  %s%n",
                        100 * r.accuracy(),
                        100 * r.spread(),
                        r.millis() / 1000.0,
                        r.params().canonical()));
        IntentParams best = g.best();
        o.println("chosen: " + best.canonical());
        return best;
    }

    private void printTuning(OutOfScopeTuner.Tuning t, OutOfScopeTuner.Objective objective, PrintWriter o) {
        if (t.outOfScope() == 0) {
            o.println("out of scope: no out_of_scope examples " + (val != null ? "in " + val : "in the data")
                    + ", so no threshold (only the class, if trained)");
        } else {
            o.printf(
                    Locale.ROOT,
                    "out of scope, tuned for %s on %s: threshold %.2f, margin %.2f; in-scope accuracy "
                            + "%.1f%% -> %.1f%%, out-of-scope recall %.1f%% -> %.1f%% (%d in scope, %d out)%n",
                    objective.spec(),
                    val != null ? val : folds + "-fold cross-validation",
                    t.rule().threshold(),
                    t.rule().margin(),
                    100 * t.inScopeBefore(),
                    100 * t.inScopeAfter(),
                    100 * t.oosRecallBefore(),
                    100 * t.oosRecallAfter(),
                    t.inScope(),
                    t.outOfScope());
        }
    }
}
