package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IntentCvTest {

    @Test
    void foldsAreStratifiedAndEven() {
        List<LabeledText> data = SmallData.training();
        int[] fold = IntentCv.assignFolds(data, 5, 7);
        for (String label : List.of("greeting", "conflict", "out_of_scope")) {
            Map<Integer, Long> perFold = java.util.stream.IntStream.range(0, data.size())
                    .filter(i -> data.get(i).label().equals(label))
                    .boxed()
                    .collect(Collectors.groupingBy(i -> fold[i], Collectors.counting()));
            assertEquals(5, perFold.size(), label);
            perFold.values().forEach(n -> assertEquals(3L, n, label));
        }
    }

    @Test
    void crossValidationClassifiesEveryExampleOnceAndDoesWellOnTheSmallSet() {
        List<LabeledText> data = SmallData.training();
        IntentCv.Result r = IntentCv.crossValidate(data, IntentParams.defaults(), 5, 1);
        assertEquals(data.size(), r.gold().length);
        assertEquals(5, r.foldAccuracies().length);
        for (double[] p : r.probabilities()) {
            assertEquals(1.0, java.util.Arrays.stream(p).sum(), 1e-9);
        }
        assertTrue(r.accuracy() > 0.6, "accuracy " + r.accuracy()); // 12 training examples per label per fold
        assertEquals(
                r.accuracy(),
                IntentCv.crossValidate(data, IntentParams.defaults(), 5, 1).accuracy(),
                "the same seed gives the same figure");
        assertThrows(IllegalArgumentException.class, () -> IntentCv.crossValidate(data, IntentParams.defaults(), 1, 1));
    }
}
