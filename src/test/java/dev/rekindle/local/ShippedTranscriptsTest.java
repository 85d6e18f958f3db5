package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every transcript under dialogs/tests/ passes against the repository's dialogs/ (what {@code rekindle test} runs). */
class ShippedTranscriptsTest {
    static final Path DIALOGS = Path.of("dialogs");
    static final Path TESTS = DIALOGS.resolve("tests");

    /** The classifier and safety detector the bot itself uses, as the jar ships them. */
    static dev.rekindle.nlu.understanding.Understanding productionUnderstanding() throws java.io.IOException {
        return dev.rekindle.app.UnderstandingFactory.shipped();
    }

    @Test
    void everyShippedTranscriptPasses() throws Exception {
        assumeTrue(Files.isDirectory(TESTS), "no dialogs/tests folder yet");
        ShippedRuns runs = ShippedRuns.get();
        assumeTrue(runs.transcripts() > 0, "no transcripts in dialogs/tests yet");
        List<String> failures = runs.failures();
        int passed = runs.transcripts() - failures.size();
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures) + "\n" + passed + " passed, " + failures.size() + " failed");
        }
        assertFalse(passed == 0);
    }
}
