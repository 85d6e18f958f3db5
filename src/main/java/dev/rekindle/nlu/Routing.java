package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.util.List;

/**
 * What the bot may do with a classified message that no dialog waits for ({@link RoutingRule#route}).
 *
 * @param band   direct (act on {@code intent}), offer (ask with {@code offers} first) or fallback (say it did not
 *               understand)
 * @param intent the intent to act on: the classifier's verdict when direct, {@code out_of_scope} otherwise
 * @param offers when {@code band} is offer, the one or two likeliest exercise intents, most likely first; else empty
 */
public record Routing(Band band, String intent, List<String> offers) {

    /** The three bands of certainty. */
    public enum Band {
        /** Sure enough to start what the intent starts. */
        DIRECT,
        /** Not sure enough: the likeliest exercises are offered as buttons, with "something else". */
        OFFER,
        /** Nothing likely enough to offer: the honest "I'm not sure I understood" and the menu. */
        FALLBACK
    }

    public Routing {
        offers = List.copyOf(offers);
        if ((band == Band.OFFER) == offers.isEmpty()) {
            throw new IllegalArgumentException("offers come with the offer band, and only with it: " + band + offers);
        }
        if (band != Band.DIRECT && !IntentTaxonomy.OUT_OF_SCOPE.equals(intent)) {
            throw new IllegalArgumentException("only a direct route acts on an intent, not " + band + " " + intent);
        }
    }

    static Routing direct(String intent) {
        return new Routing(Band.DIRECT, intent, List.of());
    }

    static Routing offer(List<String> offers) {
        return new Routing(Band.OFFER, IntentTaxonomy.OUT_OF_SCOPE, offers);
    }

    static Routing fallback() {
        return new Routing(Band.FALLBACK, IntentTaxonomy.OUT_OF_SCOPE, List.of());
    }
}
