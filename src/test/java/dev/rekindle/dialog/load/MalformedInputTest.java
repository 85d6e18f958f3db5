package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Half-written files are the normal state of a file being edited: the loader must report problems, never
 * throw. Every line of every test dialog is removed in turn, and every file is cut short at each line.
 */
class MalformedInputTest {

    @Test
    void neverThrowsOnDamagedFiles() {
        List<Path> files = new ArrayList<>(TestFiles.yamlIn(TestFiles.BROKEN));
        files.addAll(TestFiles.yamlIn(TestFiles.VALID));
        List<SourceFile> support = TestFiles.support();
        int loads = 0;
        for (Path p : files) {
            SourceFile f = TestFiles.read(p);
            String[] lines = f.content().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                loadQuietly(support, new SourceFile(f.name(), without(lines, i)));
                loadQuietly(
                        support,
                        new SourceFile(
                                f.name(), String.join("\n", List.of(lines).subList(0, i))));
                loads += 2;
            }
        }
        assertTrue(loads > 500, "expected many variants, got " + loads);
    }

    private static void loadQuietly(List<SourceFile> support, SourceFile damaged) {
        List<SourceFile> all = new ArrayList<>(support);
        if (TestFiles.isBotFile(damaged)
                || damaged.content().contains("\nbot:")
                || damaged.content().startsWith("bot:")) {
            all.removeIf(TestFiles::isBotFile);
        }
        all.add(damaged);
        assertDoesNotThrow(() -> DialogLoader.loadSources(all), () -> "loading threw on:\n" + damaged.content());
    }

    private static String without(String[] lines, int skip) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != skip) {
                b.append(lines[i]).append('\n');
            }
        }
        return b.toString();
    }
}
