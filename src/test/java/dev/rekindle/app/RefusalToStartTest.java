package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot, the chat and the transcripts never run without the safety detector: when the model or the lexicon
 * cannot be loaded they say what is wrong and what to do, on stderr, and exit 2 before anyone is answered.
 */
class RefusalToStartTest {
    /** The three ways to talk to the dialogs, each with --models DIR. */
    private static List<String[]> commandsWithModels(Path dir) {
        String models = dir.toString();
        return List.of(
                new String[] {"chat", "--models", models},
                new String[] {"run", "--models", models},
                new String[] {"test", "dialogs/tests", "--models", models});
    }

    /** What a command's messages start with: without a Telegram token (as here) run starts the terminal chat. */
    private static String shownAs(String command) {
        return command.equals("run") ? "chat" : command;
    }

    private static void assertRefused(String[] args, String... said) {
        MainTest.Run r = MainTest.rekindleWithInput("/as A\ni want to kill myself\n/quit\n", args);
        String command = shownAs(args[0]);
        assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
        for (String s : said) {
            assertTrue(r.err().contains(s), String.join(" ", args) + " should say '" + s + "': " + r.err());
        }
        assertTrue(
                r.err()
                        .contains("rekindle " + command + ": not started: it never runs without its safety "
                                + "detector"),
                r.err());
        assertFalse(r.out().contains("Rekindle, locally") || r.out().contains("PASS"), r.out());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static void copyShipped(String resource, Path to) throws Exception {
        try (InputStream in = RefusalToStartTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }

    @Test
    void aCorruptModelFileGivenWithModelsStopsEveryCommand(@TempDir Path dir) throws Exception {
        copyShipped(ShippedModels.LEXICON, dir.resolve("safety.txt"));
        Files.writeString(dir.resolve("intent-model.bin"), "this is not a model");
        for (String[] args : commandsWithModels(dir)) {
            assertRefused(
                    args,
                    "rekindle " + shownAs(args[0]) + ": the intent model could not be loaded from " + dir + " ("
                            + dir.resolve("intent-model.bin") + ": not a Rekindle intent model",
                    "e.g. --models models/en");
        }
    }

    @Test
    void aMissingLexiconStopsEveryCommandEvenWithAGoodModel(@TempDir Path dir) throws Exception {
        copyShipped(ShippedModels.MODEL, dir.resolve("intent-model.bin"));
        for (String[] args : commandsWithModels(dir)) {
            assertRefused(
                    args,
                    "rekindle " + shownAs(args[0]) + ": the safety lexicon could not be loaded from " + dir
                            + " (no file " + dir.resolve("safety.txt")
                            + "): give a language folder that holds intents/");
        }
    }

    @Test
    void aMissingOrBrokenCalibrationOfTheSafetyModelStopsEveryCommand(@TempDir Path dir) throws Exception {
        copyShipped(ShippedModels.MODEL, dir.resolve("intent-model.bin"));
        copyShipped(ShippedModels.SAFETY_MODEL, dir.resolve("safety-model.bin"));
        copyShipped(ShippedModels.LEXICON, dir.resolve("safety.txt"));
        for (String[] args : commandsWithModels(dir)) {
            assertRefused(
                    args,
                    "the safety model's calibration could not be loaded from " + dir + " (no file "
                            + dir.resolve("safety-calibration.txt") + ")");
        }
        Files.writeString(dir.resolve("safety-calibration.txt"), "slope: steep\n", StandardCharsets.UTF_8);
        assertRefused(
                new String[] {"chat", "--models", dir.toString()},
                "the safety model's calibration could not be loaded from " + dir + " (not a safety calibration (",
                "no 'model:' line");
        Files.delete(dir.resolve("safety-calibration.txt"));
        copyShipped(ShippedModels.CALIBRATION, dir.resolve("safety-calibration.txt"));
        MainTest.Run works = MainTest.rekindleWithInput("/quit\n", "chat", "--models", dir.toString());
        assertEquals(0, works.code(), "with the shipped calibration the folder works: " + works.err());
    }

    @Test
    void aLexiconWithBrokenLinesIsRefusedWithEachLineNamed(@TempDir Path dir) throws Exception {
        copyShipped(ShippedModels.MODEL, dir.resolve("intent-model.bin"));
        Files.writeString(
                dir.resolve("safety.txt"), "crisis: kill myself\nabuse: hits me\nworry: sad\n", StandardCharsets.UTF_8);
        assertRefused(
                new String[] {"chat", "--models", dir.toString()},
                dir.resolve("safety.txt")
                        + ":3: a line must start with a safety kind (crisis, partner_at_risk, abuse, uses_violence, child_at_risk, "
                        + "past_trauma, sexual_pressure, sexual_pain), a kind and ? for words that only ask (crisis?:), past:, now:, "
                        + "risk: or safe: (found 'worry: sad')");
    }

    @Test
    void modelsPointingAtNothingIsRefused(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-such-folder");
        assertRefused(
                new String[] {"chat", "--models", nowhere.toString()},
                "the safety lexicon could not be loaded from " + nowhere);
        Path empty = dir;
        MainTest.Run classify = MainTest.rekindleWithInput("hello\n", "nlu", "classify", "--models", empty.toString());
        assertEquals(2, classify.code(), classify.err());
        assertTrue(
                classify.err()
                        .startsWith("rekindle nlu classify: the intent model could not be "
                                + "loaded from " + empty + " (no training data at " + empty.resolve("intents")
                                + " and no model at "
                                + empty.resolve("intent-model.bin") + ")"),
                classify.err());
        assertEquals("", classify.out());
    }
}
