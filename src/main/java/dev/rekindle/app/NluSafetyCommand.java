package dev.rekindle.app;

import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu safety}: the safety detector measured on labelled lines. */
@Command(
        name = "safety",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Measure the safety detector on labelled lines (expected<TAB>message|answer<TAB>where"
                + "<TAB>text, as in models/en/safety-dev): recall per kind (a flow or a check), and flows and "
                + "checks raised on everyday messages and on answers to the exercises' questions.")
final class NluSafetyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "a folder of .tsv files, or one file")
    private Path data;

    @Option(names = "--list", description = "list every miss, flow and check")
    private boolean list;

    @Option(
            names = "--models",
            paramLabel = "DIR",
            description = "a language folder (e.g. models/en) instead of the jar's detector")
    private Path models;

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        if (!in.exists(data)) {
            return 2;
        }
        return measure(data, list, models, in.out(), in.err());
    }

    /**
     * Measures the detector of {@code models} (null: the jar's) on the lines of {@code data} and prints the report;
     * {@code eval} calls it too, for a safety set. Returns 1 when the lines are malformed, 2 when the detector
     * cannot be loaded.
     */
    static int measure(Path data, boolean list, Path models, PrintWriter out, PrintWriter err) throws IOException {
        List<SafetyEvaluation.Line> lines;
        try {
            lines = SafetyEvaluation.load(data);
        } catch (IllegalArgumentException e) {
            err.println("rekindle nlu safety: " + e.getMessage());
            return 1;
        }
        SafetyDetector detector;
        try {
            detector = UnderstandingFactory.detector(ModelSource.of(models), err);
        } catch (ModelsUnavailableException e) {
            err.println("rekindle nlu safety: " + e.getMessage());
            return 2;
        }
        SafetyReport.print(SafetyEvaluation.of(detector, lines), list, out);
        return 0;
    }
}
