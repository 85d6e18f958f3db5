package dev.rekindle.app;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.Understanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The shipped dialogs and the bot's own Understanding (models/en), loaded once per test JVM: the end-to-end
 * tests all run the bot on exactly what ships, and loading the model once spares each class the work.
 */
final class Shipped {
    private static DialogLibrary library;
    private static Understanding understanding;

    private Shipped() {}

    static synchronized DialogLibrary library() {
        if (library == null) {
            library = DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow();
        }
        return library;
    }

    static synchronized Understanding understanding() {
        if (understanding == null) {
            try {
                understanding = UnderstandingFactory.load(UnderstandingFactory.DEFAULT_MODELS,
                        new PrintWriter(System.err, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return understanding;
    }
}
