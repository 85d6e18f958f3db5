package dev.rekindle.nlu;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Labelled examples read from disk, in one of two shapes:
 * <ul>
 *   <li>a folder of {@code <intent>.txt} files: the file name is the label, each line one example;</li>
 *   <li>one {@code intent<TAB>text} file ({@code .tsv}, or {@code .txt} with tabs), as CLINC150 and the held-out
 *       file are written.</li>
 * </ul>
 * In both, blank lines and lines starting with {@code #} are skipped, and an example that repeats one already read
 * (same label, same words ignoring case and spacing) is dropped and counted. Every malformed line is reported at
 * once, as {@code file:line: what}.
 *
 * @param examples          the examples in reading order (files by name, lines in order)
 * @param duplicatesDropped how many repeated examples were dropped
 * @param conflicts         texts given two or more different labels (kept, but worth a look), as
 *                          {@code "text" -> a, b}
 * @param files             the files read, in the canonical order the fingerprint uses
 */
public record TrainingData(
        List<LabeledText> examples, int duplicatesDropped, List<String> conflicts, List<Path> files) {

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}_.\\-]+");

    public TrainingData {
        examples = List.copyOf(examples);
        conflicts = List.copyOf(conflicts);
        files = List.copyOf(files);
    }

    /** Reads a folder of {@code <intent>.txt} files or one {@code intent<TAB>text} file. */
    public static TrainingData load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return loadFolder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(
                    path.toString(),
                    null,
                    "no such file or folder (give a folder of <intent>.txt files or an intent<TAB>text file)");
        }
        return loadTabbed(path);
    }

    /** The files that {@link #load} reads for {@code path}, in canonical order (by name). */
    public static List<Path> files(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".txt"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** The labels in first-seen order. */
    public List<String> labels() {
        Set<String> out = new LinkedHashSet<>();
        for (LabeledText t : examples) {
            out.add(t.label());
        }
        return List.copyOf(out);
    }

    private static TrainingData loadFolder(Path dir) throws IOException {
        List<Path> files = files(dir);
        Builder b = new Builder();
        if (files.isEmpty()) {
            b.problems.add(dir + ": no <intent>.txt files in this folder (write one file per intent, one example "
                    + "per line, e.g. " + dir.resolve("greeting.txt") + ")");
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String label = name.substring(0, name.length() - ".txt".length());
            if (!LABEL.matcher(label).matches()) {
                b.problems.add(f + ": the file name gives the label '" + label + "', which may only have letters, "
                        + "digits, '_', '-' and '.' (rename it, e.g. " + label.replaceAll("[^\\p{L}\\p{N}_.\\-]+", "_")
                        + ".txt)");
                continue;
            }
            List<String> lines = read(f, b);
            for (int i = 0; i < lines.size(); i++) {
                String line = cleanLine(lines.get(i), i);
                if (skip(line)) {
                    continue;
                }
                if (line.indexOf('\t') >= 0) {
                    b.problems.add(f + ":" + (i + 1) + ": a tab in an example; in a folder the label is the file "
                            + "name, so write only the text (or put intent<TAB>text lines in a .tsv file)");
                    continue;
                }
                b.add(label, line.strip());
            }
            if (lines.stream().allMatch(TrainingData::skip)) {
                b.problems.add(f + ": no examples (write one example per line)");
            }
        }
        return b.build(files);
    }

    private static TrainingData loadTabbed(Path file) throws IOException {
        Builder b = new Builder();
        List<String> lines = read(file, b);
        boolean anyTab = lines.stream().anyMatch(l -> l.indexOf('\t') >= 0);
        if (!anyTab) {
            b.problems.add(file + ": no line has a tab; write intent<TAB>text lines, or give a folder of "
                    + "<intent>.txt files");
            throw new TrainingDataException(b.problems);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = cleanLine(lines.get(i), i);
            if (skip(line)) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            int tab = line.indexOf('\t');
            if (tab < 0) {
                b.problems.add(where + "no tab; write intent<TAB>text");
                continue;
            }
            String label = line.substring(0, tab).strip();
            String text = line.substring(tab + 1).strip();
            if (i == 0
                    && (label.equalsIgnoreCase("intent") || label.equalsIgnoreCase("label"))
                    && text.equalsIgnoreCase("text")) {
                continue; // a header line
            }
            if (label.isEmpty()) {
                b.problems.add(where + "no intent before the tab; write intent<TAB>text");
            } else if (!LABEL.matcher(label).matches()) {
                b.problems.add(where + "the intent '" + label + "' may only have letters, digits, '_', '-' and '.'");
            } else if (text.isEmpty()) {
                b.problems.add(where + "no text after the tab; write intent<TAB>text");
            } else if (text.indexOf('\t') >= 0) {
                b.problems.add(where + "more than one tab; write intent<TAB>text with no tab in the text");
            } else {
                b.add(label, text);
            }
        }
        if (b.examples.isEmpty() && b.problems.isEmpty()) {
            b.problems.add(file + ": no examples");
        }
        return b.build(List.of(file));
    }

    private static String cleanLine(String line, int index) {
        String l = index == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
    }

    private static boolean skip(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static List<String> read(Path f, Builder b) throws IOException {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            b.problems.add(f + ": not UTF-8 text (save it as UTF-8)");
            return List.of();
        }
    }

    private static final class Builder {
        final List<LabeledText> examples = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, String> seen = new LinkedHashMap<>();
        final Map<String, Set<String>> labelsByText = new TreeMap<>();
        int duplicates;

        void add(String label, String text) {
            String key = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (seen.putIfAbsent(label + "\t" + key, label) != null) {
                duplicates++;
                return;
            }
            labelsByText.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(label);
            examples.add(new LabeledText(label, text));
        }

        TrainingData build(List<Path> files) {
            if (!problems.isEmpty()) {
                throw new TrainingDataException(problems);
            }
            List<String> conflicts = new ArrayList<>();
            labelsByText.forEach((text, labels) -> {
                if (labels.size() > 1) {
                    conflicts.add("\"" + text + "\" -> " + String.join(", ", labels));
                }
            });
            return new TrainingData(examples, duplicates, conflicts, files);
        }
    }
}
