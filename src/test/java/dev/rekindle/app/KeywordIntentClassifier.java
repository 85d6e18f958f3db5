package dev.rekindle.app;

import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.nlu.Classification;
import dev.rekindle.nlu.IntentClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TEST STAND-IN classifier: a few hand-written English keywords and phrases per taxonomy intent, so that unit
 * tests of the engine, the transcript runner and the core get the same intents every time without a trained model.
 * It never ships: the bot, the chat and the transcripts use the trained OpenNLP model, and refuse to start without
 * it. It does not understand language: it finds phrases, nothing more. Expect it to miss paraphrases
 * ("we hardly speak") and to be fooled by negation ("I don't feel unheard").
 *
 * <p>How it scores: the text is lower-cased, apostrophes are dropped ("don't" = "dont") and it is cut into
 * words. Each phrase found as consecutive words adds its word count to its intent's score; a word written
 * with a trailing {@code *} matches any word starting with it ({@code argu*} matches argue, arguing).
 * The highest score wins; ties go to the intent listed first below (topics before small talk, so
 * "no time" is {@code no_time}, not {@code deny}). Nothing found: {@code out_of_scope}. The
 * "probabilities" are the scores normalised with one extra share for out_of_scope: rough, not calibrated.
 *
 * <p>It never answers {@code crisis} or {@code abuse}: the safety detector owns those, and a keyword list
 * must not pretend to be one.
 */
public final class KeywordIntentClassifier implements IntentClassifier {

    private static final Map<String, List<String>> PHRASES = new LinkedHashMap<>();

    static {
        PHRASES.put(
                "seek_therapist",
                List.of(
                        "therapist*",
                        "therapy",
                        "counsellor*",
                        "counselor*",
                        "counselling",
                        "counseling",
                        "professional help",
                        "see someone",
                        "talk to a professional",
                        "psychologist*"));
        PHRASES.put(
                "trust_broken",
                List.of(
                        "cheated",
                        "cheating",
                        "cheats",
                        "affair",
                        "lied to me",
                        "lies to me",
                        "lying",
                        "betray*",
                        "dont trust",
                        "cant trust",
                        "trust issues",
                        "broke my trust",
                        "behind my back",
                        "texting someone",
                        "secret*"));
        PHRASES.put(
                "sexual_difficulty",
                List.of(
                        "erectile",
                        "erection*",
                        "cant orgasm",
                        "orgasm*",
                        "painful sex",
                        "pain during sex",
                        "sex hurts",
                        "premature",
                        "performance anxiety",
                        "vaginismus"));
        PHRASES.put(
                "low_desire",
                List.of(
                        "no desire",
                        "low desire",
                        "not in the mood",
                        "low libido",
                        "libido",
                        "sex drive",
                        "dont want sex",
                        "dont feel like sex",
                        "lost interest in sex",
                        "no interest in sex",
                        "never want sex",
                        "no sex",
                        "sexless"));
        PHRASES.put(
                "miss_affection",
                List.of(
                        "affection*",
                        "cuddl*",
                        "hug",
                        "hugs",
                        "hugging",
                        "hugged",
                        "kiss*",
                        "hold hands",
                        "holding hands",
                        "miss being held",
                        "miss touching",
                        "never touch*",
                        "touch me",
                        "physical closeness",
                        "intimacy"));
        PHRASES.put(
                "no_time",
                List.of(
                        "no time",
                        "not enough time",
                        "too busy",
                        "so busy",
                        "busy",
                        "never see each other",
                        "work all the time",
                        "works all the time",
                        "schedule*",
                        "exhausted",
                        "no time together",
                        "time together",
                        "always working",
                        "too tired"));
        PHRASES.put(
                "feel_unheard",
                List.of(
                        "unheard",
                        "doesnt listen",
                        "dont listen",
                        "never listens",
                        "not listening",
                        "doesnt hear me",
                        "dont hear me",
                        "ignores me",
                        "ignored",
                        "talks over me",
                        "talk over me",
                        "dismiss*",
                        "doesnt understand me",
                        "dont understand me",
                        "not heard",
                        "brushes me off"));
        PHRASES.put(
                "feel_disconnected",
                List.of(
                        "disconnect*",
                        "distant",
                        "drifting apart",
                        "drifted apart",
                        "like roommates",
                        "roommates",
                        "lonely",
                        "alone together",
                        "dont talk anymore",
                        "like strangers",
                        "far apart",
                        "lost connection",
                        "not close anymore",
                        "no connection"));
        PHRASES.put(
                "resentment",
                List.of(
                        "resent*",
                        "bitter",
                        "cant let go",
                        "grudge",
                        "still angry",
                        "not fair",
                        "unfair",
                        "keeps score",
                        "keep score"));
        PHRASES.put(
                "conflict",
                List.of(
                        "fight*",
                        "fought",
                        "argu*",
                        "row",
                        "rows",
                        "yell",
                        "yells",
                        "yelled",
                        "yelling",
                        "shout*",
                        "scream*",
                        "disagree*",
                        "conflict*",
                        "clash*",
                        "bicker*",
                        "tension"));
        PHRASES.put(
                "past_wounds",
                List.of(
                        "childhood",
                        "trauma*",
                        "my parents",
                        "my ex",
                        "old wound*",
                        "still hurts",
                        "back then",
                        "years ago",
                        "never got over"));
        PHRASES.put(
                "appreciation",
                List.of(
                        "appreciat*",
                        "grateful",
                        "thankful",
                        "proud of",
                        "admire*",
                        "means a lot",
                        "meant a lot",
                        "so kind",
                        "was sweet",
                        "so sweet",
                        "i love how",
                        "i love that",
                        "loved it when",
                        "loved that"));
        PHRASES.put(
                "help",
                List.of(
                        "help",
                        "how does this work",
                        "how does it work",
                        "what can you do",
                        "what do i do",
                        "what should i do",
                        "im lost",
                        "confused",
                        "instructions"));
        PHRASES.put(
                "stop",
                List.of(
                        "stop",
                        "cancel",
                        "quit",
                        "exit",
                        "enough",
                        "leave me alone",
                        "end this",
                        "never mind",
                        "nevermind",
                        "go away",
                        "unsubscribe"));
        PHRASES.put("thanks", List.of("thanks", "thank you", "thank u", "thx", "ty", "cheers", "much appreciated"));
        PHRASES.put(
                "greeting",
                List.of(
                        "hi",
                        "hello",
                        "hey",
                        "heya",
                        "hiya",
                        "howdy",
                        "good morning",
                        "good afternoon",
                        "good evening",
                        "yo"));
        PHRASES.put(
                "deny",
                List.of(
                        "no",
                        "nope",
                        "nah",
                        "not really",
                        "not now",
                        "no thanks",
                        "rather not",
                        "i dont want to",
                        "dont want to",
                        "not today",
                        "maybe later",
                        "later"));
        PHRASES.put(
                "affirm",
                List.of(
                        "yes",
                        "yeah",
                        "yep",
                        "yup",
                        "sure",
                        "ok",
                        "okay",
                        "of course",
                        "absolutely",
                        "sounds good",
                        "lets do it",
                        "definitely",
                        "alright",
                        "all right",
                        "go ahead",
                        "please do",
                        "why not"));
        for (String intent : PHRASES.keySet()) {
            if (!IntentTaxonomy.contains(intent) || IntentTaxonomy.SAFETY.contains(intent)) {
                throw new IllegalStateException("keyword intent outside the taxonomy or owned by safety: " + intent);
            }
        }
    }

    private final List<Entry> entries;

    public KeywordIntentClassifier() {
        List<Entry> out = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, List<String>> e : PHRASES.entrySet()) {
            for (String phrase : e.getValue()) {
                out.add(new Entry(e.getKey(), order, words(phrase, true)));
            }
            order++;
        }
        this.entries = List.copyOf(out);
    }

    /** The phrase lists by intent, for documentation and tests. */
    public static Map<String, List<String>> phrases() {
        return java.util.Collections.unmodifiableMap(PHRASES);
    }

    @Override
    public Classification classify(String text) {
        if (text == null || text.isBlank()) {
            return Classification.outOfScope();
        }
        String[] words = words(text, false);
        Map<String, Integer> score = new LinkedHashMap<>();
        Map<String, Integer> order = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (occurs(e.words(), words)) {
                score.merge(e.intent(), e.words().length, Integer::sum);
                order.putIfAbsent(e.intent(), e.order());
            }
        }
        if (score.isEmpty()) {
            return Classification.outOfScope();
        }
        double total = 1;
        for (int s : score.values()) {
            total += s;
        }
        List<Classification.Scored> ranked = new ArrayList<>();
        for (Map.Entry<String, Integer> e : score.entrySet()) {
            ranked.add(new Classification.Scored(e.getKey(), e.getValue() / total));
        }
        ranked.sort(Comparator.comparingDouble(Classification.Scored::probability)
                .reversed()
                .thenComparing(s -> order.get(s.intent())));
        ranked.add(new Classification.Scored(IntentTaxonomy.OUT_OF_SCOPE, 1 / total));
        Classification.Scored best = ranked.get(0);
        return new Classification(best.intent(), best.probability(), ranked);
    }

    private static boolean occurs(String[] phrase, String[] words) {
        for (int start = 0; start + phrase.length <= words.length; start++) {
            boolean all = true;
            for (int i = 0; i < phrase.length && all; i++) {
                all = matches(phrase[i], words[start + i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String word) {
        if (pattern.endsWith("*")) {
            return word.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(word);
    }

    /** Lower case, apostrophes dropped, split on anything that is not a letter or digit ({@code *} kept in phrases). */
    static String[] words(String text, boolean phrase) {
        String t = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        String[] parts = t.split(phrase ? "[^\\p{L}\\p{N}*]+" : "[^\\p{L}\\p{N}]+");
        List<String> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out.toArray(new String[0]);
    }

    private record Entry(String intent, int order, String[] words) {}
}
