package dev.rekindle.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.OutOfScopeTuner;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import dev.rekindle.nlu.TrainingData;
import dev.rekindle.nlu.TrainingDataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the {@code nlu} subcommands share: reading their options (-P, --objective) and data, saying what is wrong
 * with them, and loading the model (and safety check) that {@code classify} and {@code eval} use. Its messages
 * name the subcommand: {@code rekindle nlu <name>: ...}.
 */
final class NluInputs {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static final String OBJECTIVE_HELP = "what the out-of-scope threshold and margin maximise: accuracy (every "
            + "message counts once; the bot's own choice), balanced (in-scope accuracy + out-of-scope recall) "
            + "or floor:F (the most out-of-scope recall with in-scope accuracy at least F, e.g. floor:0.93); "
            + "default: accuracy";

    static final String MODELS_HELP = "a language folder such as models/en: its model (trained from DIR/intents "
            + "first when DIR/intent-model.bin is missing or stale) and its safety.txt, instead of those shipped in "
            + "the jar";

    /** The model and the safety check {@code classify} and {@code eval} use. */
    record Loaded(TextCategorizer categorizer, SafetyCheck check) {}

    private final CommandLine command;

    private NluInputs(CommandLine command) {
        this.command = command;
    }

    /** The inputs of the subcommand whose spec this is. */
    static NluInputs of(CommandSpec spec) {
        return new NluInputs(spec.commandLine());
    }

    PrintWriter out() {
        return command.getOut();
    }

    PrintWriter err() {
        return command.getErr();
    }

    /** The default parameters with each {@code -P} applied in turn; a bad one is a usage error. */
    IntentParams params(List<String> specs) {
        IntentParams p = IntentParams.defaults();
        if (specs != null) {
            for (String s : specs) {
                try {
                    p = IntentParams.parse(s, p);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(command, "-P " + s + ": " + e.getMessage());
                }
            }
        }
        return p;
    }

    /** The {@code --objective}; a bad one is a usage error. */
    OutOfScopeTuner.Objective objective(String text) {
        try {
            return OutOfScopeTuner.Objective.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command, "--objective: " + e.getMessage());
        }
    }

    /** True when {@code path} exists; else says so. */
    boolean exists(Path path) {
        if (Files.exists(path)) {
            return true;
        }
        err().println(name() + ": no such file or folder: " + path);
        return false;
    }

    /** Prints every problem of the data and returns the exit code 1. */
    int dataProblems(TrainingDataException e) {
        PrintWriter err = err();
        for (String p : e.problems()) {
            err.println(p);
        }
        err.println(e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s")
                + " in the data; fix them and run the command again");
        return 1;
    }

    /** How many examples and labels, and the texts found under two labels. */
    static void describe(PrintWriter o, Path data, TrainingData td) {
        o.println(
                data + ": " + td.examples().size() + " examples, " + td.labels().size() + " labels"
                        + (td.duplicatesDropped() > 0 ? ", " + td.duplicatesDropped() + " duplicates dropped" : ""));
        for (String c : td.conflicts()) {
            o.println("  warning: the same text under two labels: " + c);
        }
    }

    /**
     * The runtime for {@code model} (else for the model of {@code models}) and its safety check; null, and the
     * reason on stderr, when the model or the detector cannot be loaded.
     */
    Loaded load(Path model, Path models, NluCommand.SafetyWiring safety) throws IOException {
        ModelSource source = ModelSource.of(models);
        try {
            TextCategorizer c = categorizer(model, source);
            return new Loaded(c, safety == null ? null : safety.check(c, source, err()));
        } catch (ModelsUnavailableException e) {
            err().println(name() + ": " + e.getMessage());
            return null;
        }
    }

    /** The runtime for {@code model}, or for the model of {@code source}. */
    private TextCategorizer categorizer(Path model, ModelSource source) throws IOException {
        if (model == null) {
            return new TextCategorizer(source.model(err()));
        }
        if (!Files.isRegularFile(model)) {
            throw new ModelsUnavailableException("no such model file: " + model
                    + " (train one with 'rekindle nlu train --data PATH --out " + model + "')");
        }
        return new TextCategorizer(IntentModel.load(model));
    }

    /** {@code rekindle nlu <name>}. */
    private String name() {
        return command.getCommandSpec().qualifiedName();
    }
}
