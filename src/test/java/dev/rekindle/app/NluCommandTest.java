package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.SafetyCheck;
import dev.rekindle.nlu.TextCategorizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NluCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SMALL = resource("nlu/small");
    private static final Path HELDOUT = resource("nlu/small-heldout.tsv");

    @TempDir
    static Path dir;

    static Path model;

    record Run(int code, String out, String err) {}

    static Run nlu(String stdin, Function<TextCategorizer, SafetyCheck> safety, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "nlu";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Main.execute(
                all,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                safety);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run nlu(String... args) {
        return nlu("", c -> null, args);
    }

    @BeforeAll
    static void trainOnce() {
        model = dir.resolve("model.bin");
        Run r = nlu("train", "--data", SMALL.toString(), "--val", HELDOUT.toString(), "--out", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("90 examples, 6 labels"), r.out());
        assertTrue(r.out().contains("out of scope, tuned for accuracy on " + HELDOUT), r.out());
        assertTrue(r.out().endsWith("wrote " + model + "\n"), r.out());
    }

    @Test
    void helpListsTheNluCommands() {
        Run r = nlu("--help");
        assertEquals(0, r.code());
        for (String c : List.of("train", "classify", "eval", "cv", "bench")) {
            assertTrue(r.out().contains("  " + c + " "), r.out());
        }
        assertTrue(Main.execute(
                        new String[] {"--help"},
                        new ByteArrayInputStream(new byte[0]),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(new ByteArrayOutputStream()),
                        false)
                == 0);
    }

    @Test
    void benchPrintsAccuracyForEachObjectiveLatencyAndThroughput() {
        Run r = nlu(
                "bench",
                "--train",
                SMALL.toString(),
                "--val",
                HELDOUT.toString(),
                "--seconds",
                "1",
                "--objective",
                "balanced",
                "--objective",
                "floor:0.9");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("90 training examples, 12 validation examples, 6 labels"), r.out());
        assertTrue(r.out().matches("(?s).*class only +\\d+\\.\\d% +\\d+\\.\\d%.*"), r.out());
        assertTrue(r.out().matches("(?s).*balanced +\\d+\\.\\d%.*floor:0\\.9 +\\d+\\.\\d%.*"), r.out());
        assertTrue(r.out().matches("(?s).*median \\d+\\.\\d µs, p99 \\d+\\.\\d µs.*"), r.out());
        assertTrue(r.out().matches("(?s).*throughput, \\d+ threads: [\\d,]+ classifications per second.*"), r.out());
    }

    @Test
    void aBadObjectiveSaysWhatToWrite() {
        Run r = nlu("cv", "--data", SMALL.toString(), "--objective", "most");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("accuracy, balanced or floor:F"), r.err());
    }

    @Test
    void classifyPrintsOneJsonObjectPerLine() throws Exception {
        Run r = nlu("hello there\n\nwe fought all weekend\n", c -> null, "classify", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        JsonNode first = JSON.readTree(lines.get(0));
        assertEquals("hello there", first.get("text").asText());
        assertEquals("greeting", first.get("intent").asText());
        assertTrue(first.get("confidence").asDouble() > 0.2);
        assertEquals(3, first.get("top").size());
        assertEquals("greeting", first.get("top").get(0).get("label").asText());
        assertTrue(first.get("top").get(0).has("probability"));
        assertTrue(first.get("safety").isNull());
        assertEquals("conflict", JSON.readTree(lines.get(1)).get("intent").asText());
    }

    @Test
    void aWiredSafetyCheckAppearsInClassifyAndEval() throws Exception {
        Function<TextCategorizer, SafetyCheck> safety = c -> text -> text.contains("fight")
                ? new SafetyDecision.Flow(SafetyKind.ABUSE)
                : text.contains("loud") ? new SafetyDecision.Check(SafetyKind.ABUSE) : SafetyDecision.nothing();
        Run r = nlu("we had a fight\nhi\nhe gets loud\n", safety, "classify", "--model", model.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("abuse", JSON.readTree(lines.get(0)).get("safety").asText());
        assertTrue(JSON.readTree(lines.get(0)).get("check").isNull());
        assertTrue(JSON.readTree(lines.get(1)).get("safety").isNull());
        assertTrue(JSON.readTree(lines.get(2)).get("safety").isNull(), "unsure is not a flow");
        assertEquals("abuse", JSON.readTree(lines.get(2)).get("check").asText());
        Run e = nlu("", safety, "eval", "--model", model.toString(), "--data", HELDOUT.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("safety: recall n/a (0 of 0 crisis/abuse examples raised"), e.out());
        assertTrue(e.out().contains("false alarms 8.3% (1 of 12 ordinary messages)"), e.out());
    }

    @Test
    void evalPrintsAccuracyPerIntentAndOutOfScopeRecall() throws Exception {
        Run r = nlu("eval", "--model", model.toString(), "--data", HELDOUT.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("12 examples: accuracy "), r.out());
        assertTrue(r.out().contains("out-of-scope recall"), r.out());
        assertTrue(r.out().contains("  miss_affection "), r.out());
        assertTrue(r.out().contains("safety: no safety detector wired"), r.out());
        Run j = nlu("eval", "--model", model.toString(), "--data", HELDOUT.toString(), "--json");
        JsonNode report = JSON.readTree(j.out());
        assertEquals(12, report.get("examples").asInt());
        assertTrue(report.get("accuracy").asDouble() >= 0.9, j.out());
        assertEquals(6, report.get("perLabel").size());
        assertTrue(report.get("safety").isNull());
    }

    @Test
    void cvReportsFoldAccuraciesAndTheOutOfScopeRule() {
        Run r = nlu("cv", "--data", SMALL.toString(), "--folds", "3", "-P", "chars=off");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3-fold cross-validation: accuracy "), r.out());
        assertTrue(r.out().contains("out of scope on the out-of-fold answers"), r.out());
        assertTrue(r.out().contains("chars=off"), r.out());
    }

    @Test
    void mistakesAreOneLineErrors() throws Exception {
        Run missing = nlu("eval", "--model", dir.resolve("nope.bin").toString(), "--data", HELDOUT.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("rekindle nlu eval: no such model file: "), missing.err());
        Run noData = nlu("cv", "--data", dir.resolve("nothing").toString());
        assertEquals(2, noData.code());
        assertEquals("rekindle nlu cv: no such file or folder: " + dir.resolve("nothing") + "\n", noData.err());
        Run badParam = nlu("cv", "--data", SMALL.toString(), "-P", "colour=blue");
        assertEquals(2, badParam.code());
        assertTrue(
                badParam.err().startsWith("rekindle nlu cv: -P colour=blue: unknown parameter 'colour'"),
                badParam.err());
        Path broken = resource("nlu/broken/missing-tabs.tsv");
        Run bad = nlu(
                "train",
                "--data",
                broken.toString(),
                "--out",
                dir.resolve("x.bin").toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith(broken + ":2: no tab; write intent<TAB>text\n"), bad.err());
        assertTrue(bad.err().endsWith("3 problems in the data; fix them and run the command again\n"), bad.err());
        assertFalse(Files.exists(dir.resolve("x.bin")));
    }

    private static Path resource(String name) {
        try {
            return Path.of(
                    NluCommandTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void safetyMeasuresRecallPerKindAndWhatEverydayLinesAndAnswersRaise(@TempDir Path set) throws Exception {
        java.nio.file.Files.writeString(set.resolve("disclosures.tsv"), """
                # expected, context, where, text
                crisis\tmessage\t-\ti want to kill myself tonight
                abuse\tanswer\treconnect/limits\the hit me again last night and i am scared to go home
                """);
        java.nio.file.Files.writeString(
                set.resolve("everyday.tsv"), "none\tmessage\t-\twe had a lovely walk by the sea\n");
        java.nio.file.Files.writeString(
                set.resolve("answers.tsv"), "none\tanswer\thealing/q1\tmy parents never talked about feelings\n");
        Run r = nlu("", c -> null, "safety", "--data", set.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("disclosures: 2 of 2 get a flow or a check (100.0%)"), r.out());
        assertTrue(r.out().contains("everyday messages: 1 lines, flows 0 (0.0%), checks 0 (0.0%)"), r.out());
        assertTrue(
                r.out().contains("answers to the exercises' questions: 1 lines, flows 0 (0.0%), checks 0 (0.0%)"),
                r.out());
        Run viaEval = nlu("", c -> null, "eval", "--data", set.toString());
        assertEquals(r.out(), viaEval.out(), "eval on a safety set measures it the same way");
        Run reliability = nlu("", c -> null, "safety", "--data", set.toString(), "--reliability");
        assertTrue(
                reliability
                        .out()
                        .contains("reliability of the safety model on 4 lines of three words or more "
                                + "(calibration: slope "),
                reliability.out());
        assertTrue(
                reliability.out().contains("  raw P(concern)          lines  mean P  disclosures"), reliability.out());
        assertTrue(
                reliability.out().contains("  calibrated P(concern)   lines  mean P  disclosures"), reliability.out());
        assertEquals(
                2,
                reliability.out().split("expected calibration error", -1).length - 1,
                "a table each, with its error");
        assertFalse(reliability.out().contains("note:"), "these lines were not fitted on: " + reliability.out());
        Run fittedOn = nlu("", c -> null, "safety", "--data", "models/en/safety-dev", "--reliability");
        assertTrue(
                fittedOn.out()
                        .contains("  note: the calibration was fitted on safety-dev: its table below is not a "
                                + "fair measure of it"),
                fittedOn.out());
        java.nio.file.Files.writeString(set.resolve("bad.tsv"), "panic\tmessage\t-\thelp\n");
        Run bad = nlu("", c -> null, "safety", "--data", set.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("bad.tsv:1: 'panic' is neither none nor one of crisis"), bad.err());
    }
}
