package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.model.SafetyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The therapist-readable list of phrases that signal each kind of safety concern, of the words that say a harm
 * is in the past ({@code past:}) or happening now ({@code now:}), and of harmless idioms ({@code safe:}) removed
 * before any of those are tried. Format: one {@code <section>: <pattern>} line each, {@code #} comments. See
 * models/en/safety.txt.
 *
 * <p>Each list is indexed ({@link PatternIndex}) so that a message is tried only against the patterns that
 * could match one of its words, in list order; the first match is the same as trying them all.
 */
public final class SafetyLexicon {
    /** The mark of a section whose patterns only ask: {@code crisis?:}. */
    static final String UNSURE = "?";

    /** The sections a line may start with: every safety kind, each kind unsure, the markers, and {@code safe}. */
    static final List<String> SECTIONS = sections();

    /**
     * Laughing and eye-rolling emoji, which the normaliser drops with every other symbol: a sign of a joke in any
     * language, so they are known here rather than listed in each lexicon.
     */
    private static final Set<Integer> LAUGHING = Set.of(
            0x1F602, 0x1F923, 0x1F605, 0x1F606, 0x1F639, 0x1F643, 0x1F61C, 0x1F61D, 0x1F61B, 0x1F644, 0x1F629, 0x1F62B);

    private final Map<String, List<LexiconPattern>> lists;
    private final Map<String, PatternIndex> indexes;
    /** Common English words, never taken for a typo of a pattern's word (see {@link #withKnownWords}). */
    private final Set<String> known;

    public SafetyLexicon(List<LexiconPattern> crisis, List<LexiconPattern> abuse, List<LexiconPattern> safe) {
        this(Map.of("crisis", crisis, "abuse", abuse, "safe", safe));
    }

    private SafetyLexicon(Map<String, List<LexiconPattern>> bySection) {
        this.lists = new LinkedHashMap<>();
        this.indexes = new LinkedHashMap<>();
        for (String s : SECTIONS) {
            List<LexiconPattern> l = List.copyOf(bySection.getOrDefault(s, List.of()));
            lists.put(s, l);
            indexes.put(s, new PatternIndex(l));
        }
        this.known = Set.of();
    }

    private SafetyLexicon(SafetyLexicon base, Set<String> known) {
        this.lists = base.lists;
        this.indexes = base.indexes;
        this.known = Set.copyOf(known);
    }

    /**
     * This lexicon, where a message word that is a common English word only ever matches itself: one-letter typos
     * are forgiven for words people misspell in distress ("suicde"), but "doing" must not be read as "dying".
     */
    public SafetyLexicon withKnownWords(Set<String> words) {
        return new SafetyLexicon(this, words);
    }

    /** The words of a word list: one lower-case word a line, {@code #} comments and blank lines ignored. */
    public static Set<String> parseWords(String text) {
        Set<String> out = new java.util.HashSet<>();
        for (String line : text.split("\\R", -1)) { // every line, the empty ones too: skipped below
            String w = line.strip();
            if (!w.isEmpty() && !w.startsWith("#")) {
                out.add(w.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static List<String> sections() {
        List<String> s = new ArrayList<>();
        for (SafetyKind k : SafetyKind.values()) {
            s.add(k.id());
        }
        for (SafetyKind k : SafetyKind.values()) {
            s.add(k.id() + UNSURE); // words that may mean it: a gentle check, never a flow
        }
        s.addAll(List.of("past", "now", "risk", "joke", "safe"));
        return List.copyOf(s);
    }

    public List<LexiconPattern> crisis() {
        return lists.get("crisis");
    }

    public List<LexiconPattern> abuse() {
        return lists.get("abuse");
    }

    public List<LexiconPattern> safe() {
        return lists.get("safe");
    }

    /** A lexicon that finds nothing, so that only the classifier's scores count. */
    public static SafetyLexicon empty() {
        return new SafetyLexicon(Map.of());
    }

    public static SafetyLexicon load(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Every problem at once, as file:line: message, in one exception. */
    public static SafetyLexicon parse(String name, String text) {
        Map<String, List<LexiconPattern>> bySection = new LinkedHashMap<>();
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
            String section = colon < 0 ? "" : line.substring(0, colon).strip();
            if (!SECTIONS.contains(section)) {
                problems.add(name + ":" + (i + 1) + ": a line must start with a safety kind (" + SafetyKind.ids()
                        + "), a kind and ? for words that only ask (crisis?:), past:, now:, risk: or safe: (found '"
                        + lines[i].strip() + "')");
                continue;
            }
            try {
                bySection
                        .computeIfAbsent(section, k -> new ArrayList<>())
                        .add(LexiconPattern.parse(line.substring(colon + 1), i + 1));
            } catch (IllegalArgumentException e) {
                problems.add(name + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the safety lexicon has problems:\n" + String.join("\n", problems));
        }
        if (!bySection.containsKey("crisis") || !bySection.containsKey("abuse")) {
            throw new IllegalArgumentException(name + ": the safety lexicon needs crisis: and abuse: lines");
        }
        return new SafetyLexicon(bySection);
    }

    /** What the lexicon alone finds: the first matching pattern, crisis before abuse. */
    public Match find(String text) {
        Hits h = read(text);
        if (h.of(SafetyKind.CRISIS) != null) {
            return new Match(SafetyKind.CRISIS, h.of(SafetyKind.CRISIS));
        }
        return h.of(SafetyKind.ABUSE) == null ? null : new Match(SafetyKind.ABUSE, h.of(SafetyKind.ABUSE));
    }

    /** Every section's first matching pattern, with the harmless idioms cut out first. */
    public Hits read(String text) {
        List<String> words = new ArrayList<>(LexiconWords.of(text));
        if (words.isEmpty()) {
            return new Hits(Map.of(), Map.of(), false, false, false, false, 0); // every pattern needs a word
        }
        int count = words.size();
        List<LexiconPattern> safe = lists.get("safe");
        BitSet safeOnes = indexes.get("safe").candidates(words);
        for (int i = safeOnes.nextSetBit(0); i >= 0; i = safeOnes.nextSetBit(i + 1)) {
            LexiconPattern p = safe.get(i);
            int[] span;
            while ((span = p.find(words, known)) != null) {
                for (int k = span[0]; k < span[1]; k++) {
                    // a word no pattern can match, so the idiom neither triggers nor glues its neighbours together
                    words.set(k, "\u0000");
                }
            }
        }
        // a blanked idiom only takes words away, so candidates found now are all the patterns that could match
        Map<SafetyKind, LexiconPattern> kinds = new EnumMap<>(SafetyKind.class);
        for (SafetyKind k : SafetyKind.values()) {
            LexiconPattern p = first(k.id(), words);
            if (p != null) {
                kinds.put(k, p);
            }
        }
        Map<SafetyKind, LexiconPattern> unsure = new EnumMap<>(SafetyKind.class);
        for (SafetyKind k : SafetyKind.values()) {
            LexiconPattern p = first(k.id() + UNSURE, words);
            if (p != null) {
                unsure.put(k, p);
            }
        }
        boolean joke = first("joke", words) != null || text.codePoints().anyMatch(LAUGHING::contains);
        return new Hits(
                kinds,
                unsure,
                first("past", words) != null,
                first("now", words) != null,
                first("risk", words) != null,
                joke,
                count);
    }

    private LexiconPattern first(String section, List<String> words) {
        List<LexiconPattern> list = lists.get(section);
        BitSet ones = indexes.get(section).candidates(words);
        for (int i = ones.nextSetBit(0); i >= 0; i = ones.nextSetBit(i + 1)) {
            if (list.get(i).find(words, known) != null) {
                return list.get(i);
            }
        }
        return null;
    }

    public record Match(SafetyKind kind, LexiconPattern pattern) {}

    /**
     * What the lexicon found in one message.
     *
     * @param kinds  the first matching pattern of each kind's section
     * @param unsure the first matching pattern of each kind's unsure section ({@code crisis?:}): worth a check only
     * @param past  a word or phrase that puts a harm in the past ("when I was a kid", "my ex", "years ago")
     * @param now   one that puts it in the present ("still", "last night", "again")
     * @param risk  a word that can carry a risk ({@code risk:}): without one, the model alone needs near certainty
     * @param joke  a sign that the writer is joking ({@code joke:} "lol", "as a joke", or a laughing emoji)
     * @param words how many words the message has
     */
    public record Hits(
            Map<SafetyKind, LexiconPattern> kinds,
            Map<SafetyKind, LexiconPattern> unsure,
            boolean past,
            boolean now,
            boolean risk,
            boolean joke,
            int words) {
        public Hits {
            kinds = Map.copyOf(kinds);
            unsure = Map.copyOf(unsure);
        }

        /** Lexicon hits of the given kinds only (tests, and the detector's reasoning). */
        public Hits(Map<SafetyKind, LexiconPattern> kinds, boolean past, boolean now, boolean risk, int words) {
            this(kinds, Map.of(), past, now, risk, false, words);
        }

        public LexiconPattern of(SafetyKind k) {
            return kinds.get(k);
        }

        public boolean any() {
            return !kinds.isEmpty();
        }

        /** The kind an unsure pattern asks about, the one that protects most first; null when none matched. */
        public SafetyKind unsureKind() {
            return SafetyKind.BY_PROTECTION.stream()
                    .filter(unsure::containsKey)
                    .findFirst()
                    .orElse(null);
        }

        /** The listed kind that protects most; null when none matched. */
        public SafetyKind listedKind() {
            return SafetyKind.BY_PROTECTION.stream()
                    .filter(kinds::containsKey)
                    .findFirst()
                    .orElse(null);
        }
    }
}
