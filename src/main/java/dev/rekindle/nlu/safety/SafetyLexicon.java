package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.model.SafetyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The therapist-readable list of phrases that signal a crisis or abuse, and of harmless idioms
 * ({@code safe:}) removed before those are tried. Format: one {@code crisis:}, {@code abuse:} or
 * {@code safe:} line each, {@code #} comments. See models/en/safety.txt.
 *
 * <p>Each list is indexed ({@link PatternIndex}) so that a message is tried only against the patterns that
 * could match one of its words, in list order; the first match is the same as trying them all.
 */
public final class SafetyLexicon {
    private final List<LexiconPattern> crisis;
    private final List<LexiconPattern> abuse;
    private final List<LexiconPattern> safe;
    private final PatternIndex crisisIndex;
    private final PatternIndex abuseIndex;
    private final PatternIndex safeIndex;

    public SafetyLexicon(List<LexiconPattern> crisis, List<LexiconPattern> abuse, List<LexiconPattern> safe) {
        this.crisis = List.copyOf(crisis);
        this.abuse = List.copyOf(abuse);
        this.safe = List.copyOf(safe);
        this.crisisIndex = new PatternIndex(this.crisis);
        this.abuseIndex = new PatternIndex(this.abuse);
        this.safeIndex = new PatternIndex(this.safe);
    }

    public List<LexiconPattern> crisis() {
        return crisis;
    }

    public List<LexiconPattern> abuse() {
        return abuse;
    }

    public List<LexiconPattern> safe() {
        return safe;
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
        if (words.isEmpty()) {
            return null; // every pattern needs a word
        }
        BitSet safeOnes = safeIndex.candidates(words);
        for (int i = safeOnes.nextSetBit(0); i >= 0; i = safeOnes.nextSetBit(i + 1)) {
            LexiconPattern p = safe.get(i);
            int[] span;
            while ((span = p.find(words)) != null) {
                for (int k = span[0]; k < span[1]; k++) {
                    // a word no pattern can match, so the idiom neither triggers nor glues its neighbours together
                    words.set(k, "\u0000");
                }
            }
        }
        // a blanked idiom only takes words away, so candidates found now are all the patterns that could match
        BitSet crisisOnes = crisisIndex.candidates(words);
        for (int i = crisisOnes.nextSetBit(0); i >= 0; i = crisisOnes.nextSetBit(i + 1)) {
            if (crisis.get(i).find(words) != null) {
                return new Match(SafetyKind.CRISIS, crisis.get(i));
            }
        }
        BitSet abuseOnes = abuseIndex.candidates(words);
        for (int i = abuseOnes.nextSetBit(0); i >= 0; i = abuseOnes.nextSetBit(i + 1)) {
            if (abuse.get(i).find(words) != null) {
                return new Match(SafetyKind.ABUSE, abuse.get(i));
            }
        }
        return null;
    }

    public record Match(SafetyKind kind, LexiconPattern pattern) {}
}
