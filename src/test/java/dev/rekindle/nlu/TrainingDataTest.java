package dev.rekindle.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @Test
    void aFolderGivesOneLabelPerFileAndSkipsCommentsAndBlankLines() throws Exception {
        TrainingData d = TrainingData.load(SmallData.FOLDER);
        assertEquals(
                List.of("conflict", "greeting", "miss_affection", "no_time", "out_of_scope", "thanks"), d.labels());
        assertEquals(
                15,
                d.examples().stream().filter(e -> e.label().equals("greeting")).count());
        assertTrue(d.examples().stream().noneMatch(e -> e.text().startsWith("#")));
        assertEquals(6, d.files().size());
    }

    @Test
    void aTabbedFileGivesIntentAndText() throws Exception {
        TrainingData d = TrainingData.load(SmallData.HELDOUT);
        assertEquals(12, d.examples().size());
        assertEquals(new LabeledText("greeting", "hello again"), d.examples().get(0));
    }

    @Test
    void repeatedExamplesAreDroppedAndCounted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greeting.txt"), "hi\nHi \nhello\n\n  hi\n# hi\n");
        Files.writeString(dir.resolve("thanks.txt"), "thanks\nhi\n");
        TrainingData d = TrainingData.load(dir);
        assertEquals(4, d.examples().size());
        assertEquals(2, d.duplicatesDropped());
        assertEquals(List.of("\"hi\" -> greeting, thanks"), d.conflicts());
    }

    @Test
    void everyMalformedLineIsReportedWithFileAndLine() {
        Path f = SmallData.resource("nlu/broken/missing-tabs.tsv");
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> TrainingData.load(f));
        assertEquals(
                List.of(
                        f + ":2: no tab; write intent<TAB>text",
                        f + ":3: no intent before the tab; write intent<TAB>text",
                        f + ":4: no text after the tab; write intent<TAB>text"),
                e.problems());
        assertTrue(e.getMessage().startsWith(f + ":2: no tab"), e.getMessage());
    }

    @Test
    void aTabInAFolderFileIsAnErrorThatSaysWhereLabelsComeFrom(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("greeting.txt"), "hi\ngreeting\thello\n");
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> TrainingData.load(dir));
        assertEquals(1, e.problems().size());
        assertTrue(
                e.problems().get(0).startsWith(dir.resolve("greeting.txt") + ":2: a tab in an example"),
                e.problems().get(0));
    }

    @Test
    void badFileNamesEmptyFilesAndEmptyFoldersAreErrors(@TempDir Path dir) throws Exception {
        assertTrue(assertThrows(TrainingDataException.class, () -> TrainingData.load(dir))
                .getMessage()
                .contains("no <intent>.txt files"));
        Files.writeString(dir.resolve("feel unheard.txt"), "he never listens\n");
        Files.writeString(dir.resolve("thanks.txt"), "# nothing yet\n\n");
        Files.writeString(dir.resolve("README.md"), "not data\n");
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> TrainingData.load(dir));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(
                e.problems().get(0).contains("rename it, e.g. feel_unheard.txt"),
                e.problems().get(0));
        assertTrue(e.problems().get(1).endsWith("thanks.txt: no examples (write one example per line)"));
    }

    @Test
    void aTextFileWithoutTabsIsNotMistakenForTabbedData(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("greeting.txt");
        Files.writeString(f, "hi\nhello\n");
        TrainingDataException e = assertThrows(TrainingDataException.class, () -> TrainingData.load(f));
        assertTrue(e.getMessage().contains("no line has a tab"), e.getMessage());
    }

    @Test
    void notUtf8AndMissingPathsAreReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data.tsv");
        Files.write(f, new byte[] {'a', '\t', (byte) 0xff, (byte) 0xfe, '\n'});
        assertTrue(assertThrows(TrainingDataException.class, () -> TrainingData.load(f))
                .getMessage()
                .contains("not UTF-8"));
        assertThrows(NoSuchFileException.class, () -> TrainingData.load(dir.resolve("nope")));
    }

    @Test
    void aHeaderLineAndWindowsLineEndingsAreAccepted(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("data.tsv");
        Files.write(f, "\uFEFFintent\ttext\r\ngreeting\thi\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                List.of(new LabeledText("greeting", "hi")), TrainingData.load(f).examples());
    }
}
