package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentModelTest {

    @Test
    void aModelTrainedOnTheSmallSetUnderstandsSentencesItNeverSaw() {
        TextCategorizer c = new TextCategorizer(SmallData.model());
        List<String> wrong = new ArrayList<>();
        for (LabeledText e : SmallData.heldout()) {
            Prediction p = c.categorize(e.text());
            if (!p.label().equals(e.label())) {
                wrong.add(e.text() + " -> " + p.label() + " (expected " + e.label() + ")");
            }
        }
        assertTrue(wrong.isEmpty(), () -> "misclassified: " + wrong);
    }

    @Test
    void probabilitiesAreRankedAndSumToOne() {
        Prediction p = new TextCategorizer(SmallData.model()).categorize("we had a terrible fight again");
        assertEquals("conflict", p.label());
        assertEquals(SmallData.model().labels().size(), p.ranked().size());
        double sum = p.ranked().stream().mapToDouble(ScoredLabel::probability).sum();
        assertEquals(1.0, sum, 1e-9);
        for (int i = 1; i < p.ranked().size(); i++) {
            assertTrue(p.ranked().get(i - 1).probability() >= p.ranked().get(i).probability());
        }
        assertEquals(p.ranked().get(0).probability(), p.confidence());
    }

    @Test
    void savingAndLoadingGivesIdenticalProbabilities(@TempDir Path dir) throws IOException {
        IntentModel m = SmallData.model()
                .withOutOfScopeRule(new OutOfScopeRule("out_of_scope", 0.3, 0.05))
                .withFingerprint("abc");
        Path f = dir.resolve("sub/model.bin");
        m.save(f);
        IntentModel back = IntentModel.load(f);
        assertEquals(m.params(), back.params());
        assertEquals(m.outOfScopeRule(), back.outOfScopeRule());
        assertEquals("abc", back.fingerprint());
        assertEquals(m.labels(), back.labels());
        TextCategorizer a = new TextCategorizer(m);
        TextCategorizer b = new TextCategorizer(back);
        for (LabeledText e : SmallData.heldout()) {
            assertArrayEquals(a.probabilities(e.text()), b.probabilities(e.text()), 0.0, e.text());
            assertEquals(a.categorize(e.text()), b.categorize(e.text()));
        }
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFileThatIsNotAModelIsAClearError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.bin");
        Files.writeString(f, "hello, this is not a model at all");
        IOException e = assertThrows(IOException.class, () -> IntentModel.load(f));
        assertTrue(e.getMessage().contains("not a Rekindle intent model"), e.getMessage());
        Files.write(f, java.util.Arrays.copyOf("RKINTENT".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 10));
        assertTrue(assertThrows(IOException.class, () -> IntentModel.load(f))
                .getMessage()
                .contains("cut short"));
    }

    @Test
    void aMessageWithoutWordsGetsNoPreference() {
        Prediction p = new TextCategorizer(SmallData.model()).categorize("?!  🙂");
        assertEquals(
                p.ranked().get(0).probability(),
                p.ranked().get(p.ranked().size() - 1).probability());
    }

    @Test
    void theClassifierMapsToTheTaxonomyAndRejectsForeignLabels() {
        OpenNlpIntentClassifier c = new OpenNlpIntentClassifier(SmallData.model());
        var verdict = c.classify("thank you so much for this");
        assertEquals("thanks", verdict.intent());
        assertEquals(SmallData.model().labels().size(), verdict.ranked().size());
        assertTrue(c.classify("  ").isOutOfScope());
        IntentModel foreign = IntentTrainer.train(
                List.of(
                        new LabeledText("weather", "is it raining"),
                        new LabeledText("weather", "will it be sunny"),
                        new LabeledText("greeting", "hello"),
                        new LabeledText("greeting", "hi there")),
                IntentParams.defaults());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new OpenNlpIntentClassifier(foreign));
        assertTrue(e.getMessage().contains("[weather]"), e.getMessage());
        assertTrue(IntentTaxonomy.contains("greeting"));
    }

    @Test
    void everyTrainerTrainsAModelThatLoadsBack(@TempDir Path dir) throws IOException {
        for (String algorithm : IntentParams.ALGORITHMS) {
            IntentParams p = IntentParams.parse("algorithm=" + algorithm + ",iterations=50", IntentParams.defaults());
            IntentModel m = IntentTrainer.train(SmallData.training(), p);
            Path f = dir.resolve(algorithm + ".bin");
            m.save(f);
            TextCategorizer c = new TextCategorizer(IntentModel.load(f));
            assertEquals("greeting", c.categorize("hello there").best(), algorithm);
        }
    }

    @Test
    void paramsReadBackWhatTheyWrite() {
        IntentParams d = IntentParams.defaults();
        assertEquals(d, IntentParams.parse(d.toString(), IntentParams.parse("chars=off,l2=9,threads=3", d)));
        IntentParams p = IntentParams.parse("chars=2-4, ngrams=3, stems=false, algorithm=perceptron", d);
        assertEquals(2, p.pipeline().charMin());
        assertEquals("PERCEPTRON", p.algorithm());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntentParams.parse("colour=blue", d))
                .getMessage()
                .startsWith("unknown parameter 'colour'"));
        assertThrows(IllegalArgumentException.class, () -> IntentParams.parse("cutoff=-1", d));
        assertThrows(IllegalArgumentException.class, () -> IntentParams.parse("words=false,stems=false", d));
    }

    @Test
    void charsIsOneLengthOrMinDashMaxAndNothingElse() {
        IntentParams d = IntentParams.defaults();
        assertEquals("4-4", IntentParams.parse("chars=4", d).pipeline().charsSpec());
        assertEquals("3-5", IntentParams.parse("chars=3-5", d).pipeline().charsSpec());
        assertEquals("off", IntentParams.parse("chars=0", d).pipeline().charsSpec());
        for (String bad : List.of("4-", "-4", "3-5-7", "3--5", "-", "", "a-b")) {
            assertEquals(
                    "chars takes MIN-MAX or off: '" + bad + "'",
                    assertThrows(IllegalArgumentException.class, () -> IntentParams.parse("chars=" + bad, d))
                            .getMessage(),
                    bad);
        }
    }
}
