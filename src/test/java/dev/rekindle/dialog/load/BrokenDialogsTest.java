package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.dialog.validate.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file in src/test/resources/broken has one deliberate mistake and says, in its first line, where
 * the error must be reported and what it must say: {@code # expect: LINE:COLUMN: part of the message}
 * ({@code # expect warning:} for a doubt that still loads). Lines after it may hold {@code # hint: ...}, then
 * the message above is the whole message and this the whole hint, and {@code # errors in this file: N}, for a
 * mistake that must not bring others along ("unreachable" after a wrong target, "no way out" after a bad end).
 */
class BrokenDialogsTest {
    private static final Pattern EXPECT = Pattern.compile("# expect( warning)?: (\\d+):(\\d+): (.+)");
    private static final Pattern HINT = Pattern.compile("# hint: (.+)");
    private static final Pattern COUNT = Pattern.compile("# errors in this file: (\\d+)");

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
        assertEquals(
                List.of(), r.problems(), () -> "the support set must load without a doubt:\n" + describe(r.problems()));
        assertTrue(r.library().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsTheExpectedError(Path file) {
        SourceFile broken = TestFiles.read(file);
        List<String> header =
                broken.content().lines().takeWhile(l -> l.startsWith("#")).toList();
        Matcher m = EXPECT.matcher(header.isEmpty() ? "" : header.get(0));
        assertTrue(m.matches(), file + " must start with '# expect: LINE:COLUMN: message part'");
        boolean warning = m.group(1) != null;
        int line = Integer.parseInt(m.group(2));
        int column = Integer.parseInt(m.group(3));
        String part = m.group(4).strip();
        Optional<String> hint = header.stream()
                .map(HINT::matcher)
                .filter(Matcher::matches)
                .map(h -> h.group(1).strip())
                .findFirst();

        LoadResult r = DialogLoader.loadSources(withSupport(broken));
        boolean found = r.problems().stream()
                .anyMatch(p -> p.isError() != warning
                        && p.source().file().equals(broken.name())
                        && p.source().line() == line
                        && p.source().column() == column
                        && (hint.isEmpty()
                                ? p.message().contains(part)
                                : p.message().equals(part))
                        && hint.map(h -> h.equals(p.hint())).orElse(true));
        if (!found) {
            fail("expected " + (warning ? "a warning" : "an error") + " at " + broken.name() + ":" + line + ":" + column
                    + " saying '" + part + "'" + hint.map(h -> " (" + h + ")").orElse("") + ", but got:\n"
                    + describe(r.problems()));
        }
        header.stream()
                .map(COUNT::matcher)
                .filter(Matcher::matches)
                .findFirst()
                .ifPresent(c -> assertEquals(
                        Integer.parseInt(c.group(1)),
                        r.problems().stream()
                                .filter(p -> p.isError() && p.source().file().equals(broken.name()))
                                .count(),
                        () -> describe(r.problems())));
        assertEquals(
                warning,
                r.library().isPresent(),
                warning
                        ? "a warning alone never stops the library"
                        : "a library must not be built when there are errors");
    }

    /** The support set and the broken file; a broken bot.yaml replaces the support one: there must be exactly one. */
    static List<SourceFile> withSupport(SourceFile broken) {
        List<SourceFile> files = new ArrayList<>();
        for (SourceFile s : TestFiles.support()) {
            if (!(TestFiles.isBotFile(broken) && TestFiles.isBotFile(s))) {
                files.add(s);
            }
        }
        files.add(broken);
        return files;
    }

    static String describe(List<Problem> problems) {
        return problems.isEmpty()
                ? "  (no problems)"
                : problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
