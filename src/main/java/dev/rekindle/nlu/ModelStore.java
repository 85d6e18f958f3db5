package dev.rekindle.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The model lifecycle: trains a model from a data folder or file, stores it with a fingerprint of what it was
 * trained from, and reuses the stored model while the fingerprint still matches.
 *
 * <p>The fingerprint is the SHA-256 of: a pipeline version (bumped when the feature code changes), the canonical
 * parameters, how the out-of-scope rule was tuned, and every data file's name and bytes in canonical order (by
 * file name). Editing, adding, removing or renaming a training file, or changing a parameter, changes it.
 *
 * <p>Out-of-scope and routing tuning: with validation data, on it; without, on the out-of-fold probabilities of a
 * {@value #TUNING_FOLDS}-fold cross-validation of the training data itself (when it has out-of-scope examples;
 * otherwise no rule and {@link RoutingRule#always()}), the out-of-scope rule for the {@link #OBJECTIVE}, then the
 * routing rule by {@link RoutingTuner}'s method (both part of the fingerprint).
 */
public final class ModelStore {
    /** Bump when normalisation or feature code changes what a model means: stored models then retrain. */
    static final String PIPELINE_VERSION = "1";

    static final int TUNING_FOLDS = 5;
    static final long TUNING_SEED = 42;
    /** How the bot's own models choose their out-of-scope rule: every message counts once (docs/nlu.md). */
    public static final OutOfScopeTuner.Objective OBJECTIVE = OutOfScopeTuner.Objective.accuracy();

    private ModelStore() {}

    /**
     * The model and how it was obtained.
     *
     * @param retrained true when it was trained now (missing, stale or unreadable file), false when reused
     * @param reason    why it was trained, or "fingerprint matches" when reused
     */
    public record Loaded(IntentModel model, boolean retrained, String reason) {}

    /** Told just before {@link #loadOrTrain} starts a training, so a caller can say that it waits and why. */
    @FunctionalInterface
    public interface BeforeTraining {
        /**
         * A training of the model is about to start.
         *
         * @param reason   why the stored model cannot be used (as in {@link Loaded#reason()})
         * @param examples how many examples the model is about to be trained on
         */
        void training(String reason, int examples);
    }

    /**
     * The fingerprint of {@code data} (and {@code validation}, may be null) with {@code params}, the out-of-scope
     * rule chosen for {@code objective}.
     */
    public static String fingerprint(
            Path data, Path validation, IntentParams params, OutOfScopeTuner.Objective objective) throws IOException {
        MessageDigest sha = sha256();
        update(sha, "rekindle-intent-model pipeline " + PIPELINE_VERSION + "\n" + params.canonical() + "\n");
        update(
                sha,
                (validation == null ? "tuning=cv" + TUNING_FOLDS : "tuning=validation") + ",objective="
                        + objective.spec() + routingMethod(data) + "\n");
        digestFiles(sha, data);
        if (validation != null) {
            update(sha, "validation\n");
            digestFiles(sha, validation);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * How the routing rule is chosen, for data that has out-of-scope examples (the only data it is tuned on); empty
     * otherwise, so that a model without one (the safety model) keeps the fingerprint it had before routing existed.
     */
    private static String routingMethod(Path data) throws IOException {
        boolean oos = false;
        for (Path f : TrainingData.files(data)) {
            if (Files.isDirectory(data)) {
                oos |= f.getFileName().toString().equals(OutOfScopeRule.OUT_OF_SCOPE + ".txt");
            } else {
                try (java.util.stream.Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                    oos |= lines.anyMatch(l -> l.startsWith(OutOfScopeRule.OUT_OF_SCOPE + "\t"));
                }
            }
        }
        return oos ? ",routing=" + RoutingTuner.METHOD : "";
    }

    /**
     * Trains a model on {@code data}, tunes its out-of-scope rule on {@code validation} (or by cross-validation
     * when null) and stamps it with the fingerprint.
     */
    public static IntentModel train(Path data, Path validation, IntentParams params) throws IOException {
        return train(
                TrainingData.load(data).examples(),
                validation,
                params,
                fingerprint(data, validation, params, OBJECTIVE));
    }

    private static IntentModel train(List<LabeledText> examples, Path validation, IntentParams params, String fp)
            throws IOException {
        IntentModel model = IntentTrainer.train(examples, params);
        if (validation != null) {
            List<LabeledText> val = TrainingData.load(validation).examples();
            model = model.withOutOfScopeRule(
                    OutOfScopeTuner.tune(model, val, OBJECTIVE).rule());
            return model.withRoutingRule(RoutingTuner.tune(model, val).rule()).withFingerprint(fp);
        }
        Rules r = tuneByCrossValidation(examples, params);
        return model.withOutOfScopeRule(r.outOfScope().rule())
                .withRoutingRule(r.routing().rule())
                .withFingerprint(fp);
    }

    /** How the out-of-scope rule and the routing rule a model stores were chosen. */
    record Rules(OutOfScopeTuner.Tuning outOfScope, RoutingTuner.Tuning routing) {}

    /**
     * The out-of-scope rule, then the routing rule, chosen on out-of-fold probabilities (no rule, and acting on every
     * verdict, when the data has no out-of-scope examples).
     */
    static Rules tuneByCrossValidation(List<LabeledText> examples, IntentParams params) {
        boolean hasOos = examples.stream().anyMatch(e -> e.label().equals(OutOfScopeRule.OUT_OF_SCOPE));
        if (!hasOos || examples.size() < TUNING_FOLDS * 2) {
            return new Rules(
                    new OutOfScopeTuner.Tuning(
                            OutOfScopeRule.none(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0),
                    new RoutingTuner.Tuning(RoutingRule.always(), List.of(), List.of(), List.of()));
        }
        IntentCv.Result cv = IntentCv.crossValidate(examples, params, TUNING_FOLDS, TUNING_SEED);
        OutOfScopeTuner.Tuning oos = cv.tuneOutOfScope(OutOfScopeRule.OUT_OF_SCOPE, OBJECTIVE);
        return new Rules(oos, cv.tuneRouting(oos.rule()));
    }

    /**
     * The model stored in {@code modelFile} when its fingerprint matches {@code data} and {@code params};
     * otherwise (missing, stale, unreadable) a model trained now, which is written to {@code modelFile}.
     */
    public static Loaded loadOrTrain(Path data, Path modelFile, IntentParams params) throws IOException {
        return loadOrTrain(data, modelFile, params, (reason, examples) -> {});
    }

    /** As {@link #loadOrTrain(Path, Path, IntentParams)}, telling {@code before} when it is about to train. */
    public static Loaded loadOrTrain(Path data, Path modelFile, IntentParams params, BeforeTraining before)
            throws IOException {
        String fp = fingerprint(data, null, params, OBJECTIVE);
        String reason;
        if (Files.isRegularFile(modelFile)) {
            try {
                IntentModel stored = IntentModel.load(modelFile);
                if (stored.fingerprint().equals(fp)) {
                    return new Loaded(stored, false, "fingerprint matches");
                }
                reason = "the training data or parameters changed since " + modelFile + " was trained";
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                reason = modelFile + " could not be read (" + e.getMessage() + ")";
            }
        } else {
            reason = "no model at " + modelFile;
        }
        List<LabeledText> examples = TrainingData.load(data).examples();
        before.training(reason, examples.size());
        IntentModel model = train(examples, null, params, fp);
        model.save(modelFile);
        return new Loaded(model, true, reason);
    }

    private static void digestFiles(MessageDigest sha, Path data) throws IOException {
        if (!Files.exists(data)) {
            throw new NoSuchFileException(data.toString(), null, "no such file or folder");
        }
        boolean folder = Files.isDirectory(data);
        for (Path f : TrainingData.files(data)) {
            byte[] bytes = Files.readAllBytes(f);
            update(sha, (folder ? f.getFileName().toString() : "file") + "\0" + bytes.length + "\0");
            sha.update(bytes);
        }
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
