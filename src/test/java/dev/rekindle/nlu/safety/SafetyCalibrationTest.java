package dev.rekindle.nlu.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.IntentParams;
import dev.rekindle.nlu.ModelStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety model's calibration: a Platt scaling fitted on labelled lines the model never trained on, kept in
 * safety-calibration.txt for exactly one model, fitted again when that model or those lines change, and never guessed
 * when the file is missing or broken.
 */
class SafetyCalibrationTest {

    @Test
    void theFitFindsTheScalingThatMadeTheLabels() {
        // lines labelled with the probability slope 0.5, intercept -1 gives their raw score: the fit must find them
        Random random = new Random(7);
        List<Double> raw = new ArrayList<>();
        List<Boolean> concern = new ArrayList<>();
        SafetyCalibration truth = new SafetyCalibration("m", "d", List.of("set"), 0, 0.5, -1);
        for (int i = 0; i < 20_000; i++) {
            double p = random.nextDouble();
            raw.add(p);
            concern.add(random.nextDouble() < truth.concern(p));
        }
        double[] r = raw.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] c = new boolean[concern.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = concern.get(i);
        }
        SafetyCalibration fitted = SafetyCalibration.fit("m", "d", List.of("set"), r, c);
        assertEquals(0.5, fitted.slope(), 0.05);
        assertEquals(-1, fitted.intercept(), 0.1);
        assertEquals(20_000, fitted.lines());
    }

    @Test
    void itKeepsTheModelsOrderAndItsKindsShareOfTheConcern() {
        SafetyCalibration c = new SafetyCalibration("m", "d", List.of("set"), 10, 0.4, -0.8);
        assertTrue(c.concern(0.99) > c.concern(0.9) && c.concern(0.9) > c.concern(0.5));
        assertTrue(c.concern(0.95) < 0.95, "an over-confident score is brought down: " + c.concern(0.95));
        SafetyModel.Opinion raw = new SafetyModel.Opinion(SafetyKind.ABUSE, 0.6, 0.2);
        SafetyModel.Opinion calibrated = c.apply(raw);
        assertEquals(c.concern(0.8), calibrated.concern(), 1e-12);
        assertEquals(0.75 * calibrated.concern(), calibrated.p(), 1e-12, "abuse keeps its three quarters");
        assertSame(SafetyModel.Opinion.ABSENT, c.apply(SafetyModel.Opinion.ABSENT));
    }

    @Test
    void aFileIsReadBackAsWrittenAndABrokenOneIsRefusedWithItsProblemsNamed() {
        SafetyCalibration c = new SafetyCalibration("abc", "def", List.of("safety-dev", "safety-dev2"), 12, 0.42, -0.8);
        assertEquals(c, SafetyCalibration.parse("c.txt", c.format()));
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> SafetyCalibration.parse("c.txt", "model: abc\nslope 1\n"));
        assertTrue(missing.getMessage().contains("c.txt:2: write key: value, not 'slope 1'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("c.txt: no 'intercept:' line"), missing.getMessage());
        IllegalArgumentException number = assertThrows(
                IllegalArgumentException.class,
                () -> SafetyCalibration.parse(
                        "c.txt", "model: a\ndata: b\nfitted_on: x\nlines: 3\nslope: steep\nintercept: 0\n"));
        assertTrue(number.getMessage().contains("slope and intercept are numbers"), number.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> SafetyCalibration.parse(
                        "c.txt", "model: a\ndata: b\nfitted_on: x\nlines: 3\nslope: -1\nintercept: 0\n"),
                "a negative slope would turn the model's order upside down");
    }

    @Test
    void aModelTakesOnlyItsOwnCalibrationAndTheDetectorOnlyACalibratedModel(@TempDir Path dir) throws Exception {
        SafetyModel model = tinyModel(dir);
        SafetyCalibration other = new SafetyCalibration("another model", "d", List.of("x"), 3, 0.5, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.calibrated(other));
        assertTrue(e.getMessage().contains("fitted for another safety model"), e.getMessage());
        SafetyLexicon lexicon = SafetyLexicon.parse("l.txt", "crisis: kill* myself\nabuse: hit* me\n");
        assertThrows(IllegalArgumentException.class, () -> new SafetyDetector(lexicon, model));
        SafetyCalibration own = new SafetyCalibration(model.fingerprint(), "d", List.of("x"), 3, 0.5, 0);
        SafetyModel calibrated = model.calibrated(own);
        String text = "i want to end my life tonight";
        assertEquals(
                own.concern(model.uncalibrated(text).concern()),
                calibrated.opinion(text).concern(),
                1e-12);
        new SafetyDetector(lexicon, calibrated); // accepted
    }

    @Test
    void aFoldersCalibrationIsFittedAgainWhenTheModelOrItsLinesChangeAndReusedOtherwise(@TempDir Path dir)
            throws Exception {
        SafetyModel model = tinyModel(dir);
        Path lines = Files.createDirectories(dir.resolve("lines"));
        Files.writeString(lines.resolve("a.tsv"), """
                crisis\tmessage\t-\ti want to end my life tonight
                crisis\tmessage\t-\ti will kill myself after work
                none\tmessage\t-\twe had a lovely walk today
                none\tanswer\tq\tthe traffic is killing me again
                none\tanswer\tq\ttwo words
                """);
        Path file = dir.resolve(SafetyCalibration.FILE);
        assertThrows(NoSuchFileException.class, () -> SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> {}));
        Files.writeString(file, new SafetyCalibration("stale", "x", List.of("lines"), 0, 1, 0).format());
        List<String> told = new ArrayList<>();
        SafetyCalibration fitted = SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> told.add(why));
        assertEquals(List.of("the safety model changed since it was fitted"), told);
        assertEquals(model.fingerprint(), fitted.model());
        assertEquals(4, fitted.lines(), "lines of one or two words are read by the lexicon alone: not fitted on");
        assertEquals(fitted, SafetyCalibration.parse("f", Files.readString(file)), "written back");

        assertEquals(fitted, SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> told.add(why)));
        assertEquals(1, told.size(), "current: reused");

        Files.writeString(lines.resolve("b.tsv"), "none\tmessage\t-\ta quiet evening in with a film\n");
        SafetyCalibration again = SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> told.add(why));
        assertEquals("the lines it was fitted on changed", told.get(1));
        assertNotEquals(fitted.data(), again.data());

        Files.writeString(file, new SafetyCalibration("stale", "x", List.of("gone"), 0, 1, 0).format());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SafetyCalibrations.loadOrFit(dir, model, (why, sets) -> {}));
        assertTrue(
                e.getMessage().contains("fitted for another safety model, and its lines (gone) are not in"),
                e.getMessage());
    }

    /** A real safety model trained on a few lines, with the fingerprint of what it was trained from. */
    private static SafetyModel tinyModel(Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("safety-train"));
        Files.writeString(
                data.resolve("crisis.txt"), "i want to die\ni want to end my life\ni will kill myself tonight\n");
        Files.writeString(data.resolve("none.txt"), "hello there\nwe had a nice day\nthis traffic is killing me\n");
        return new SafetyModel(ModelStore.train(data, null, IntentParams.defaults()));
    }
}
