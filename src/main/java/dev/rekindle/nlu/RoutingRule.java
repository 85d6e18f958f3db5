package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.util.ArrayList;
import java.util.List;

/**
 * When a message may start an exercise on its own, when the bot offers the likeliest ones first, and when it says
 * honestly that it did not understand: bands of the classifier's probability. Tuned on validation data
 * ({@link RoutingTuner}) and stored in the model, beside its {@link OutOfScopeRule}.
 *
 * <ul>
 *   <li>An exercise intent (see {@link IntentTaxonomy#startsExercise}) is acted on from {@code direct} up.
 *   <li>Below, the likeliest exercise intent is offered when its probability reaches {@code offer}, and with it the
 *       next likeliest when that one reaches {@code second}.
 *   <li>A control intent (a greeting, thanks...), which starts no exercise, is acted on from {@code offer} up.
 *   <li>Anything else falls back, and so does whatever the out-of-scope rule rejected: that rule decides whether
 *       anything fits at all, this one whether to act, to ask or to say so.
 * </ul>
 *
 * @param direct the least probability of an exercise intent to act on it without asking, 0..1 (0: always act)
 * @param offer  the least probability of the likeliest exercise intent to be offered, or of a control intent to be
 *               acted on, 0..direct
 * @param second the least probability of the next likeliest exercise intent to be offered beside it, 0..offer
 */
public record RoutingRule(double direct, double offer, double second) {
    /** The most exercises one offer shows (beside "something else"). */
    public static final int MAX_OFFERS = 2;

    public RoutingRule {
        if (!(second >= 0 && second <= offer && offer <= direct && direct <= 1)) {
            throw new IllegalArgumentException(
                    "routing thresholds must keep 0 <= second <= offer <= direct <= 1: second " + second + ", offer "
                            + offer + ", direct " + direct);
        }
    }

    /** Acts on every verdict, as the bot did before it asked: for classifiers whose probabilities nobody tuned. */
    public static RoutingRule always() {
        return new RoutingRule(0, 0, 0);
    }

    /** What to do with {@code c}, a verdict of this rule's model. */
    public Routing route(Classification c) {
        return route(c.intent(), c.ranked());
    }

    /**
     * What to do with a verdict of any label set: {@code decided} is the label after the out-of-scope rule,
     * {@code ranked} every label with its probability, most probable first.
     */
    public Routing route(String decided, List<Classification.Scored> ranked) {
        if (IntentTaxonomy.OUT_OF_SCOPE.equals(decided) || ranked.isEmpty()) {
            return Routing.fallback();
        }
        double p1 = ranked.get(0).probability();
        boolean control = IntentTaxonomy.CONTROL.contains(decided);
        if (p1 >= (control ? offer : direct)) {
            return Routing.direct(decided);
        }
        if (control) {
            return Routing.fallback();
        }
        List<String> offers = offers(ranked, offer, second);
        return offers.isEmpty() ? Routing.fallback() : Routing.offer(offers);
    }

    /**
     * The exercise intents of {@code ranked} to offer: the likeliest when it reaches {@code first}, and the next
     * likeliest beside it when that one reaches {@code next}; none when the likeliest falls short.
     */
    static List<String> offers(List<Classification.Scored> ranked, double first, double next) {
        List<String> out = new ArrayList<>(MAX_OFFERS);
        for (Classification.Scored s : ranked) {
            if (out.size() == MAX_OFFERS || s.probability() < (out.isEmpty() ? first : next)) {
                break;
            }
            if (IntentTaxonomy.startsExercise(s.intent())) {
                out.add(s.intent());
            }
        }
        return List.copyOf(out);
    }
}
