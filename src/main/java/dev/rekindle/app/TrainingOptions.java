package dev.rekindle.app;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -P} and {@code --objective} options of the commands that train ({@code nlu train}, {@code nlu cv}). */
final class TrainingOptions {
    @Option(
            names = {"-P", "--param"},
            paramLabel = "KEY=VALUE[,...]",
            description = "change a training parameter (the keys: 'rekindle nlu cv --help')")
    List<String> params;

    @Option(
            names = "--objective",
            defaultValue = "accuracy",
            paramLabel = "OBJECTIVE",
            description = NluInputs.OBJECTIVE_HELP)
    String objectiveSpec;
}
