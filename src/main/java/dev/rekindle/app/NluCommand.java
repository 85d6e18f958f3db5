package dev.rekindle.app;

import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle nlu ...}: thin shells over the trainer, the model store, cross-validation and evaluation in
 * {@code dev.rekindle.nlu}, one class per subcommand ({@link NluTrainCommand}, {@link NluClassifyCommand},
 * {@link NluEvalCommand}, {@link NluSafetyCommand}, {@link NluCvCommand}, {@link NluBenchCommand}). Exit codes as
 * for the other commands: 0 fine, 1 problems in the data, 2 the command could not run as asked.
 */
@Command(
        name = "nlu",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train, check and try the intent classifier.",
        footer = {
            "",
            "Without --model, classify and eval use the bot's own model and lexicon, shipped in the jar; "
                    + "with --models DIR, those of a language folder such as models/en (the model trained from "
                    + "DIR/intents first when DIR/intent-model.bin is missing or stale)."
        })
final class NluCommand implements Callable<Integer> {

    /** Builds the safety check for a model's runtime, with the lexicon of a model source. */
    @FunctionalInterface
    interface SafetyWiring {
        /** Returns the check, or null while no detector is wired (classify prints null, eval skips safety). */
        SafetyCheck check(TextCategorizer categorizer, ModelSource detectorFrom, PrintWriter progress)
                throws ModelsUnavailableException;
    }

    @Spec
    private CommandSpec spec;

    private NluCommand() {}

    /**
     * The {@code nlu} command with its subcommands, in the order its help lists them (by name).
     *
     * @param stdin  what {@code classify} reads
     * @param safety builds the safety check for a model's runtime; returns null (or is null) while no detector is
     *               wired, and then classify prints {@code "safety": null} and eval skips the safety figures
     */
    static CommandLine commandLine(InputStream stdin, SafetyWiring safety) {
        CommandLine nlu = new CommandLine(new NluCommand());
        nlu.addSubcommand(new NluBenchCommand());
        nlu.addSubcommand(new NluClassifyCommand(stdin, safety));
        nlu.addSubcommand(new NluCvCommand());
        nlu.addSubcommand(new NluEvalCommand(safety));
        nlu.addSubcommand(new NluSafetyCommand());
        nlu.addSubcommand(new NluTrainCommand());
        return nlu;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
