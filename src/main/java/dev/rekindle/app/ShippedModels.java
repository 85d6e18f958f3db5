package dev.rekindle.app;

import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.safety.SafetyCalibration;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.safety.SafetyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The intent model and the safety lexicon that the build put in the jar, under {@value #FOLDER}: the model trained
 * (or reused) from models/en/intents by {@link ShipModel}, the lexicon copied from models/en/safety.txt (pom.xml).
 * Loaded from the classpath, so the bot understands the same from any folder.
 */
public final class ShippedModels implements ModelSource {
    static final String FOLDER = "models/en/";
    static final String MODEL = FOLDER + "intent-model.bin";
    static final String SAFETY_MODEL = FOLDER + "safety-model.bin";
    static final String LEXICON = FOLDER + "safety.txt";
    static final String CALIBRATION = FOLDER + SafetyCalibration.FILE;
    static final String WORDS = FOLDER + ModelFolder.WORDS;
    static final String REBUILD = "rebuild the jar with `mvn -B -q package -DskipTests`, or pass --models models/en "
            + "(a folder with intents/ and safety.txt)";

    private final ClassLoader loader;

    public ShippedModels() {
        this(ShippedModels.class.getClassLoader());
    }

    /** The files as {@code loader} finds them (tests give one over a folder or a jar of their own). */
    ShippedModels(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public IntentModel model(PrintWriter progress) throws ModelsUnavailableException {
        return read(MODEL, "the intent model");
    }

    @Override
    public IntentModel safetyModel(PrintWriter progress) throws ModelsUnavailableException {
        return read(SAFETY_MODEL, "the safety model");
    }

    private IntentModel read(String resource, String what) throws ModelsUnavailableException {
        try (InputStream in = open(resource, what)) {
            return IntentModel.read(in, resource + " in the jar");
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            if (e instanceof ModelsUnavailableException m) {
                throw m;
            }
            throw unavailable(what, e.getMessage(), e);
        }
    }

    @Override
    public SafetyModel calibrated(SafetyModel model, PrintWriter progress) throws ModelsUnavailableException {
        String what = "the safety model's calibration";
        try (InputStream in = open(CALIBRATION, what)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return model.calibrated(SafetyCalibration.parse(CALIBRATION + " in the jar", text));
        } catch (ModelsUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable(what, CALIBRATION + " could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw unavailable(what, e.getMessage(), e);
        }
    }

    @Override
    public SafetyLexicon lexicon() throws ModelsUnavailableException {
        String text;
        try (InputStream in = open(LEXICON, "the safety lexicon")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (ModelsUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable("the safety lexicon", LEXICON + " could not be read: " + e.getMessage(), e);
        }
        try {
            return SafetyLexicon.parse(LEXICON + " in the jar", text).withKnownWords(knownWords());
        } catch (IllegalArgumentException e) {
            throw unavailable("the safety lexicon", e.getMessage(), e);
        }
    }

    private java.util.Set<String> knownWords() throws ModelsUnavailableException {
        try (InputStream in = open(WORDS, "the safety lexicon's word list")) {
            return SafetyLexicon.parseWords(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (ModelsUnavailableException e) {
            throw e;
        } catch (IOException e) {
            throw unavailable("the safety lexicon's word list", WORDS + " could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "the jar";
    }

    private InputStream open(String resource, String what) throws ModelsUnavailableException {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw unavailable(what, resource + " is not in it", null);
        }
        return in;
    }

    private static ModelsUnavailableException unavailable(String what, String why, Throwable cause) {
        return new ModelsUnavailableException(
                what + " could not be loaded from the jar (" + why + "): " + REBUILD, cause);
    }
}
