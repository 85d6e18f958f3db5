package dev.rekindle.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --dialogs} and {@code --models} options of the commands that talk ({@code run}, {@code chat}). */
final class ContentFolders {
    @Option(names = "--dialogs", paramLabel = "DIR", description = Startup.DIALOGS_HELP)
    Path dialogs;

    @Option(names = "--models", paramLabel = "DIR", description = Startup.MODELS_HELP)
    Path models;
}
