package dev.rekindle.app;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import java.nio.file.Path;

/** A folder of dialog files (bot.yaml and one file per dialog). */
record DialogFolder(Path dir) implements DialogSource {
    @Override
    public LoadResult load() {
        return DialogLoader.loadDirectory(dir);
    }

    @Override
    public String describe() {
        return dir.toString();
    }
}
