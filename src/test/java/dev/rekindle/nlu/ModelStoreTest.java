package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    /** A copy of the small set that the test may edit. */
    private static Path copyOfSmallSet(Path dir) throws IOException {
        Path data = dir.resolve("intents");
        Files.createDirectories(data);
        try (Stream<Path> s = Files.list(SmallData.FOLDER)) {
            for (Path f : s.toList()) {
                Files.copy(f, data.resolve(f.getFileName().toString()));
            }
        }
        return data;
    }

    @Test
    void aStoredModelIsReusedWhileTheFingerprintMatchesAndRetrainedWhenDataOrParamsChange(@TempDir Path dir)
            throws IOException {
        Path data = copyOfSmallSet(dir);
        Path model = dir.resolve("intent-model.bin");
        IntentParams params = IntentParams.defaults();

        ModelStore.Loaded first = ModelStore.loadOrTrain(data, model, params);
        assertTrue(first.retrained());
        assertTrue(first.reason().startsWith("no model at"), first.reason());
        assertTrue(Files.isRegularFile(model));
        assertEquals(
                ModelStore.fingerprint(data, null, params, ModelStore.OBJECTIVE),
                first.model().fingerprint());

        ModelStore.Loaded second = ModelStore.loadOrTrain(data, model, params);
        assertFalse(second.retrained(), second.reason());
        assertEquals(first.model().fingerprint(), second.model().fingerprint());
        assertEquals(first.model().outOfScopeRule(), second.model().outOfScopeRule());

        Files.writeString(data.resolve("greeting.txt"), "howdy partner\n", StandardOpenOption.APPEND);
        ModelStore.Loaded third = ModelStore.loadOrTrain(data, model, params);
        assertTrue(third.retrained());
        assertTrue(third.reason().contains("changed"), third.reason());
        assertNotEquals(first.model().fingerprint(), third.model().fingerprint());
        assertFalse(ModelStore.loadOrTrain(data, model, params).retrained(), "the retrained model was written");

        IntentParams other = IntentParams.parse("l2=0.25", params);
        assertTrue(ModelStore.loadOrTrain(data, model, other).retrained());
        assertTrue(ModelStore.loadOrTrain(data, model, params).retrained());
        assertFalse(
                ModelStore.loadOrTrain(data, model, params.withThreads(2)).retrained(),
                "threads do not change what is learnt");
    }

    private static final OutOfScopeTuner.Objective ACC = OutOfScopeTuner.Objective.accuracy();

    @Test
    void theFingerprintSeesRenamedAddedAndRemovedFilesButNotOtherFiles(@TempDir Path dir) throws IOException {
        Path data = copyOfSmallSet(dir);
        IntentParams p = IntentParams.defaults();
        String fp = ModelStore.fingerprint(data, null, p, ACC);
        Files.writeString(data.resolve("README.md"), "notes for therapists\n");
        assertEquals(fp, ModelStore.fingerprint(data, null, p, ACC));
        Files.move(data.resolve("thanks.txt"), data.resolve("gratitude.txt"));
        String renamed = ModelStore.fingerprint(data, null, p, ACC);
        assertNotEquals(fp, renamed);
        Files.delete(data.resolve("gratitude.txt"));
        assertNotEquals(renamed, ModelStore.fingerprint(data, null, p, ACC));
        assertNotEquals(
                ModelStore.fingerprint(data, null, p, ACC), ModelStore.fingerprint(data, SmallData.HELDOUT, p, ACC));
        assertNotEquals(
                ModelStore.fingerprint(data, null, p, ACC),
                ModelStore.fingerprint(data, null, p, OutOfScopeTuner.Objective.balanced()));
    }

    @Test
    void anUnreadableModelFileIsRetrainedAndReplaced(@TempDir Path dir) throws IOException {
        Path data = copyOfSmallSet(dir);
        Path model = dir.resolve("intent-model.bin");
        Files.writeString(model, "garbage");
        ModelStore.Loaded l = ModelStore.loadOrTrain(data, model, IntentParams.defaults());
        assertTrue(l.retrained());
        assertTrue(l.reason().contains("could not be read"), l.reason());
        assertFalse(ModelStore.loadOrTrain(data, model, IntentParams.defaults()).retrained());
    }

    @Test
    void withOutOfScopeExamplesTheRuleIsTunedByCrossValidation(@TempDir Path dir) throws IOException {
        IntentModel m = ModelStore.train(copyOfSmallSet(dir), null, IntentParams.defaults());
        ModelStore.Rules r = ModelStore.tuneByCrossValidation(SmallData.training(), IntentParams.defaults());
        OutOfScopeTuner.Tuning t = r.outOfScope();
        assertEquals(t.rule(), m.outOfScopeRule());
        assertEquals(r.routing().rule(), m.routingRule(), "the routing rule is tuned on the same out-of-fold answers");
        assertTrue(t.accuracyAfter() >= t.accuracyBefore(), "the rule never costs overall accuracy: " + t);
    }
}
