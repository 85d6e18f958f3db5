package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.validate.Problem;
import dev.rekindle.local.TestDialogs;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialogs in a jar load as a folder of them does, and a problem in one names the jar and the file. */
class ShippedDialogsTest {

    /** A jar holding {@code files} (entry name to text). */
    private static Path jar(Path dir, Map<String, String> files) throws Exception {
        Path jar = dir.resolve("mini.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                j.putNextEntry(new JarEntry(f.getKey()));
                j.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static LoadResult loadFrom(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return new ShippedDialogs(loader).load();
        }
    }

    private static Map<String, String> testDialogs() {
        Map<String, String> files = new java.util.TreeMap<>();
        for (SourceFile f : TestDialogs.sources()) {
            files.put("dialogs/" + Path.of(f.name()).getFileName(), f.content());
        }
        return files;
    }

    @Test
    void theDialogsInAJarLoadAndItsSubfoldersAreLeftOut(@TempDir Path dir) throws Exception {
        Map<String, String> files = testDialogs();
        files.put("dialogs/tests/a_transcript.yaml", "transcript: not a dialog\nsteps: []\n");
        files.put("dialogs/notes.txt", "not yaml");
        LoadResult r = loadFrom(jar(dir, files));
        assertTrue(r.library().isPresent(), r.problems().toString());
        assertEquals(
                TestDialogs.library().dialogs().size(),
                r.library().get().dialogs().size());
    }

    @Test
    void aProblemInAShippedDialogNamesTheJarAndTheFile(@TempDir Path dir) throws Exception {
        Map<String, String> files = testDialogs();
        files.put("dialogs/broken.yaml", "id: broken\ntitle: Broken\n");
        LoadResult r = loadFrom(jar(dir, files));
        assertFalse(r.library().isPresent());
        List<Problem> broken = r.problems().stream().filter(Problem::isError).toList();
        assertFalse(broken.isEmpty());
        assertTrue(
                broken.stream().allMatch(p -> p.toString().startsWith("mini.jar!/dialogs/broken.yaml:")),
                broken.toString());
    }

    @Test
    void aJarWithoutDialogsSaysHowToGetThem(@TempDir Path dir) throws Exception {
        Path jar = jar(dir, Map.of("models/en/safety.txt", "crisis: x\n"));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> loadFrom(jar));
        assertEquals(
                "the jar holds no dialogs (dialogs/bot.yaml is not in it): rebuild it with "
                        + "`mvn -B -q package -DskipTests`, or give --dialogs DIR",
                e.getMessage());
    }

    @Test
    void theProjectsDialogsFolderWinsOverTheJarsAndAGivenFolderOverBoth() {
        assertEquals(
                new DialogFolder(Path.of("dialogs")), DialogSource.choose(null), "tests run in the project folder");
        assertEquals(new DialogFolder(Path.of("elsewhere")), DialogSource.choose(Path.of("elsewhere")));
    }
}
