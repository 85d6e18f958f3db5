package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rekindle.dialog.engine.RandomDriver;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every complete example in docs/dialogs.md must load: a ```yaml block whose first non-comment line starts
 * with {@code id:} is a whole dialog, one starting with {@code bot:} a whole bot.yaml. Each is loaded with
 * the repository's dialogs/ (when present) and the test support files for whatever is still missing; an
 * example replaces the file with the same id (or the bot file), so examples may reuse shipped ids.
 * A block whose first line is a comment starting with {@code # fragment} shows only a shape and is skipped.
 */
class DocsExamplesTest {
    private static final Path DOCS = Path.of("docs/dialogs.md");
    private static final Path DIALOGS = Path.of("dialogs");
    private static final Pattern ID = Pattern.compile("(?m)^id:\\s*['\"]?([^'\"\\s#]+)");

    record Example(int line, String yaml) {}

    @TestFactory
    Stream<DynamicTest> everyCompleteExampleLoads() throws IOException {
        Assumptions.assumeTrue(Files.exists(DOCS), "docs/dialogs.md does not exist yet; no examples to check");
        List<Example> examples = examples(Files.readString(DOCS)).stream()
                .filter(e -> !e.yaml().strip().startsWith("# fragment"))
                .filter(e -> TestFiles.firstLineStartsWith(e.yaml(), "id:")
                        || TestFiles.firstLineStartsWith(e.yaml(), "bot:"))
                .toList();
        Map<String, SourceFile> base = baseFiles();
        return examples.stream()
                .map(e -> DynamicTest.dynamicTest("docs/dialogs.md example at line " + e.line(), () -> {
                    SourceFile example = new SourceFile("docs/dialogs.md (example at line " + e.line() + ")", e.yaml());
                    Map<String, SourceFile> files = new LinkedHashMap<>(base);
                    files.remove(keyOf(example));
                    List<SourceFile> all = new ArrayList<>(files.values());
                    all.add(example);
                    LoadResult r = DialogLoader.loadSources(all);
                    r.problems().forEach(p -> System.out.println("docs example at line " + e.line() + ": " + p));
                    assertFalse(
                            r.hasErrors(),
                            () -> "the example at docs/dialogs.md line " + e.line() + " does not load:\n"
                                    + BrokenDialogsTest.describe(r.problems()));
                    // loading is not enough for an example that claims to work: run it on the engine too
                    DialogLibrary library = r.library().orElseThrow();
                    Optional<String> id = idOf(e.yaml());
                    if (id.isPresent()) {
                        Dialog dialog = library.current(id.get()).orElseThrow();
                        for (long seed = 1; seed <= 3; seed++) {
                            RandomDriver.drive(library, dialog, seed, 300);
                        }
                    }
                }));
    }

    /** The fenced ```yaml blocks with the line their first YAML line is on. */
    static List<Example> examples(String markdown) {
        List<Example> out = new ArrayList<>();
        String[] lines = markdown.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].strip();
            if (!(fence.equals("```yaml") || fence.equals("```yml"))) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            int start = i + 2;
            for (i = i + 1; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                block.append(lines[i]).append('\n');
            }
            out.add(new Example(start, block.toString()));
        }
        return out;
    }

    /** dialogs/ first, then support files for ids (or the bot file) dialogs/ does not have. */
    private static Map<String, SourceFile> baseFiles() {
        Map<String, SourceFile> files = new LinkedHashMap<>();
        if (Files.isDirectory(DIALOGS)) {
            for (Path p : TestFiles.yamlIn(DIALOGS)) {
                SourceFile f = TestFiles.read(p);
                files.putIfAbsent(keyOf(f), f);
            }
        }
        for (SourceFile f : TestFiles.support()) {
            files.putIfAbsent(keyOf(f), f);
        }
        return files;
    }

    private static String keyOf(SourceFile f) {
        if (TestFiles.isBotFile(f)) {
            return "bot";
        }
        Matcher m = ID.matcher(f.content());
        return m.find() ? "id:" + m.group(1) : "file:" + f.name();
    }

    static Optional<String> idOf(String yaml) {
        Matcher m = ID.matcher(yaml);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
