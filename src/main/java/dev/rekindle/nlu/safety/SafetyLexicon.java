package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.engine.SafetyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The therapist-readable list of phrases that signal a crisis or abuse, and of harmless idioms
 * ({@code safe:}) removed before those are tried. Format: one {@code crisis:}, {@code abuse:} or
 * {@code safe:} line each, {@code #} comments. See models/en/safety.txt.
 */
public record SafetyLexicon(List<LexiconPattern> crisis, List<LexiconPattern> abuse, List<LexiconPattern> safe) {

    public SafetyLexicon {
        crisis = List.copyOf(crisis);
        abuse = List.copyOf(abuse);
        safe = List.copyOf(safe);
    }

    /** A lexicon that finds nothing, so that only the classifier's scores count. */
    public static SafetyLexicon empty() {
        return new SafetyLexicon(List.of(), List.of(), List.of());
    }

    public static SafetyLexicon load(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Every problem at once, as file:line: message, in one exception. */
    public static SafetyLexicon parse(String name, String text) {
        List<LexiconPattern> crisis = new ArrayList<>();
        List<LexiconPattern> abuse = new ArrayList<>();
        List<LexiconPattern> safe = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String kind = colon < 0 ? "" : line.substring(0, colon).strip();
            List<LexiconPattern> target = switch (kind) {
                case "crisis" -> crisis;
                case "abuse" -> abuse;
                case "safe" -> safe;
                default -> null;
            };
            if (target == null) {
                problems.add(name + ":" + (i + 1) + ": a line must start with crisis:, abuse: or safe: (found '"
                        + lines[i].strip() + "')");
                continue;
            }
            try {
                target.add(LexiconPattern.parse(line.substring(colon + 1), i + 1));
            } catch (IllegalArgumentException e) {
                problems.add(name + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the safety lexicon has problems:\n" + String.join("\n", problems));
        }
        if (crisis.isEmpty() || abuse.isEmpty()) {
            throw new IllegalArgumentException(name + ": the safety lexicon needs crisis: and abuse: lines");
        }
        return new SafetyLexicon(crisis, abuse, safe);
    }

    /** What the lexicon alone finds: the first matching pattern, crisis before abuse. */
    public Match find(String text) {
        List<String> words = new ArrayList<>(TextNormalizer.words(text));
        for (LexiconPattern p : safe) {
            int[] span;
            while ((span = p.find(words)) != null) {
                for (int k = span[0]; k < span[1]; k++) {
                    // a word no pattern can match, so the idiom neither triggers nor glues its neighbours together
                    words.set(k, "\u0000");
                }
            }
        }
        for (LexiconPattern p : crisis) {
            if (p.find(words) != null) {
                return new Match(SafetyKind.CRISIS, p);
            }
        }
        for (LexiconPattern p : abuse) {
            if (p.find(words) != null) {
                return new Match(SafetyKind.ABUSE, p);
            }
        }
        return null;
    }

    public record Match(SafetyKind kind, LexiconPattern pattern) {}
}
