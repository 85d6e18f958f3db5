package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.engine.SafetyReading;
import dev.rekindle.dialog.model.SafetyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The safety detector measured on a folder of labelled lines ({@code expected<TAB>context<TAB>where<TAB>text},
 * context {@code message} or {@code answer}, expected a safety kind or {@code none}), the format of
 * models/en/safety-dev and models/en/safety-heldout: every disclosure should get a flow or a check, per kind;
 * everyday lines and short answers should get neither, reported separately.
 */
public final class SafetyEvaluation {
    /** One labelled line. */
    public record Line(String file, int number, SafetyKind expected, boolean answer, String where, String text) {}

    /** How the detector did on the disclosures of one kind. */
    public record KindScore(SafetyKind kind, int lines, int flows, int checks, int rightKind, List<String> missed) {
        public double recall() {
            return lines == 0 ? Double.NaN : (double) (flows + checks) / lines;
        }
    }

    /** How often the detector acted on ordinary lines of one group (everyday messages, or short answers). */
    public record OrdinaryScore(
            String group, int lines, int flows, int checks, List<String> flowed, List<String> checked) {
        public double flowRate() {
            return lines == 0 ? Double.NaN : (double) flows / lines;
        }

        public double checkRate() {
            return lines == 0 ? Double.NaN : (double) checks / lines;
        }
    }

    public record Report(List<KindScore> kinds, int disclosures, int caught, List<OrdinaryScore> ordinary) {
        public double recall() {
            return disclosures == 0 ? Double.NaN : (double) caught / disclosures;
        }
    }

    private SafetyEvaluation() {}

    /** Every {@code *.tsv} of {@code dir} (or the one file), in name order. */
    public static List<Line> load(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (var s = Files.list(path)) {
                s.filter(p -> p.getFileName().toString().endsWith(".tsv"))
                        .sorted()
                        .forEach(files::add);
            }
        } else {
            files.add(path);
        }
        List<Line> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] c = l.split("\t", 4);
                if (c.length < 4) {
                    problems.add(f + ":" + (i + 1) + ": write expected<TAB>context<TAB>where<TAB>text");
                    continue;
                }
                SafetyKind k =
                        c[0].equals("none") ? null : SafetyKind.parse(c[0]).orElse(null);
                if (k == null && !c[0].equals("none")) {
                    problems.add(f + ":" + (i + 1) + ": '" + c[0] + "' is neither none nor one of " + SafetyKind.ids());
                    continue;
                }
                if (!c[1].equals("message") && !c[1].equals("answer")) {
                    problems.add(f + ":" + (i + 1) + ": the context is message or answer, not '" + c[1] + "'");
                    continue;
                }
                out.add(new Line(f.getFileName().toString(), i + 1, k, c[1].equals("answer"), c[2], c[3]));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return out;
    }

    public static Report of(SafetyDetector detector, List<Line> lines) {
        Map<SafetyKind, int[]> counts = new EnumMap<>(SafetyKind.class);
        Map<SafetyKind, List<String>> missed = new EnumMap<>(SafetyKind.class);
        int[] everyday = new int[3];
        int[] answers = new int[3];
        List<String> everydayFlowed = new ArrayList<>();
        List<String> everydayChecked = new ArrayList<>();
        List<String> answerFlowed = new ArrayList<>();
        List<String> answerChecked = new ArrayList<>();
        int disclosures = 0;
        int caught = 0;
        for (Line l : lines) {
            SafetyReading r = detector.read(l.text());
            SafetyDecision d = r.decision(l.answer());
            boolean flow = d instanceof SafetyDecision.Flow;
            boolean check = d instanceof SafetyDecision.Check;
            String shown = l.text() + " [" + (l.answer() ? "answer " + l.where() : "message") + "]";
            if (l.expected() != null) {
                disclosures++;
                int[] c = counts.computeIfAbsent(l.expected(), k -> new int[4]);
                c[0]++;
                if (flow) {
                    c[1]++;
                } else if (check) {
                    c[2]++;
                }
                if ((flow || check) && d.kind() == l.expected()) {
                    c[3]++;
                }
                if (flow || check) {
                    caught++;
                } else {
                    missed.computeIfAbsent(l.expected(), k -> new ArrayList<>()).add(shown);
                }
            } else {
                int[] c = l.answer() ? answers : everyday;
                c[0]++;
                if (flow) {
                    c[1]++;
                    (l.answer() ? answerFlowed : everydayFlowed).add(d.kind().id() + ": " + shown);
                } else if (check) {
                    c[2]++;
                    (l.answer() ? answerChecked : everydayChecked).add(d.kind().id() + ": " + shown);
                }
            }
        }
        List<KindScore> kinds = new ArrayList<>();
        for (Map.Entry<SafetyKind, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            kinds.add(new KindScore(e.getKey(), c[0], c[1], c[2], c[3], missed.getOrDefault(e.getKey(), List.of())));
        }
        return new Report(
                kinds,
                disclosures,
                caught,
                List.of(
                        score("everyday messages", everyday, everydayFlowed, everydayChecked),
                        score("answers to the exercises' questions", answers, answerFlowed, answerChecked)));
    }

    /** {@code counts}: lines, flows, checks. */
    private static OrdinaryScore score(String group, int[] counts, List<String> flowed, List<String> checked) {
        return new OrdinaryScore(group, counts[0], counts[1], counts[2], flowed, checked);
    }
}
