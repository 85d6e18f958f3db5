package dev.rekindle.app;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The shipped dialogs and the bot's own Understanding (as the jar ships it), loaded once per test JVM: the end-to-end
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

    /**
     * A sentence of the shipped bot.yaml as a person reads it in Telegram: its first variant, each {placeholder}
     * filled from {@code namesAndValues} (name, value, name, value...), the **bold** marks gone. Read from the
     * YAML, not through the engine, so that a test comparing it with what the bot sent checks the bot's filling
     * and rendering too.
     */
    static String said(String key, String... namesAndValues) {
        String text = library().bot().message(key).variants().get(0);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        if (text.matches("(?s).*\\{\\w+}.*")) {
            throw new IllegalArgumentException("bot.yaml '" + key + "' has a placeholder left: " + text);
        }
        return text.replace("**", "");
    }

    static synchronized Understanding understanding() {
        if (understanding == null) {
            try {
                understanding = UnderstandingFactory.shipped();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return understanding;
    }
}
