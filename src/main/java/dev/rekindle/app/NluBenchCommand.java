package dev.rekindle.app;

import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.LabeledText;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import dev.rekindle.nlu.bench.NluBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu bench}: the classifier's accuracy per objective, latency and throughput (figures, no test). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Benchmark the classifier on a labelled data set such as CLINC150: train on --train, "
                + "tune the out-of-scope rule on --val for each objective, then measure classification latency "
                + "(one thread) and throughput (all cores). Prints figures; docs/nlu.md records them.")
final class NluBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "PATH", description = "training split")
    private Path train;

    @Option(names = "--val", required = true, paramLabel = "PATH", description = "validation split")
    private Path val;

    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE[,...]",
            description = "change a training parameter")
    private List<String> params;

    @Option(
            names = "--objective",
            paramLabel = "OBJECTIVE",
            description = "out-of-scope objectives to "
                    + "report, repeatable (default: accuracy, balanced, floor:0.93); latency uses the first")
    private List<String> objectives;

    @Option(
            names = "--seconds",
            defaultValue = "5",
            paramLabel = "N",
            description = "how long the throughput run lasts (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Override
    public Integer call() throws Exception {
        NluInputs in = NluInputs.of(spec);
        if (!in.exists(train) || !in.exists(val)) {
            return 2;
        }
        IntentParams p = in.params(params);
        List<OutOfScopeTuner.Objective> os = new ArrayList<>();
        for (String o : objectives == null ? List.of("accuracy", "balanced", "floor:0.93") : objectives) {
            os.add(in.objective(o));
        }
        List<LabeledText> trainData;
        List<LabeledText> valData;
        try {
            trainData = TrainingData.load(train).examples();
            valData = TrainingData.load(val).examples();
        } catch (TrainingDataException e) {
            return in.dataProblems(e);
        }
        PrintWriter o = in.out();
        NluBenchmark.Report r = NluBenchmark.run(trainData, valData, p, os, Duration.ofSeconds(seconds), o);
        NluBenchmark.print(r, o);
        return 0;
    }
}
