package dev.rekindle.nlu.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indexed lexicon decides exactly as the matcher before it ({@link ReferenceLexiconMatcher}): the same
 * kind and the same pattern, or nothing in both, for every line of models/en/intents, every line of
 * models/en/heldout.tsv (run through both, never shown: a difference is reported by line number only), and
 * texts made from the lexicon's own patterns with typos, accents, capitals and curly quotes.
 */
class SafetyLexiconEquivalenceIT {
    private static final Path MODELS = Path.of("models", "en");
    private static SafetyLexicon lexicon;
    /** Whether the lexicon flags a list of words, for each list both matchers have agreed on. */
    private static final Map<List<String>, Integer> decided = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        lexicon = SafetyLexicon.load(MODELS.resolve("safety.txt"));
    }

    @Test
    void everyTrainingLineGetsTheSameDecision() throws IOException {
        int checked = 0;
        int flagged = 0;
        try (Stream<Path> files = Files.list(MODELS.resolve("intents"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String where = f.getFileName() + ":" + (i + 1);
                    flagged += same(lines.get(i), where);
                    same(lines.get(i).toUpperCase(Locale.ROOT), where + " in capitals");
                    same(lines.get(i).replace("'", "\u2019").replace("e", "\u00e9"), where + " with accents");
                    checked++;
                }
            }
        }
        assertTrue(checked > 3000, "read the training lines: " + checked);
        assertTrue(flagged > 100, "the lexicon flags the crisis and abuse lines: " + flagged);
    }

    @Test
    void everyHeldOutLineGetsTheSameDecision() throws IOException {
        List<String> lines = Files.readAllLines(MODELS.resolve("heldout.tsv"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "heldout.tsv:" + (i + 1);
            same(line, where);
            same(line.substring(line.indexOf('\t') + 1), where + " (text)");
        }
        assertTrue(lines.size() >= 400, "read the held-out lines: " + lines.size());
    }

    @Test
    void textsMadeFromEveryPatternWithTyposGetTheSameDecision() {
        int checked = 0;
        for (List<LexiconPattern> list : List.of(lexicon.crisis(), lexicon.abuse(), lexicon.safe())) {
            for (LexiconPattern p : list) {
                List<String> words = new ArrayList<>();
                for (LexiconPattern.Element e : p.elements()) {
                    if (e instanceof LexiconPattern.Word w) {
                        words.add(w.word());
                    } else if (e instanceof LexiconPattern.Prefix x) {
                        words.add(x.prefix() + "ing");
                    } else if (e instanceof LexiconPattern.AnyOne) {
                        words.add("really");
                    } else {
                        words.add("so very");
                    }
                }
                String plain = String.join(" ", words);
                for (String text : variants(plain)) {
                    same("honestly " + text + " today", "pattern line " + p.line());
                    checked++;
                }
                // a typo in each long word, one word at a time
                for (int k = 0; k < words.size(); k++) {
                    String w = words.get(k);
                    if (w.length() < 5) {
                        continue;
                    }
                    int m = w.length() / 2;
                    for (String typo : List.of(
                            w.substring(0, m) + w.substring(m + 1),
                            w.substring(0, m) + "x" + w.substring(m + 1),
                            w.substring(0, m) + "e" + w.substring(m),
                            w.substring(0, m - 1) + w.charAt(m) + w.charAt(m - 1) + w.substring(m + 1),
                            w.substring(1),
                            w + "s")) {
                        List<String> changed = new ArrayList<>(words);
                        changed.set(k, typo);
                        same(String.join(" ", changed), "pattern line " + p.line() + " with a typo");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 5000, "texts made: " + checked);
    }

    @Test
    void theNormaliserSplitsAsBefore() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "   ",
                "Don't   STOP—now!!",
                "naïve café’s crème brûlée",
                "ﬁne Ⅻ ①",
                "tab\tand\nnew line",
                "emoji 😔 between",
                "İstanbul ß",
                "a_b-c.d",
                "x\u0301y"));
        try (Stream<Path> files = Files.list(MODELS.resolve("intents"))) {
            for (Path f : files.sorted().toList()) {
                texts.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        for (String t : texts) {
            assertEquals(ReferenceLexiconMatcher.words(t), LexiconWords.of(t));
            assertEquals(
                    ReferenceLexiconMatcher.words(t.toUpperCase(Locale.ROOT)),
                    LexiconWords.of(t.toUpperCase(Locale.ROOT)));
        }
    }

    private static List<String> variants(String plain) {
        return List.of(plain, plain.toUpperCase(Locale.ROOT), plain.replace("i", "\u00ee"), plain.replace(" ", "  , "));
    }

    /** Asserts both matchers agree; 1 when they flag the text. The text is not in the message: it may be held out. */
    private static int same(String text, String where) {
        // both matchers decide on the words alone, so words already decided on need no second run: the capital and
        // accented variants of most lines are the same words, and the reference matcher is slow
        List<String> words = ReferenceLexiconMatcher.words(text);
        assertEquals(words, LexiconWords.of(text), where + ": the words differ");
        Integer known = decided.get(words);
        if (known != null) {
            return known;
        }
        SafetyLexicon.Match before = ReferenceLexiconMatcher.find(lexicon, text);
        SafetyLexicon.Match now = lexicon.find(text);
        String b = before == null
                ? "nothing"
                : before.kind() + " by line " + before.pattern().line();
        String n = now == null
                ? "nothing"
                : now.kind() + " by line " + now.pattern().line();
        assertEquals(b, n, where + ": the indexed lexicon decides differently");
        if (before != null) {
            assertTrue(before.pattern() == now.pattern(), where + ": a different pattern object");
        }
        decided.put(words, before == null ? 0 : 1);
        return before == null ? 0 : 1;
    }
}
