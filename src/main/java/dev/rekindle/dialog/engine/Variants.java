package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Message;
import java.util.Map;

/** Chooses one of a message's variants at random from the session's seed, never the one used last time. */
final class Variants {
    private final Rng rng;
    private final Map<String, Integer> lastVariant;

    /** {@code lastVariant} is the turn's working copy; picks are recorded in it. */
    Variants(Rng rng, Map<String, Integer> lastVariant) {
        this.rng = rng;
        this.lastVariant = lastVariant;
    }

    String pick(Message message, String key) {
        int n = message.variants().size();
        if (n == 1) {
            return message.variants().get(0);
        }
        Integer last = lastVariant.get(key);
        int idx;
        if (last == null || last >= n) {
            idx = rng.nextInt(n);
        } else {
            idx = rng.nextInt(n - 1);
            if (idx >= last) {
                idx++;
            }
        }
        lastVariant.put(key, idx);
        return message.variants().get(idx);
    }
}
