package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transcripts shown in docs/dialogs.md run against the repository's dialogs/, so the reference never
 * shows an example that does not work. A block counts when it is fenced as ```yaml and its first line that
 * is neither blank nor a comment starts with {@code transcript:}.
 */
class DocsTranscriptExamplesTest {
    static final Path DOC = Path.of("docs/dialogs.md");

    /** A fenced yaml block: its text and the document line its first line is on. */
    record Block(String content, int firstLine) {}

    static List<Block> transcriptBlocks(String markdown) {
        List<Block> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String open = lines[i].strip();
            if (!open.startsWith("```")) {
                continue;
            }
            String lang = open.substring(3).strip();
            int start = i + 1;
            int end = start;
            while (end < lines.length && !lines[end].strip().startsWith("```")) {
                end++;
            }
            if (lang.equals("yaml") || lang.equals("yml")) {
                String indent = lines[i].substring(0, lines[i].indexOf('`'));
                StringBuilder b = new StringBuilder();
                for (int k = start; k < end; k++) {
                    String l = lines[k].startsWith(indent) ? lines[k].substring(indent.length()) : lines[k];
                    b.append(l).append('\n');
                }
                String content = b.toString();
                if (firstMeaningfulLine(content).startsWith("transcript:")) {
                    out.add(new Block(content, start + 1));
                }
            }
            i = end;
        }
        return out;
    }

    private static String firstMeaningfulLine(String content) {
        for (String l : content.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                return t;
            }
        }
        return "";
    }

    @Test
    void findsTranscriptBlocksWithTheirLines() {
        String md =
                "# Doc\n\n```yaml\nid: not_a_transcript\n```\n\n```yaml\n# a comment\ntranscript: x\nsteps: []\n```\n"
                        + "  ```yaml\n  transcript: indented\n  ```\n```\ntranscript: no language\n```\n";
        List<Block> blocks = transcriptBlocks(md);
        assertEquals(
                List.of(
                        new Block("# a comment\ntranscript: x\nsteps: []\n", 8),
                        new Block("transcript: indented\n", 13)),
                blocks);
    }

    @Test
    void everyTranscriptInTheDialogReferenceRuns() throws Exception {
        assumeTrue(Files.isRegularFile(DOC), "no docs/dialogs.md yet");
        List<Block> blocks = transcriptBlocks(Files.readString(DOC, StandardCharsets.UTF_8));
        assumeTrue(!blocks.isEmpty(), "docs/dialogs.md shows no transcript");
        assumeTrue(Files.isDirectory(ShippedTranscriptsTest.DIALOGS), "no dialogs folder yet");
        TranscriptRunner runner = TranscriptRunner.of(
                TestDialogs.repoLibrary(ShippedTranscriptsTest.DIALOGS),
                ShippedTranscriptsTest.productionUnderstanding());
        List<String> failures = new ArrayList<>();
        for (Block b : blocks) {
            try {
                TranscriptRunner.Result r =
                        runner.run(TranscriptLoader.parse(DOC.toString(), b.content(), b.firstLine()));
                if (!r.passed()) {
                    failures.add("FAIL " + r.name() + " (" + DOC + ":" + b.firstLine() + ")\n  "
                            + r.diff().replace("\n", "\n  "));
                }
            } catch (TranscriptException e) {
                failures.add("FAIL " + DOC + ":" + b.firstLine() + "\n  "
                        + e.getMessage().replace("\n", "\n  "));
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }
}
