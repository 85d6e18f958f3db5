package dev.rekindle.dialog.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading test dialog files into {@link SourceFile}s, named by their path relative to the project. */
public final class TestFiles {
    public static final Path BROKEN = Path.of("src/test/resources/broken");
    public static final Path SUPPORT = BROKEN.resolve("_support");
    public static final Path VALID = Path.of("src/test/resources/valid");

    private TestFiles() {}

    public static SourceFile read(Path p) {
        try {
            return new SourceFile(p.toString(), Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The *.yaml files directly in a folder, sorted by name. */
    public static List<Path> yamlIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SourceFile> support() {
        List<SourceFile> out = new ArrayList<>();
        for (Path p : yamlIn(SUPPORT)) {
            out.add(read(p));
        }
        return out;
    }

    /** True when the first line that is not a comment or blank starts with {@code prefix}. */
    public static boolean firstLineStartsWith(String content, String prefix) {
        for (String line : content.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            return line.startsWith(prefix);
        }
        return false;
    }

    public static boolean isBotFile(SourceFile f) {
        return firstLineStartsWith(f.content(), "bot:");
    }
}
