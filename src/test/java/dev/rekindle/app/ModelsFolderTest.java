package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --models DIR} trains the model from DIR/intents when it has none (saying so while it works), reuses it
 * after, and checks with DIR's own lexicon: here on the small test set, trained for real.
 */
class ModelsFolderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFolderWithoutAModelIsTrainedWithVisibleProgressThenReused(@TempDir Path dir) throws Exception {
        Path intents = Files.createDirectories(dir.resolve("intents"));
        try (Stream<Path> files = Files.list(resource("nlu/small"))) {
            for (Path f : files.toList()) {
                Files.copy(f, intents.resolve(f.getFileName().toString()));
            }
        }
        try (InputStream lexicon = getClass().getClassLoader().getResourceAsStream(ShippedModels.LEXICON)) {
            Files.copy(lexicon, dir.resolve("safety.txt"));
        }
        Path safety = Files.createDirectories(dir.resolve("safety-train"));
        Files.writeString(
                safety.resolve("crisis.txt"), "i want to die\ni want to end my life\ni will kill myself tonight\n");
        Files.writeString(safety.resolve("none.txt"), "hello there\nwe had a nice day\nthis traffic is killing me\n");
        // a calibration fitted for another model: fitted again, on the folder of labelled lines it names
        Path lines = Files.createDirectories(dir.resolve("calibration-lines"));
        Files.writeString(
                lines.resolve("lines.tsv"),
                "crisis\tmessage\t-\ti want to end my life tonight\n"
                        + "crisis\tmessage\t-\ti will kill myself after work\n"
                        + "none\tmessage\t-\twe had a lovely walk today\n"
                        + "none\tmessage\t-\tthe traffic is killing me again\n");
        Files.writeString(
                dir.resolve("safety-calibration.txt"),
                "model: another\ndata: none\nfitted_on: calibration-lines\nlines: 0\nslope: 1\nintercept: 0\n");

        MainTest.Run first = MainTest.rekindleWithInput(
                "hello there\ni want to kill myself\n", "nlu", "classify", "--models", dir.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(
                first.err()
                        .matches("(?s)training the intent model from "
                                + java.util.regex.Pattern.quote(intents.toString())
                                + " \\(90 examples; no model at .*intent-model\\.bin\\)\\.\\.\\. done in \\d+ s\n"
                                + "training the safety model from " + java.util.regex.Pattern.quote(safety.toString())
                                + " \\(6 examples; no model at .*safety-model\\.bin\\)\\.\\.\\. done in \\d+ s\n"
                                + "fitting the safety model's calibration on calibration-lines \\(the safety model "
                                + "changed since it was fitted\\)\\.\\.\\. done in \\d+ s\n"),
                first.err());
        JsonNode hello = JSON.readTree(first.out().lines().toList().get(0));
        assertEquals("greeting", hello.get("intent").asText());
        assertTrue(hello.get("safety").isNull());
        assertEquals(
                "crisis",
                JSON.readTree(first.out().lines().toList().get(1)).get("safety").asText(),
                "the folder's own lexicon checks: " + first.out());
        assertTrue(Files.isRegularFile(dir.resolve("intent-model.bin")));
        assertTrue(Files.isRegularFile(dir.resolve("safety-model.bin")));

        MainTest.Run chat = MainTest.rekindleWithInput("/quit\n", "chat", "--models", dir.toString());
        assertEquals(0, chat.code(), chat.err());
        assertFalse(chat.err().contains("training"), "the stored model is reused: " + chat.err());
        assertFalse(chat.err().contains("fitting"), "and so is its calibration: " + chat.err());
        assertTrue(Files.readString(dir.resolve("safety-calibration.txt")).contains("fitted_on: calibration-lines"));
        assertTrue(
                chat.out().contains("; the intent and safety models and the safety lexicon from " + dir + ";"),
                chat.out());
    }

    @Test
    void withoutModelsTheChatSaysItUsesTheJarsModelAndTheProjectsDialogs() {
        MainTest.Run chat = MainTest.rekindleWithInput("/quit\n", "chat");
        assertEquals(0, chat.code(), chat.err());
        assertTrue(
                chat.out()
                        .matches("(?s)Rekindle, locally: \\d+ dialogs from dialogs; the intent and safety "
                                + "models and the safety lexicon from the jar;.*"),
                chat.out());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ModelsFolderTest.class.getClassLoader().getResource(name).toURI());
    }
}
