package dev.rekindle.app;

import dev.rekindle.dialog.load.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bot's dialogs come from: the folder given with {@code --dialogs}; else {@code ./dialogs} when the
 * current folder has one (the project folder, as before); else the dialogs shipped in the jar.
 */
sealed interface DialogSource permits DialogFolder, ShippedDialogs {
    Path HERE = Path.of("dialogs");

    static DialogSource choose(Path given) {
        if (given != null) {
            return new DialogFolder(given);
        }
        return Files.isDirectory(HERE) ? new DialogFolder(HERE) : new ShippedDialogs();
    }

    /** The dialogs, or every problem in them, each naming its file. */
    LoadResult load() throws IOException;

    /** For a banner and for messages: the folder, or "the jar". */
    String describe();
}
