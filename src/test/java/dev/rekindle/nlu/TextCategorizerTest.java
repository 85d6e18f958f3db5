package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TextCategorizerTest {

    /** Every text of the small set and the held-out file, and some made-up variants. */
    private static List<String> allTexts() {
        List<String> texts = new ArrayList<>();
        for (LabeledText e : SmallData.training()) {
            texts.add(e.text());
        }
        for (LabeledText e : SmallData.heldout()) {
            texts.add(e.text());
            texts.add(e.text().toUpperCase(java.util.Locale.ROOT) + "!!");
        }
        return texts;
    }

    @Test
    void eightThreadsGetExactlyTheAnswersOfOneThread() throws Exception {
        IntentModel model = SmallData.model().withOutOfScopeRule(new OutOfScopeRule("out_of_scope", 0.4, 0.1));
        TextCategorizer shared = new TextCategorizer(model);
        List<String> texts = allTexts();
        List<double[]> expected = new ArrayList<>();
        List<Prediction> expectedPredictions = new ArrayList<>();
        for (String t : texts) {
            expected.add(shared.probabilities(t));
            expectedPredictions.add(shared.categorize(t));
        }
        int threads = 8;
        int rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int offset = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Prediction> got = new ArrayList<>(java.util.Collections.nCopies(texts.size(), null));
                    for (int r = 0; r < rounds; r++) {
                        for (int k = 0; k < texts.size(); k++) {
                            int i = (k + offset * 37 + r * 11) % texts.size(); // each thread in its own order
                            double[] p = shared.probabilities(texts.get(i));
                            assertArrayEquals(expected.get(i), p, 0.0, texts.get(i));
                            got.set(i, shared.categorize(texts.get(i)));
                        }
                    }
                    return got;
                }));
            }
            start.countDown();
            for (Future<List<Prediction>> f : futures) {
                assertEquals(expectedPredictions, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
