package dev.rekindle.app;

import dev.rekindle.nlu.safety.Reliability;
import dev.rekindle.nlu.safety.SafetyCalibration;
import dev.rekindle.nlu.safety.SafetyDetector;
import dev.rekindle.nlu.safety.SafetyEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(
            names = "--data",
            required = true,
            paramLabel = "PATH",
            description = "a folder of .tsv files, or one file; repeat it to measure several together")
    private List<Path> data;

    @Option(names = "--list", description = "list every miss, flow and check")
    private boolean list;

    @Option(
            names = "--reliability",
            description = "also print the safety model's reliability on these lines (its probability of a concern, "
                    + "raw and calibrated, against how many are disclosures)")
    private boolean reliability;

    @Option(
            names = "--models",
            paramLabel = "DIR",
            description = "a language folder (e.g. models/en) instead of the jar's detector")
    private Path models;

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        for (Path d : data) {
            if (!in.exists(d)) {
                return 2;
            }
        }
        return measure(data, list, reliability, models, in.out(), in.err());
    }

    /**
     * Measures the detector of {@code models} (null: the jar's) on the lines of {@code data} and prints the report;
     * {@code eval} calls it too, for a safety set. Returns 1 when the lines are malformed, 2 when the detector
     * cannot be loaded.
     */
    static int measure(Path data, boolean list, Path models, PrintWriter out, PrintWriter err) throws IOException {
        return measure(List.of(data), list, false, models, out, err);
    }

    /** As {@link #measure(Path, boolean, Path, PrintWriter, PrintWriter)}, on several sets, with the reliability. */
    static int measure(
            List<Path> data, boolean list, boolean reliability, Path models, PrintWriter out, PrintWriter err)
            throws IOException {
        List<SafetyEvaluation.Line> lines = new ArrayList<>();
        try {
            for (Path d : data) {
                lines.addAll(SafetyEvaluation.load(d));
            }
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
        if (reliability) {
            SafetyCalibration c = detector.model().calibration();
            List<String> fittedOn = data.stream()
                    .map(d -> d.getFileName().toString())
                    .filter(c.fittedOn()::contains)
                    .toList();
            SafetyReport.printReliability(Reliability.of(detector.model(), lines), c, fittedOn, out);
        }
        return 0;
    }
}
