package dev.rekindle.bench;

import dev.rekindle.app.UnderstandingFactory;
import dev.rekindle.nlu.safety.LexiconWords;
import dev.rekindle.nlu.safety.ReferenceLexiconMatcher;
import dev.rekindle.nlu.safety.SafetyLexicon;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where Understanding's time per text goes, on one thread: the normaliser, the safety lexicon (the matcher
 * before the index, kept in test code, and the one in use), the intent classifier, and the whole. Texts: every
 * line of models/en/intents. Not a test: it prints microseconds per text, which docs/performance.md records.
 *
 * <pre>mvn -B -q -Pbenchmark verify -Dbench.main=dev.rekindle.bench.LexiconBenchmark</pre>
 */
public final class LexiconBenchmark {
    private static final int PASSES = 7;

    private LexiconBenchmark() {}

    public static void main(String[] args) throws IOException {
        Path models = Path.of("models", "en");
        SafetyLexicon lexicon = SafetyLexicon.load(models.resolve("safety.txt"));
        Understanding understanding = UnderstandingFactory.load(
                models,
                new PrintWriter(
                        new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(models.resolve("intents"))) {
            for (Path f : files.sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        texts.add(line);
                    }
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Understanding, one thread, %d texts (models/en/intents), %d lexicon patterns, "
                        + "best of %d passes%n",
                texts.size(),
                lexicon.crisis().size()
                        + lexicon.abuse().size()
                        + lexicon.safe().size(),
                PASSES);
        for (String t : texts) { // every path warm before any is timed
            ReferenceLexiconMatcher.find(lexicon, t);
            understanding.input(dev.rekindle.dialog.model.Partner.A, dev.rekindle.dialog.engine.Chat.A, t);
        }
        System.out.printf(Locale.ROOT, "| %-44s | %10s |%n| %s | ---------: |%n", "what", "µs / text", "-".repeat(44));
        measure("normaliser (LexiconWords.of)", texts, LexiconWords::of);
        measure("lexicon, before the index (reference)", texts, t -> ReferenceLexiconMatcher.find(lexicon, t));
        measure("lexicon, in use (SafetyLexicon.find)", texts, lexicon::find);
        measure(
                "intent classifier (OpenNLP)",
                texts,
                t -> understanding.classifier().classify(t));
        measure(
                "Understanding.input (all of it)",
                texts,
                t -> understanding.input(dev.rekindle.dialog.model.Partner.A, dev.rekindle.dialog.engine.Chat.A, t));
    }

    private static void measure(String what, List<String> texts, Consumer<String> work) {
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < PASSES; pass++) {
            long t0 = System.nanoTime();
            for (String t : texts) {
                work.accept(t);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf(Locale.ROOT, "| %-44s | %10.2f |%n", what, best / 1e3 / texts.size());
    }
}
