package dev.rekindle.app;

import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.ModelStore;
import dev.rekindle.nlu.TrainingDataException;
import dev.rekindle.nlu.safety.SafetyCalibration;
import dev.rekindle.nlu.safety.SafetyCalibrations;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.safety.SafetyModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A language folder given with {@code --models DIR} (like models/en): the model trained from {@code DIR/intents}
 * and kept in {@code DIR/intent-model.bin} (reused while its fingerprint matches, retrained with visible progress
 * when the data changed), or, in a folder without training data, the model file as it is; the lexicon
 * {@code DIR/safety.txt}.
 */
public final class ModelFolder implements ModelSource {
    /** Common words the lexicon never takes for typos (optional: without it, every long word forgives one). */
    static final String WORDS = "words.txt";

    static final String FIX = "give a language folder that holds intents/ (or a trained intent-model.bin) and "
            + "safety.txt, e.g. --models models/en, or leave --models out to use the jar's";

    private final Path dir;

    public ModelFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public IntentModel model(PrintWriter progress) throws ModelsUnavailableException {
        return modelOf("intents", "intent-model.bin", "the intent model", progress);
    }

    @Override
    public IntentModel safetyModel(PrintWriter progress) throws ModelsUnavailableException {
        return modelOf("safety-train", "safety-model.bin", "the safety model", progress);
    }

    /** The model trained from {@code DIR/data} (reused while current), or, without that folder, {@code DIR/file}. */
    private IntentModel modelOf(String dataName, String fileName, String what, PrintWriter progress)
            throws ModelsUnavailableException {
        Path data = dir.resolve(dataName);
        Path file = dir.resolve(fileName);
        if (Files.isDirectory(data)) {
            return trainedOrReused(data, file, what, progress);
        }
        if (!Files.isRegularFile(file)) {
            throw unavailable(what, "no training data at " + data + " and no model at " + file, null);
        }
        try {
            return IntentModel.load(file);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw unavailable(what, e.getMessage(), e);
        }
    }

    private IntentModel trainedOrReused(Path data, Path file, String what, PrintWriter progress)
            throws ModelsUnavailableException {
        long[] started = {0};
        try {
            ModelStore.Loaded loaded = ModelStore.loadOrTrain(data, file, IntentParams.defaults(), (why, examples) -> {
                progress.printf(Locale.ROOT, "training %s from %s (%,d examples; %s)... ", what, data, examples, why);
                progress.flush();
                started[0] = System.nanoTime();
            });
            if (loaded.retrained()) {
                progress.printf(Locale.ROOT, "done in %d s%n", Math.round((System.nanoTime() - started[0]) / 1e9));
                progress.flush();
            }
            return loaded.model();
        } catch (TrainingDataException e) {
            throw new ModelsUnavailableException(
                    what + " could not be trained from " + data
                            + " (the data has problems, listed below): fix them, or leave --models out to use the jar's\n"
                            + e.getMessage(),
                    e);
        } catch (IOException | UncheckedIOException e) {
            if (started[0] != 0) {
                progress.println("failed");
            }
            throw unavailable(what, e.getMessage(), e);
        }
    }

    @Override
    public SafetyModel calibrated(SafetyModel model, PrintWriter progress) throws ModelsUnavailableException {
        String what = "the safety model's calibration";
        long[] started = {0};
        try {
            SafetyCalibration c = SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> {
                progress.printf(Locale.ROOT, "fitting %s on %s (%s)... ", what, String.join(", ", sets), why);
                progress.flush();
                started[0] = System.nanoTime();
            });
            if (started[0] != 0) {
                progress.printf(Locale.ROOT, "done in %d s%n", Math.round((System.nanoTime() - started[0]) / 1e9));
                progress.flush();
            }
            return model.calibrated(c);
        } catch (java.nio.file.NoSuchFileException e) {
            throw unavailable(what, "no file " + dir.resolve(SafetyCalibration.FILE), e);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            if (started[0] != 0) {
                progress.println("failed");
            }
            throw unavailable(what, e.getMessage(), e);
        }
    }

    @Override
    public SafetyLexicon lexicon() throws ModelsUnavailableException {
        Path file = dir.resolve("safety.txt");
        if (!Files.isRegularFile(file)) {
            throw unavailable("the safety lexicon", "no file " + file, null);
        }
        try {
            SafetyLexicon lexicon = SafetyLexicon.load(file);
            Path words = dir.resolve(WORDS);
            return Files.isRegularFile(words)
                    ? lexicon.withKnownWords(SafetyLexicon.parseWords(Files.readString(words, StandardCharsets.UTF_8)))
                    : lexicon;
        } catch (IOException e) {
            throw unavailable("the safety lexicon", file + " could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unavailable("the safety lexicon", e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    private ModelsUnavailableException unavailable(String what, String why, Throwable cause) {
        return new ModelsUnavailableException(
                what + " could not be loaded from " + dir + " (" + why + "): " + FIX, cause);
    }
}
