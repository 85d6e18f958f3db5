package dev.rekindle.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The small real training set under src/test/resources/nlu/, and one model trained on it, shared by the tests. */
final class SmallData {
    static final Path FOLDER = resource("nlu/small");
    static final Path HELDOUT = resource("nlu/small-heldout.tsv");

    /** Trained once for all tests (deterministic); the tests never change it. */
    private static IntentModel model;

    private SmallData() {}

    static List<LabeledText> training() {
        return load(FOLDER);
    }

    static List<LabeledText> heldout() {
        return load(HELDOUT);
    }

    static synchronized IntentModel model() {
        if (model == null) {
            model = IntentTrainer.train(training(), IntentParams.defaults());
        }
        return model;
    }

    static List<LabeledText> load(Path p) {
        try {
            return TrainingData.load(p).examples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(SmallData.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
