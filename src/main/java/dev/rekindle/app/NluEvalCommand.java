package dev.rekindle.app;

import dev.rekindle.nlu.Evaluation;
import dev.rekindle.nlu.LabeledText;
import dev.rekindle.nlu.RoutingScore;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu eval}: a model measured on labelled data (a safety set as {@code nlu safety} measures it). */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Measure a model on labelled data: accuracy, per-intent precision/recall/F1, the most "
                + "confused pairs, out-of-scope recall, and safety recall and false alarms when a safety "
                + "detector is wired.")
final class NluEvalCommand implements Callable<Integer> {

    private final NluCommand.SafetyWiring safety;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", description = "a model file (default: the bot's own)")
    private Path model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "PATH",
            description = "labelled test data (folder or intent<TAB>text file); a safety set (a folder "
                    + "with disclosures.tsv, as models/en/safety-heldout) is measured as 'nlu safety' does")
    private Path data;

    @Option(names = "--models", paramLabel = "DIR", description = NluInputs.MODELS_HELP)
    private Path models;

    @Option(names = "--json", description = "print the report as JSON")
    private boolean json;

    /** @param safety as for {@link NluCommand#commandLine} */
    NluEvalCommand(NluCommand.SafetyWiring safety) {
        this.safety = safety;
    }

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        if (!in.exists(data)) {
            return 2;
        }
        if (Files.isRegularFile(data.resolve("disclosures.tsv"))) {
            return NluSafetyCommand.measure(data, false, models, in.out(), in.err());
        }
        List<LabeledText> examples;
        try {
            examples = TrainingData.load(data).examples();
        } catch (TrainingDataException e) {
            return in.dataProblems(e);
        }
        NluInputs.Loaded loaded = in.load(model, models, safety);
        if (loaded == null) {
            return 2;
        }
        Evaluation ev = Evaluation.of(loaded.categorizer(), examples, loaded.check());
        PrintWriter o = in.out();
        if (json) {
            o.println(NluInputs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ev));
            return 0;
        }
        printIntents(ev, o);
        printSafety(ev.safety(), o);
        printRouting(ev.routing(), o);
        return 0;
    }

    private static void printRouting(RoutingScore r, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "routing (the model's rule: act from %.2f, offer from %.2f, a second button from %.2f; the classifier"
                        + " alone):%n",
                r.rule().direct(),
                r.rule().offer(),
                r.rule().second());
        o.printf(
                Locale.ROOT,
                "  routed directly  %4d (%s): %d to the right intent, %d to a wrong exercise without asking%n",
                r.direct(),
                share(r.direct(), r.examples()),
                r.directRight(),
                r.directWrongExercise());
        o.printf(
                Locale.ROOT,
                "  offered first    %4d (%s): the right intent among the offers in %d%n",
                r.offered(),
                share(r.offered(), r.examples()),
                r.offerHits());
        o.printf(
                Locale.ROOT,
                "  fallback         %4d (%s): %d of them out of scope%n",
                r.fallback(),
                share(r.fallback(), r.examples()),
                r.fallbackOutOfScope());
        o.printf(
                Locale.ROOT,
                "  routed to an exercise without asking below the routing threshold: %d%n",
                r.belowThreshold());
        for (String w : r.wrongExercises()) {
            o.println("  wrong exercise: " + w);
        }
    }

    private static String share(int part, int whole) {
        return pct(whole == 0 ? Double.NaN : (double) part / whole);
    }

    private static void printIntents(Evaluation ev, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "%d examples: accuracy %.1f%% (%.1f%% with out_of_scope as a class only, no " + "threshold)%n",
                ev.examples(),
                100 * ev.accuracy(),
                100 * ev.accuracyAsClass());
        o.printf(
                Locale.ROOT,
                "in-scope accuracy %s; out-of-scope recall %s (%d examples)%n",
                pct(ev.inScopeAccuracy()),
                pct(ev.outOfScopeRecall()),
                ev.outOfScope());
        o.println("per intent:");
        o.printf(Locale.ROOT, "  %-22s %9s %7s %6s %8s%n", "intent", "precision", "recall", "F1", "examples");
        for (Evaluation.LabelScore s : ev.perLabel()) {
            o.printf(
                    Locale.ROOT,
                    "  %-22s %8.1f%% %6.1f%% %5.1f%% %8d%n",
                    s.label(),
                    100 * s.precision(),
                    100 * s.recall(),
                    100 * s.f1(),
                    s.support());
        }
        if (!ev.confusions().isEmpty()) {
            o.println("most confused (expected -> answered):");
            for (Evaluation.Confusion cf : ev.confusions()) {
                o.printf(
                        Locale.ROOT,
                        "  %3d  %s -> %s, e.g. \"%s\"%n",
                        cf.count(),
                        cf.gold(),
                        cf.predicted(),
                        cf.examples().get(0));
            }
        }
    }

    private static void printSafety(Evaluation.SafetyScore s, PrintWriter o) {
        if (s == null) {
            o.println("safety: no safety detector wired");
            return;
        }
        o.printf(
                Locale.ROOT,
                "safety: recall %s (%d of %d crisis/abuse examples raised, %d as the right kind); "
                        + "false alarms %s (%d of %d ordinary messages)%n",
                pct(s.recall()),
                s.caught(),
                s.examples(),
                s.sameKind(),
                pct(s.falseAlarmRate()),
                s.falseAlarms(),
                s.ordinary());
        for (String m : s.missed()) {
            o.println("  missed: " + m);
        }
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
    }
}
