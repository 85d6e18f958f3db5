package dev.rekindle.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds forbidden references in Java source: imports and fully qualified uses alike, with comments
 * and string literals removed first so that documentation does not trip it.
 */
final class BoundaryScanner {
    record Rule(String what, Pattern pattern) {}

    record Violation(Path file, int line, String what, String code) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + what + ": " + code.strip();
        }
    }

    private BoundaryScanner() {}

    static Rule rule(String what, String regex) {
        return new Rule(what, Pattern.compile(regex));
    }

    static List<Violation> scan(Path root, List<Rule> rules) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Violation> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(scanSource(f, Files.readString(f), rules));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Violation> scanSource(Path file, String source, List<Rule> rules) {
        List<Violation> out = new ArrayList<>();
        String[] lines = stripCommentsAndStrings(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Rule r : rules) {
                if (r.pattern().matcher(lines[i]).find()) {
                    out.add(new Violation(file, i + 1, r.what(), lines[i]));
                }
            }
        }
        return out;
    }

    /** Keeps line breaks so that line numbers stay right. */
    static String stripCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                i += 2;
                while (i + 1 < s.length() && !(s.charAt(i) == '*' && s.charAt(i + 1) == '/')) {
                    if (s.charAt(i) == '\n') b.append('\n');
                    i++;
                }
                i += 2;
            } else if (c == '"') {
                b.append("\"\"");
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') i++;
                    else if (s.charAt(i) == '\n') b.append('\n');
                    i++;
                }
                i++;
            } else if (c == '\'' && i + 2 < s.length()) {
                int end = s.charAt(i + 1) == '\\' ? s.indexOf('\'', i + 3) : i + 2;
                b.append("' '");
                i = end + 1;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
