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

    private IntentTaxonomy() {}

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
