package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The docs test must find the blocks it is meant to check, whether or not docs/dialogs.md exists yet. */
class DocsExampleExtractionTest {

    @Test
    void findsFencedYamlBlocksWithTheirLine() {
        String md = String.join(
                "\n",
                List.of(
                        "# Title",
                        "```yaml",
                        "# a comment",
                        "id: demo",
                        "title: x",
                        "```",
                        "text",
                        "```yaml",
                        "say: fragment",
                        "```",
                        "```json",
                        "{}",
                        "```",
                        "```yaml",
                        "bot:",
                        "  menu: []",
                        "```"));
        List<DocsExamplesTest.Example> examples = DocsExamplesTest.examples(md);
        assertEquals(3, examples.size());
        assertEquals(3, examples.get(0).line());
        assertEquals("# a comment\nid: demo\ntitle: x\n", examples.get(0).yaml());
        assertEquals(true, TestFiles.firstLineStartsWith(examples.get(0).yaml(), "id:"));
        assertEquals(false, TestFiles.firstLineStartsWith(examples.get(1).yaml(), "id:"));
        assertEquals(true, TestFiles.firstLineStartsWith(examples.get(2).yaml(), "bot:"));
        assertEquals("demo", DocsExamplesTest.idOf(examples.get(0).yaml()).orElseThrow());
    }
}
