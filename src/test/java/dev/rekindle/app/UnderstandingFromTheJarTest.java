package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The understanding the jar ships (the classes folder here, which the build fills as it fills the jar) is the one
 * that {@code --models models/en} gives: same intents and same safety verdicts, line by line.
 */
class UnderstandingFromTheJarTest {
    private static final Path MODELS = Path.of("models", "en");

    @Test
    void theJarsUnderstandingAnswersEveryLineAsTheProjectsModelsFolderDoes() throws Exception {
        Understanding shipped = UnderstandingFactory.shipped();
        StringWriter progress = new StringWriter();
        Understanding folder = UnderstandingFactory.load(new ModelFolder(MODELS), new PrintWriter(progress, true));
        assertEquals("", progress.toString(), "the build left a model whose fingerprint matches models/en/intents");

        List<String> lines = new ArrayList<>(List.of(
                "i want to kill myself",
                "he hits me when he drinks",
                "we never talk anymore",
                "hello",
                "this traffic is killing me",
                "were talking about doing dry january together",
                "he keeps talking about diying"));
        for (String line : Files.readAllLines(MODELS.resolve("heldout.tsv"))) {
            if (!line.isBlank()) {
                lines.add(line.split("\t", 2)[1]);
            }
        }
        int different = 0;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            boolean sameIntent = shipped.classifier()
                    .classify(text)
                    .intent()
                    .equals(folder.classifier().classify(text).intent());
            boolean sameVerdict = shipped.safety(text).equals(folder.safety(text));
            if (!sameIntent || !sameVerdict) {
                different++;
            }
        }
        assertEquals(0, different, "lines understood differently (of " + lines.size() + ")");
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.CRISIS),
                shipped.safety("i want to kill myself").asMessage());
        // the word list ships too: a common word is never a typo of a pattern's word, a misspelling still is
        assertEquals(
                SafetyDecision.nothing(),
                shipped.safety("my husband and i are talking about doing dry january together")
                        .asMessage());
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.PARTNER_AT_RISK),
                shipped.safety("my husband keeps talking about diying").asMessage());
    }

    @Test
    void aJarWithoutTheModelOrTheLexiconSaysSoAndHowToRebuild(@TempDir Path empty) throws Exception {
        try (URLClassLoader nothing =
                new URLClassLoader(new URL[] {empty.toUri().toURL()}, null)) {
            ShippedModels shipped = new ShippedModels(nothing);
            ModelsUnavailableException model = assertThrows(
                    ModelsUnavailableException.class, () -> shipped.model(new PrintWriter(new StringWriter())));
            assertEquals(
                    "the intent model could not be loaded from the jar "
                            + "(models/en/intent-model.bin is not in it): rebuild the jar with "
                            + "`mvn -B -q package -DskipTests`, or pass --models models/en (a folder with intents/ and "
                            + "safety.txt)",
                    model.getMessage());
            ModelsUnavailableException safetyModel = assertThrows(
                    ModelsUnavailableException.class, () -> shipped.safetyModel(new PrintWriter(new StringWriter())));
            assertTrue(
                    safetyModel
                            .getMessage()
                            .startsWith("the safety model could not be loaded from the jar "
                                    + "(models/en/safety-model.bin is not in it): rebuild the jar"),
                    safetyModel.getMessage());
            ModelsUnavailableException calibration = assertThrows(
                    ModelsUnavailableException.class,
                    () -> shipped.calibrated(null, new PrintWriter(new StringWriter())));
            assertTrue(
                    calibration
                            .getMessage()
                            .startsWith("the safety model's calibration could not be loaded from the jar "
                                    + "(models/en/safety-calibration.txt is not in it): rebuild the jar"),
                    calibration.getMessage());
            ModelsUnavailableException lexicon = assertThrows(ModelsUnavailableException.class, shipped::lexicon);
            assertTrue(
                    lexicon.getMessage()
                            .startsWith("the safety lexicon could not be loaded from the jar "
                                    + "(models/en/safety.txt is not in it): rebuild the jar"),
                    lexicon.getMessage());
        }
    }

    @Test
    void aCalibrationFittedForAnotherSafetyModelIsRefused(@TempDir Path classes) throws Exception {
        Path folder = Files.createDirectories(classes.resolve("models/en"));
        for (String f : new String[] {"intent-model.bin", "safety-model.bin", "safety.txt", "words.txt"}) {
            try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream("models/en/" + f)) {
                Files.copy(in, folder.resolve(f));
            }
        }
        Files.writeString(
                folder.resolve("safety-calibration.txt"),
                "model: another\ndata: x\nfitted_on: safety-dev\nlines: 9\nslope: 0.5\nintercept: 0\n");
        try (URLClassLoader jar = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            ModelsUnavailableException e = assertThrows(
                    ModelsUnavailableException.class,
                    () -> UnderstandingFactory.load(new ShippedModels(jar), new PrintWriter(new StringWriter())));
            assertTrue(
                    e.getMessage()
                            .startsWith("the safety model's calibration could not be loaded from the jar (its "
                                    + "calibration was fitted for another safety model (another, this one is "),
                    e.getMessage());
        }
    }

    @Test
    void aCorruptModelInTheJarIsNamedAndNotUsed(@TempDir Path classes) throws Exception {
        Path folder = Files.createDirectories(classes.resolve("models/en"));
        Files.write(
                folder.resolve("intent-model.bin"), "RKINTENT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.writeString(folder.resolve("safety.txt"), "crisis: kill myself\nabuse: hits me\n");
        Files.writeString(folder.resolve("words.txt"), "doing\n");
        try (URLClassLoader jar = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            ModelsUnavailableException e = assertThrows(
                    ModelsUnavailableException.class,
                    () -> UnderstandingFactory.load(new ShippedModels(jar), new PrintWriter(new StringWriter())));
            assertTrue(
                    e.getMessage()
                            .startsWith("the intent model could not be loaded from the "
                                    + "jar (models/en/intent-model.bin in the jar: the model file is cut short"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().endsWith("or pass --models models/en (a folder with intents/ and safety.txt)"),
                    e.getMessage());
            assertInstanceOf(java.io.IOException.class, e.getCause());
        }
    }
}
