package dev.rekindle.app;

import dev.rekindle.nlu.IntentModel;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.safety.SafetyModel;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Where the intent model and the safety lexicon come from: the jar (the default, the same from any folder), or a
 * language folder given with {@code --models DIR}. Either both load or the caller refuses to start: there is no
 * stand-in classifier and no empty lexicon.
 */
public sealed interface ModelSource permits ShippedModels, ModelFolder {

    /** The jar's own files, or {@code folder} when one was given (null: the jar). */
    static ModelSource of(Path folder) {
        return folder == null ? new ShippedModels() : new ModelFolder(folder);
    }

    /**
     * The intent model; a folder's is trained first when missing or stale, with progress on {@code progress}.
     *
     * @throws ModelsUnavailableException saying what is wrong and what to do
     */
    IntentModel model(PrintWriter progress) throws ModelsUnavailableException;

    /**
     * The safety model (the detector's second reader, trained from safety-train/); a folder's is trained first when
     * missing or stale.
     *
     * @throws ModelsUnavailableException saying what is wrong and what to do
     */
    IntentModel safetyModel(PrintWriter progress) throws ModelsUnavailableException;

    /**
     * {@code model} with its calibration ({@code safety-calibration.txt}, fitted for that model); a folder's is fitted
     * again first when the model or the lines it was fitted on changed.
     *
     * @throws ModelsUnavailableException saying what is wrong and what to do
     */
    SafetyModel calibrated(SafetyModel model, PrintWriter progress) throws ModelsUnavailableException;

    /** The safety lexicon. @throws ModelsUnavailableException saying what is wrong and what to do */
    SafetyLexicon lexicon() throws ModelsUnavailableException;

    /** Where the files come from, for a banner: "the jar" or the folder. */
    String describe();
}
