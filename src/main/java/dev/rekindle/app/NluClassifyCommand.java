package dev.rekindle.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.nlu.Prediction;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.ScoredLabel;
import dev.rekindle.nlu.TextCategorizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle nlu classify}: one JSON line per line of standard input. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Classify each line of standard input; print one JSON object per line: text, intent, "
                + "confidence, top (3 labels with probabilities), safety (the flow a message of its own would "
                + "start, or null) and check (the kind of a gentle check asked instead, or null).")
final class NluClassifyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = NluInputs.JSON;

    private final InputStream stdin;
    private final NluCommand.SafetyWiring safety;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description = "a model file (default: the bot's own, see 'rekindle nlu --help')")
    private Path model;

    @Option(names = "--models", paramLabel = "DIR", description = NluInputs.MODELS_HELP)
    private Path models;

    /** @param safety as for {@link NluCommand#commandLine} */
    NluClassifyCommand(InputStream stdin, NluCommand.SafetyWiring safety) {
        this.stdin = stdin;
        this.safety = safety;
    }

    @Override
    public Integer call() throws IOException {
        NluInputs in = NluInputs.of(spec);
        NluInputs.Loaded loaded = in.load(model, models, safety);
        if (loaded == null) {
            return 2;
        }
        PrintWriter o = in.out();
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            o.println(JSON.writeValueAsString(classify(line, loaded.categorizer(), loaded.check())));
            o.flush();
        }
        return 0;
    }

    private static ObjectNode classify(String line, TextCategorizer c, SafetyCheck check) {
        Prediction p = c.categorize(line);
        ObjectNode j = JSON.createObjectNode();
        j.put("text", line);
        j.put("intent", p.label());
        j.put("confidence", round(p.confidence()));
        ArrayNode top = j.putArray("top");
        for (ScoredLabel s : p.top(3)) {
            top.addObject().put("label", s.label()).put("probability", round(s.probability()));
        }
        SafetyDecision d = check == null ? null : check.decide(line);
        // safety: the flow that would take over; check: the gentle question asked instead, when unsure
        j.put("safety", d instanceof SafetyDecision.Flow ? d.kind().id() : null);
        j.put("check", d instanceof SafetyDecision.Check ? d.kind().id() : null);
        return j;
    }

    private static double round(double d) {
        return Math.round(d * 10000) / 10000.0;
    }
}
