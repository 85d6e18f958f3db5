package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Set;

/** The fixed intent names that dialogs may route on and be triggered by. */
public final class IntentTaxonomy {
    public static final String OUT_OF_SCOPE = "out_of_scope";

    public static final List<String> NAMES = List.of(
            "feel_unheard",
            "feel_disconnected",
            "appreciation",
            "conflict",
            "resentment",
            "low_desire",
            "sexual_difficulty",
            "miss_affection",
            "no_time",
            "trust_broken",
            "seek_therapist",
            "past_wounds",
            "low_mood",
            "unsure_about_us",
            "crisis",
            "abuse",
            "greeting",
            "thanks",
            "help",
            "stop",
            "affirm",
            "deny",
            OUT_OF_SCOPE);

    /** Intents the safety hook owns: a dialog may not route or be triggered on them. */
    public static final Set<String> SAFETY = Set.of("crisis", "abuse");

    /**
     * Conversation control: what starts no exercise (a greeting, thanks, help, stop, yes, no). A wrong one costs a
     * sentence, so they need less certainty before the bot acts on them (docs/nlu.md, "Routing").
     */
    public static final Set<String> CONTROL = Set.of("greeting", "thanks", "help", "stop", "affirm", "deny");

    private IntentTaxonomy() {}

    /** True for an intent that can start an exercise: neither control, nor the safety hook's, nor out of scope. */
    public static boolean startsExercise(String name) {
        return !CONTROL.contains(name) && !SAFETY.contains(name) && !OUT_OF_SCOPE.equals(name);
    }

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
