package dev.rekindle.nlu;

import dev.rekindle.dialog.model.IntentTaxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the {@link RoutingRule} on validation data, read off two curves in bins of {@value #BIN} of the best
 * intent's probability, from the top down:
 *
 * <ul>
 *   <li><b>direct</b>: the lowest bin edge such that, in that bin and in every bin above it, at least
 *       {@link #DIRECT_PRECISION} of the messages whose best intent starts an exercise have it right. The bot acts
 *       alone only where it is right nine times in ten, and more often higher up.
 *   <li><b>offer</b>: the lowest edge below {@code direct} such that, in every bin from it up to {@code direct}, the
 *       likeliest exercise intent (when it reaches the edge) is the right one for at least {@link #OFFER_HITS} of
 *       the messages offered it. Below, an offer would more often be wrong than right, so the bot says it did not
 *       understand.
 *   <li><b>second</b>: among the messages of the offer band, binned by the probability of the next likeliest
 *       exercise intent, the lowest edge (up to {@code offer}) such that in that bin and every bin above it the second
 *       button is the right one for at least {@link #SECOND_HITS} of them: a second button costs a glance, so it is
 *       worth showing when it is right one time in four.
 * </ul>
 *
 * A bin with fewer than {@value #MIN_EXAMPLES} messages is too small to judge and is passed over. Messages the
 * out-of-scope rule rejects, and those whose best label is out of scope or a control intent, are not in the bins:
 * the rule sends them to the fallback or acts on them by their own measure (see {@link RoutingRule}).
 */
public final class RoutingTuner {
    static final double BIN = 0.05;
    static final int MIN_EXAMPLES = 10;
    /** The least share of right direct routes in every bin of the direct band. */
    public static final double DIRECT_PRECISION = 0.90;
    /** The least share of offers whose first button is right, in every bin of the offer band. */
    public static final double OFFER_HITS = 0.50;
    /** The least share of second buttons that are right, in every bin of the second button's probability. */
    public static final double SECOND_HITS = 0.25;
    /** How the rule is chosen, as the model's fingerprint records it: a change of method retrains. */
    static final String METHOD = "bins" + BIN + ",min" + MIN_EXAMPLES + ",direct" + DIRECT_PRECISION + ",offer"
            + OFFER_HITS + ",second" + SECOND_HITS + ",max" + RoutingRule.MAX_OFFERS;

    private RoutingTuner() {}

    /**
     * One bin of a curve: the messages whose best probability is in {@code [from, from + 0.05)} (the top bin
     * includes 1) and how many of them were right (a direct route) or offered the right intent (an offer).
     */
    public record Bin(double from, int examples, int right) {
        /** The share right, NaN when the bin is empty. */
        public double share() {
            return examples == 0 ? Double.NaN : (double) right / examples;
        }

        /** Whether the bin has enough messages to be judged. */
        public boolean judged() {
            return examples >= MIN_EXAMPLES;
        }
    }

    /**
     * The chosen rule and the curves it was read from (from the top bin down), for reports: {@code direct} and
     * {@code offer} by the best probability, {@code second} by the second button's.
     */
    public record Tuning(RoutingRule rule, List<Bin> direct, List<Bin> offer, List<Bin> second) {
        public Tuning {
            direct = List.copyOf(direct);
            offer = List.copyOf(offer);
            second = List.copyOf(second);
        }
    }

    /** Tunes on {@code validation}, classified by {@code model}'s runtime, after its out-of-scope rule. */
    public static Tuning tune(IntentModel model, List<LabeledText> validation) {
        TextCategorizer c = new TextCategorizer(model);
        String[] gold = new String[validation.size()];
        double[][] probs = new double[validation.size()][];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = validation.get(i).label();
            probs[i] = c.probabilities(validation.get(i).text());
        }
        return tune(gold, probs, model.labels(), model.outOfScopeRule());
    }

    /** Tunes on precomputed probabilities ({@code probs[i]} in {@code labels} order, e.g. out-of-fold answers). */
    public static Tuning tune(String[] gold, double[][] probs, List<String> labels, OutOfScopeRule oos) {
        List<Answer> answers = new ArrayList<>(gold.length);
        for (int i = 0; i < gold.length; i++) {
            answers.add(Answer.of(gold[i], probs[i], labels, oos));
        }
        int bins = (int) Math.round(1 / BIN);
        List<Bin> directCurve = new ArrayList<>();
        int directBin = bins;
        for (int b = bins - 1; b >= 0; b--) {
            Bin bin = directBin(answers, b, bins);
            directCurve.add(bin);
            if (bin.judged() && bin.share() < DIRECT_PRECISION) {
                break;
            }
            directBin = b;
        }
        int offerBin = directBin;
        while (offerBin > 0 && offerBandHolds(answers, offerBin - 1, directBin)) {
            offerBin--;
        }
        List<Bin> offerCurve = new ArrayList<>();
        for (int b = directBin - 1; b >= Math.max(0, offerBin - 1); b--) {
            offerCurve.add(offerBin(answers, b, edge(offerBin == 0 || b >= offerBin ? offerBin : b)));
        }
        List<Bin> secondCurve = new ArrayList<>();
        int secondBin = offerBin;
        for (int b = offerBin - 1; b >= 0; b--) {
            Bin bin = secondBin(answers, b, bins, edge(offerBin), edge(directBin));
            secondCurve.add(bin);
            if (bin.judged() && bin.share() < SECOND_HITS) {
                break;
            }
            secondBin = b;
        }
        RoutingRule rule = new RoutingRule(edge(directBin), edge(offerBin), edge(secondBin));
        return new Tuning(rule, directCurve, offerCurve, secondCurve);
    }

    /**
     * The messages of the offer band ({@code offer <= p1 < direct}, first button offered) whose next likeliest
     * exercise intent has a probability in bin {@code b}, and how many of them it is right for.
     */
    private static Bin secondBin(List<Answer> answers, int b, int bins, double offer, double direct) {
        int n = 0;
        int right = 0;
        for (Answer a : answers) {
            if (!a.actsOn() || IntentTaxonomy.CONTROL.contains(a.best()) || a.p1() < offer || a.p1() >= direct) {
                continue;
            }
            List<String> two = RoutingRule.offers(a.ranked(), offer, 0);
            if (two.size() < 2) {
                continue;
            }
            double q = a.ranked().stream()
                    .filter(s -> s.intent().equals(two.get(1)))
                    .findFirst()
                    .orElseThrow()
                    .probability();
            if (Math.min(bins - 1, (int) Math.floor(q / BIN + 1e-9)) == b) {
                n++;
                if (two.get(1).equals(a.gold())) {
                    right++;
                }
            }
        }
        return new Bin(edge(b), n, right);
    }

    /** Whether every judged bin from {@code low} up to (not including) {@code directBin} holds with edge {@code low}. */
    private static boolean offerBandHolds(List<Answer> answers, int low, int directBin) {
        for (int b = low; b < directBin; b++) {
            Bin bin = offerBin(answers, b, edge(low));
            if (bin.judged() && bin.share() < OFFER_HITS) {
                return false;
            }
        }
        return true;
    }

    private static Bin directBin(List<Answer> answers, int b, int bins) {
        int n = 0;
        int right = 0;
        for (Answer a : answers) {
            if (a.actsOn() && IntentTaxonomy.startsExercise(a.best()) && a.inBin(b, bins)) {
                n++;
                if (a.best().equals(a.gold())) {
                    right++;
                }
            }
        }
        return new Bin(edge(b), n, right);
    }

    /** The messages of bin {@code b} whose likeliest exercise intent reaches {@code least}, and how often it is right. */
    private static Bin offerBin(List<Answer> answers, int b, double least) {
        int bins = (int) Math.round(1 / BIN);
        int n = 0;
        int right = 0;
        for (Answer a : answers) {
            if (!a.actsOn() || IntentTaxonomy.CONTROL.contains(a.best()) || !a.inBin(b, bins)) {
                continue;
            }
            List<String> first = RoutingRule.offers(a.ranked(), least, Double.POSITIVE_INFINITY);
            if (!first.isEmpty()) {
                n++;
                if (first.get(0).equals(a.gold())) {
                    right++;
                }
            }
        }
        return new Bin(edge(b), n, right);
    }

    private static double edge(int b) {
        return b * Math.round(BIN * 100) / 100.0;
    }

    /**
     * One validation message as the rule sees it.
     *
     * @param actsOn false when the out-of-scope rule rejects it or its best label is out of scope
     */
    private record Answer(String gold, String best, double p1, List<Classification.Scored> ranked, boolean actsOn) {
        static Answer of(String gold, double[] p, List<String> labels, OutOfScopeRule oos) {
            Integer[] order = new Integer[p.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> {
                int c = Double.compare(p[y], p[x]);
                return c != 0 ? c : Integer.compare(x, y);
            });
            List<Classification.Scored> ranked = new ArrayList<>(p.length);
            for (Integer i : order) {
                ranked.add(new Classification.Scored(labels.get(i), p[i]));
            }
            String best = labels.get(order[0]);
            double p1 = p[order[0]];
            double p2 = order.length > 1 ? p[order[1]] : 0;
            boolean actsOn = !best.equals(oos.label()) && !oos.rejects(best, p1, p2);
            return new Answer(gold, best, p1, ranked, actsOn);
        }

        boolean inBin(int b, int bins) {
            int of = Math.min(bins - 1, (int) Math.floor(p1 / BIN + 1e-9));
            return of == b;
        }
    }
}
