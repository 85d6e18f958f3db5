package dev.rekindle.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekindle.nlu.Evaluation;
import dev.rekindle.nlu.GridSearch;
import dev.rekindle.nlu.IntentCv;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.IntentTrainer;
import dev.rekindle.nlu.LabeledText;
import dev.rekindle.nlu.ModelStore;
import dev.rekindle.nlu.OutOfScopeRule;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.Prediction;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.ScoredLabel;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import dev.rekindle.nlu.bench.NluBenchmark;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle nlu ...}: thin shells over the trainer, the model store, cross-validation and evaluation in
 * {@code dev.rekindle.nlu}. Exit codes as for the other commands: 0 fine, 1 problems in the data, 2 the command
 * could not run as asked.
 */
@Command(name = "nlu", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, check and try the intent classifier.",
        footer = {"", "Without --model, classify and eval use the bot's own model and lexicon, shipped in the jar; "
                + "with --models DIR, those of a language folder such as models/en (the model trained from "
                + "DIR/intents first when DIR/intent-model.bin is missing or stale)."})
final class NluCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Builds the safety check for a model's runtime, with the lexicon of a model source. */
    @FunctionalInterface
    interface SafetyWiring {
        /** @return the check, or null while no detector is wired (classify prints null, eval skips safety) */
        SafetyCheck check(TextCategorizer categorizer, ModelSource detectorFrom, PrintWriter progress)
                throws ModelsUnavailableException;
    }

    private final InputStream stdin;
    private final SafetyWiring safety;

    @Spec
    private CommandSpec spec;

    /**
     * @param safety builds the safety check for a model's runtime; returns null (or is null) while no detector is
     *               wired, and then classify prints {@code "safety": null} and eval skips the safety figures
     */
    NluCommand(InputStream stdin, SafetyWiring safety) {
        this.stdin = stdin;
        this.safety = safety;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    // ---- train -----------------------------------------------------------------------------------------

    @Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Train a model on PATH (a folder of <intent>.txt files or an intent<TAB>text file) "
                    + "and write it to MODEL. With --val, the out-of-scope threshold and margin are tuned on it; "
                    + "without, on a cross-validation of the training data.")
    int train(@Option(names = "--data", required = true, paramLabel = "PATH",
                      description = "the training data") Path data,
              @Option(names = "--val", paramLabel = "PATH",
                      description = "validation data for the out-of-scope threshold and margin") Path val,
              @Option(names = "--out", required = true, paramLabel = "MODEL",
                      description = "the model file to write") Path out,
              @Option(names = "--grid", description = "choose the trainer and pipeline by cross-validation "
                      + "on the training data first (slower)") boolean grid,
              @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
                      description = "folds for --grid and for tuning without --val (default: ${DEFAULT-VALUE})")
              int folds,
              @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE[,...]",
                      description = "change a training parameter (see 'rekindle nlu cv --help')") List<String> params,
              @Option(names = "--objective", defaultValue = "accuracy", paramLabel = "OBJECTIVE",
                      description = OBJECTIVE_HELP) String objectiveSpec)
            throws IOException {
        PrintWriter o = out();
        if (!exists("train", data) || (val != null && !exists("train", val))) {
            return 2;
        }
        IntentParams p = params("train", params);
        OutOfScopeTuner.Objective objective = objective("train", objectiveSpec);
        TrainingData td;
        List<LabeledText> valData;
        try {
            td = TrainingData.load(data);
            valData = val == null ? null : TrainingData.load(val).examples();
        } catch (TrainingDataException e) {
            return dataProblems(e);
        }
        describe(o, data, td);
        if (grid) {
            o.println("grid search, " + folds + "-fold cross-validation:");
            GridSearch.Outcome g = GridSearch.search(td.examples(), p, folds, 42,
                    r -> o.printf(Locale.ROOT, "  %5.1f%% ±%4.1f  %6.1fs  %s%n", 100 * r.accuracy(), 100 * r.spread(),
                            r.millis() / 1000.0, r.params().canonical()));
            p = g.best();
            o.println("chosen: " + p.canonical());
        }
        long t0 = System.nanoTime();
        IntentModel model = IntentTrainer.train(td.examples(), p);
        double secs = (System.nanoTime() - t0) / 1e9;
        OutOfScopeTuner.Tuning t = valData != null ? OutOfScopeTuner.tune(model, valData, objective)
                : IntentCv.crossValidate(td.examples(), p, folds, 42)
                        .tuneOutOfScope(OutOfScopeRule.OUT_OF_SCOPE, objective);
        model = model.withOutOfScopeRule(t.rule()).withFingerprint(ModelStore.fingerprint(data, val, p, objective));
        o.printf(Locale.ROOT, "trained in %.1f s: %s%n", secs, p.canonical());
        if (t.outOfScope() == 0) {
            o.println("out of scope: no out_of_scope examples " + (val != null ? "in " + val : "in the data")
                    + ", so no threshold (only the class, if trained)");
        } else {
            o.printf(Locale.ROOT, "out of scope, tuned for %s on %s: threshold %.2f, margin %.2f; in-scope accuracy "
                            + "%.1f%% -> %.1f%%, out-of-scope recall %.1f%% -> %.1f%% (%d in scope, %d out)%n",
                    objective.spec(), val != null ? val : folds + "-fold cross-validation", t.rule().threshold(),
                    t.rule().margin(),
                    100 * t.inScopeBefore(), 100 * t.inScopeAfter(), 100 * t.oosRecallBefore(),
                    100 * t.oosRecallAfter(), t.inScope(), t.outOfScope());
        }
        model.save(out);
        o.println("wrote " + out);
        return 0;
    }

    // ---- classify --------------------------------------------------------------------------------------

    @Command(name = "classify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Classify each line of standard input; print one JSON object per line: text, intent, "
                    + "confidence, top (3 labels with probabilities), safety (the flow a message of its own would "
                    + "start, or null) and check (the kind of a gentle check asked instead, or null).")
    int classify(@Option(names = "--model", paramLabel = "MODEL",
                         description = "a model file (default: the bot's own, see 'rekindle nlu --help')") Path model,
                 @Option(names = "--models", paramLabel = "DIR", description = MODELS_HELP) Path models)
            throws IOException {
        Loaded loaded = load("classify", model, models);
        if (loaded == null) {
            return 2;
        }
        TextCategorizer c = loaded.categorizer();
        SafetyCheck check = loaded.check();
        PrintWriter o = out();
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Prediction p = c.categorize(line);
            ObjectNode j = JSON.createObjectNode();
            j.put("text", line);
            j.put("intent", p.label());
            j.put("confidence", round(p.confidence()));
            ArrayNode top = j.putArray("top");
            for (ScoredLabel s : p.top(3)) {
                top.addObject().put("label", s.label()).put("probability", round(s.probability()));
            }
            dev.rekindle.dialog.engine.SafetyDecision d = check == null ? null : check.decide(line);
            // safety: the flow that would take over; check: the gentle question asked instead, when unsure
            j.put("safety", d instanceof dev.rekindle.dialog.engine.SafetyDecision.Flow ? d.kind().id() : null);
            j.put("check", d instanceof dev.rekindle.dialog.engine.SafetyDecision.Check ? d.kind().id() : null);
            o.println(JSON.writeValueAsString(j));
            o.flush();
        }
        return 0;
    }

    // ---- eval ------------------------------------------------------------------------------------------

    @Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Measure a model on labelled data: accuracy, per-intent precision/recall/F1, the most "
                    + "confused pairs, out-of-scope recall, and safety recall and false alarms when a safety "
                    + "detector is wired.")
    int eval(@Option(names = "--model", paramLabel = "MODEL",
                     description = "a model file (default: the bot's own)") Path model,
             @Option(names = "--data", required = true, paramLabel = "PATH",
                     description = "labelled test data (folder or intent<TAB>text file); a safety set (a folder "
                             + "with disclosures.tsv, as models/en/safety-heldout) is measured as 'nlu safety' does")
             Path data,
             @Option(names = "--models", paramLabel = "DIR", description = MODELS_HELP) Path models,
             @Option(names = "--json", description = "print the report as JSON") boolean json) throws IOException {
        if (!exists("eval", data)) {
            return 2;
        }
        if (java.nio.file.Files.isRegularFile(data.resolve("disclosures.tsv"))) {
            return safety(data, false, models);
        }
        List<LabeledText> examples;
        try {
            examples = TrainingData.load(data).examples();
        } catch (TrainingDataException e) {
            return dataProblems(e);
        }
        Loaded loaded = load("eval", model, models);
        if (loaded == null) {
            return 2;
        }
        TextCategorizer c = loaded.categorizer();
        SafetyCheck check = loaded.check();
        Evaluation ev = Evaluation.of(c, examples, check);
        PrintWriter o = out();
        if (json) {
            o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ev));
            return 0;
        }
        o.printf(Locale.ROOT, "%d examples: accuracy %.1f%% (%.1f%% with out_of_scope as a class only, no "
                + "threshold)%n", ev.examples(), 100 * ev.accuracy(), 100 * ev.accuracyAsClass());
        o.printf(Locale.ROOT, "in-scope accuracy %s; out-of-scope recall %s (%d examples)%n",
                pct(ev.inScopeAccuracy()), pct(ev.outOfScopeRecall()), ev.outOfScope());
        o.println("per intent:");
        o.printf(Locale.ROOT, "  %-22s %9s %7s %6s %8s%n", "intent", "precision", "recall", "F1", "examples");
        for (Evaluation.LabelScore s : ev.perLabel()) {
            o.printf(Locale.ROOT, "  %-22s %8.1f%% %6.1f%% %5.1f%% %8d%n", s.label(), 100 * s.precision(),
                    100 * s.recall(), 100 * s.f1(), s.support());
        }
        if (!ev.confusions().isEmpty()) {
            o.println("most confused (expected -> answered):");
            for (Evaluation.Confusion cf : ev.confusions()) {
                o.printf(Locale.ROOT, "  %3d  %s -> %s, e.g. \"%s\"%n", cf.count(), cf.gold(), cf.predicted(),
                        cf.examples().get(0));
            }
        }
        Evaluation.Safety s = ev.safety();
        if (s == null) {
            o.println("safety: no safety detector wired");
        } else {
            o.printf(Locale.ROOT, "safety: recall %s (%d of %d crisis/abuse examples raised, %d as the right kind); "
                            + "false alarms %s (%d of %d ordinary messages)%n", pct(s.recall()), s.caught(),
                    s.examples(), s.sameKind(), pct(s.falseAlarmRate()), s.falseAlarms(), s.ordinary());
            for (String m : s.missed()) {
                o.println("  missed: " + m);
            }
        }
        return 0;
    }

    /** The model and the safety check {@code classify} and {@code eval} use. */
    private record Loaded(TextCategorizer categorizer, SafetyCheck check) {}

    /** Null (and the reason on stderr) when the model or the detector cannot be loaded. */
    private Loaded load(String command, Path model, Path models) throws IOException {
        ModelSource source = ModelSource.of(models);
        try {
            TextCategorizer c = categorizer(model, source);
            return new Loaded(c, safety == null ? null : safety.check(c, source, spec.commandLine().getErr()));
        } catch (ModelsUnavailableException e) {
            spec.commandLine().getErr().println("rekindle nlu " + command + ": " + e.getMessage());
            return null;
        }
    }

    // ---- safety ----------------------------------------------------------------------------------------

    @Command(name = "safety", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Measure the safety detector on labelled lines (expected<TAB>message|answer<TAB>where"
                    + "<TAB>text, as in models/en/safety-dev): recall per kind (a flow or a check), and flows and "
                    + "checks raised on everyday messages and on answers to the exercises' questions.")
    int safety(@Option(names = "--data", required = true, paramLabel = "PATH",
                       description = "a folder of .tsv files, or one file") Path data,
               @Option(names = "--list", description = "list every miss, flow and check") boolean list,
               @Option(names = "--models", paramLabel = "DIR",
                       description = "a language folder (e.g. models/en) instead of the jar's detector") Path models)
            throws IOException {
        if (!exists("safety", data)) {
            return 2;
        }
        List<dev.rekindle.nlu.safety.SafetyEvaluation.Line> lines;
        try {
            lines = dev.rekindle.nlu.safety.SafetyEvaluation.load(data);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("rekindle nlu safety: " + e.getMessage());
            return 1;
        }
        dev.rekindle.nlu.safety.SafetyDetector detector;
        try {
            detector = UnderstandingFactory.detector(ModelSource.of(models), spec.commandLine().getErr());
        } catch (ModelsUnavailableException e) {
            spec.commandLine().getErr().println("rekindle nlu safety: " + e.getMessage());
            return 2;
        }
        SafetyReport.print(dev.rekindle.nlu.safety.SafetyEvaluation.of(detector, lines), list, out());
        return 0;
    }

    // ---- cv --------------------------------------------------------------------------------------------

    @Command(name = "cv", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Cross-validate the pipeline on PATH: stratified K-fold accuracy, and the out-of-scope "
                    + "threshold and margin the out-of-fold answers would choose.",
            footer = {"", "Parameters (-P key=value, comma-separated): algorithm (MAXENT_QN, MAXENT, PERCEPTRON, "
                    + "NAIVEBAYES), iterations, cutoff, l1, l2, threads, accents, repeats, digits, words, stems "
                    + "(true/false), ngrams (1-4), chars (MIN-MAX or off).",
                    "Defaults: " + "algorithm=MAXENT_QN,iterations=200,cutoff=1,l1=0,l2=0.5,accents=true,"
                            + "repeats=true,digits=true,words=true,stems=true,ngrams=2,chars=3-5"})
    int cv(@Option(names = "--data", required = true, paramLabel = "PATH", description = "labelled data") Path data,
           @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
                   description = "number of folds (default: ${DEFAULT-VALUE})") int folds,
           @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
                   description = "shuffling seed (default: ${DEFAULT-VALUE})") long seed,
           @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE[,...]",
                   description = "change a training parameter") List<String> params,
           @Option(names = "--objective", defaultValue = "accuracy", paramLabel = "OBJECTIVE",
                   description = OBJECTIVE_HELP) String objectiveSpec) throws IOException {
        if (!exists("cv", data)) {
            return 2;
        }
        if (folds < 2) {
            throw new CommandLine.ParameterException(spec.commandLine().getSubcommands().get("cv"),
                    "--folds must be at least 2, not " + folds);
        }
        IntentParams p = params("cv", params);
        OutOfScopeTuner.Objective objective = objective("cv", objectiveSpec);
        TrainingData td;
        try {
            td = TrainingData.load(data);
        } catch (TrainingDataException e) {
            return dataProblems(e);
        }
        PrintWriter o = out();
        describe(o, data, td);
        long t0 = System.nanoTime();
        IntentCv.Result r = IntentCv.crossValidate(td.examples(), p, folds, seed);
        o.printf(Locale.ROOT, "%d-fold cross-validation: accuracy %.1f%% ± %.1f (folds:", folds, 100 * r.accuracy(),
                100 * r.foldSpread());
        for (double a : r.foldAccuracies()) {
            o.printf(Locale.ROOT, " %.1f", 100 * a);
        }
        o.printf(Locale.ROOT, ") in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        OutOfScopeTuner.Tuning t = r.tuneOutOfScope(OutOfScopeRule.OUT_OF_SCOPE, objective);
        if (t.outOfScope() > 0) {
            o.printf(Locale.ROOT, "out of scope on the out-of-fold answers: class only %.1f%% in-scope / %.1f%% "
                            + "recall (%.1f%% of all right); for %s, threshold %.2f and margin %.2f: "
                            + "%.1f%% / %.1f%% (%.1f%%)%n",
                    100 * t.inScopeBefore(), 100 * t.oosRecallBefore(), 100 * t.accuracyBefore(), objective.spec(),
                    t.rule().threshold(), t.rule().margin(), 100 * t.inScopeAfter(), 100 * t.oosRecallAfter(),
                    100 * t.accuracyAfter());
        }
        o.println("parameters: " + p.canonical());
        return 0;
    }

    // ---- bench -----------------------------------------------------------------------------------------

    @Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Benchmark the classifier on a labelled data set such as CLINC150: train on --train, "
                    + "tune the out-of-scope rule on --val for each objective, then measure classification latency "
                    + "(one thread) and throughput (all cores). Prints figures; docs/nlu.md records them.")
    int bench(@Option(names = "--train", required = true, paramLabel = "PATH", description = "training split")
              Path train,
              @Option(names = "--val", required = true, paramLabel = "PATH", description = "validation split")
              Path val,
              @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE[,...]",
                      description = "change a training parameter") List<String> params,
              @Option(names = "--objective", paramLabel = "OBJECTIVE", description = "out-of-scope objectives to "
                      + "report, repeatable (default: accuracy, balanced, floor:0.93); latency uses the first")
              List<String> objectives,
              @Option(names = "--seconds", defaultValue = "5", paramLabel = "N",
                      description = "how long the throughput run lasts (default: ${DEFAULT-VALUE})") int seconds)
            throws Exception {
        if (!exists("bench", train) || !exists("bench", val)) {
            return 2;
        }
        IntentParams p = params("bench", params);
        List<OutOfScopeTuner.Objective> os = new java.util.ArrayList<>();
        for (String spec : objectives == null ? List.of("accuracy", "balanced", "floor:0.93") : objectives) {
            os.add(objective("bench", spec));
        }
        List<LabeledText> trainData;
        List<LabeledText> valData;
        try {
            trainData = TrainingData.load(train).examples();
            valData = TrainingData.load(val).examples();
        } catch (TrainingDataException e) {
            return dataProblems(e);
        }
        PrintWriter o = out();
        NluBenchmark.Report r = NluBenchmark.run(trainData, valData, p, os, java.time.Duration.ofSeconds(seconds), o);
        NluBenchmark.print(r, o);
        return 0;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    static final String OBJECTIVE_HELP = "what the out-of-scope threshold and margin maximise: accuracy (every "
            + "message counts once; the bot's own choice), balanced (in-scope accuracy + out-of-scope recall) "
            + "or floor:F (the most out-of-scope recall with in-scope accuracy at least F, e.g. floor:0.93); "
            + "default: accuracy";

    private OutOfScopeTuner.Objective objective(String command, String text) {
        try {
            return OutOfScopeTuner.Objective.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine().getSubcommands().get(command),
                    "--objective: " + e.getMessage());
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private IntentParams params(String command, List<String> specs) {
        IntentParams p = IntentParams.defaults();
        if (specs != null) {
            for (String s : specs) {
                try {
                    p = IntentParams.parse(s, p);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine().getSubcommands().get(command),
                            "-P " + s + ": " + e.getMessage());
                }
            }
        }
        return p;
    }

    static final String MODELS_HELP = "a language folder such as models/en: its model (trained from DIR/intents "
            + "first when DIR/intent-model.bin is missing or stale) and its safety.txt, instead of those shipped in "
            + "the jar";

    /** The runtime for {@code model}, or for the model of {@code source}. */
    private TextCategorizer categorizer(Path model, ModelSource source) throws IOException {
        if (model == null) {
            return new TextCategorizer(source.model(spec.commandLine().getErr()));
        }
        if (!Files.isRegularFile(model)) {
            throw new ModelsUnavailableException("no such model file: " + model
                    + " (train one with 'rekindle nlu train --data PATH --out " + model + "')");
        }
        return new TextCategorizer(IntentModel.load(model));
    }

    private boolean exists(String command, Path path) {
        if (Files.exists(path)) {
            return true;
        }
        spec.commandLine().getErr().println("rekindle nlu " + command + ": no such file or folder: " + path);
        return false;
    }

    private int dataProblems(TrainingDataException e) {
        PrintWriter err = spec.commandLine().getErr();
        for (String p : e.problems()) {
            err.println(p);
        }
        err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
                + " in the data; fix them and run the command again");
        return 1;
    }

    private static void describe(PrintWriter o, Path data, TrainingData td) {
        o.println(data + ": " + td.examples().size() + " examples, " + td.labels().size() + " labels"
                + (td.duplicatesDropped() > 0 ? ", " + td.duplicatesDropped() + " duplicates dropped" : ""));
        for (String c : td.conflicts()) {
            o.println("  warning: the same text under two labels: " + c);
        }
    }

    private static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }

    private static String pct(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
    }
}
