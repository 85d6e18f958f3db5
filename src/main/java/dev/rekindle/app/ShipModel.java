package dev.rekindle.app;

import dev.rekindle.nlu.safety.SafetyCalibration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The build step that puts the intent model and the safety model in the jar (pom.xml runs it at process-classes, so that tests see what
 * the jar will hold): loads the language folder as {@code --models} would, training the model from its intents/
 * only when {@code intent-model.bin} is missing or stale, checks that its safety.txt loads, and copies the model
 * into the classes folder. A folder whose detector would not load fails the build here, instead of making a jar
 * that refuses to start.
 */
public final class ShipModel {
    private ShipModel() {}

    /** {@code ShipModel LANGUAGE_DIR INTO}, e.g. {@code models/en target/classes/models/en}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ShipModel LANGUAGE_DIR INTO (e.g. models/en "
                    + "target/classes/models/en), not " + String.join(" ", args));
        }
        ModelFolder folder = new ModelFolder(Path.of(args[0]));
        UnderstandingFactory.load(
                folder,
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        Path into = Files.createDirectories(Path.of(args[1]));
        // the calibration is copied again: the build may just have fitted it for a retrained safety model
        for (String model : new String[] {"intent-model.bin", "safety-model.bin", SafetyCalibration.FILE}) {
            Files.copy(folder.dir().resolve(model), into.resolve(model), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
