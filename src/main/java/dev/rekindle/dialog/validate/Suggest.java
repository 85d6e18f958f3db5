package dev.rekindle.dialog.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt keys, states, dialogs, roles and variables, in dialogs and in conversation
 * transcripts alike.
 */
public final class Suggest {
    private Suggest() {}

    /**
     * The known name closest to {@code typed}, when it is close enough to be a likely typo: a third of its length,
     * at least one edit and at most three.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        if (typed == null || typed.isEmpty()) {
            return Optional.empty();
        }
        // A third of the length (at least one edit, at most three) catches typos without wild guesses.
        return closest(typed, known, Math.max(1, Math.min(3, typed.length() / 3)));
    }

    /**
     * The known name closest to {@code typed} (ignoring case; the first of equally close ones), if it is at most
     * {@code maxEdits} edits away: for a reader with its own rule of how far a typo may stray.
     */
    public static Optional<String> closest(String typed, Collection<String> known, int maxEdits) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typed.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= maxEdits ? Optional.of(best) : Optional.empty();
    }

    /** A hint: "did you mean 'x'?" when something is close, else the list of what is allowed. */
    public static String hint(String typed, Collection<String> known, String listIntro) {
        Optional<String> close = closest(typed, known);
        if (close.isPresent()) {
            return "did you mean '" + close.get() + "'?";
        }
        if (known.isEmpty()) {
            return null;
        }
        return listIntro + ": " + String.join(", ", known);
    }

    /** Edit distance counting insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        return dev.rekindle.dialog.model.EditDistance.of(a, b);
    }
}
