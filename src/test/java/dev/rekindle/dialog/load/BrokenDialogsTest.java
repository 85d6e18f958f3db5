package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.dialog.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in src/test/resources/broken has one deliberate mistake and says, in its first line, where
 * the error must be reported and what it must say: {@code # expect: LINE:COLUMN: part of the message}.
 */
class BrokenDialogsTest {
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.+)");

    static Stream<Path> brokenFiles() {
        return TestFiles.yamlIn(TestFiles.BROKEN).stream();
    }

    @Test
    void thereIsABrokenFileForEveryCheck() {
        assertTrue(brokenFiles().count() >= 25, "expected at least 25 broken files");
    }

    @Test
    void supportSetAloneLoadsClean() {
        LoadResult r = DialogLoader.loadSources(TestFiles.support());
        assertFalse(r.hasErrors(), () -> "support set has errors:\n" + describe(r.problems()));
        assertTrue(r.library().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsTheExpectedError(Path file) {
        SourceFile broken = TestFiles.read(file);
        Matcher m = EXPECT.matcher(broken.content().lines().findFirst().orElse(""));
        assertTrue(m.matches(), file + " must start with '# expect: LINE:COLUMN: message part'");
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        String part = m.group(3).strip();

        List<SourceFile> files = new ArrayList<>();
        for (SourceFile s : TestFiles.support()) {
            // A broken bot.yaml replaces the support one: there must be exactly one.
            if (!(TestFiles.isBotFile(broken) && TestFiles.isBotFile(s))) {
                files.add(s);
            }
        }
        files.add(broken);
        LoadResult r = DialogLoader.loadSources(files);

        boolean found = r.problems().stream()
                .anyMatch(p -> p.isError()
                        && p.source().file().equals(broken.name())
                        && p.source().line() == line
                        && p.source().column() == column
                        && p.message().contains(part));
        if (!found) {
            fail("expected an error at " + broken.name() + ":" + line + ":" + column + " containing '" + part
                    + "', but got:\n" + describe(r.problems()));
        }
        assertTrue(r.library().isEmpty(), "a library must not be built when there are errors");
    }

    static String describe(List<Problem> problems) {
        return problems.isEmpty()
                ? "  (no problems)"
                : problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
