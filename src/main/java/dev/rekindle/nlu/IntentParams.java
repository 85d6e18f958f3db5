package dev.rekindle.nlu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything that decides what a trained model is: the text {@link Pipeline} and the trainer's settings. Written
 * as {@code key=value} pairs separated by commas (see {@link #toString()}), which is also what the model file and
 * the fingerprint store, and what {@code rekindle nlu train -P} and {@code cv -P} accept.
 *
 * @param pipeline   normalisation and features
 * @param algorithm  OpenNLP trainer: {@code MAXENT_QN} (L-BFGS maximum entropy with L1/L2 regularisation),
 *                   {@code MAXENT} (GIS), {@code PERCEPTRON} or {@code NAIVEBAYES}
 * @param iterations trainer iterations
 * @param cutoff     a feature must occur at least this often in the training data (0 or 1 keep all)
 * @param l1         L1 cost ({@code MAXENT_QN} only)
 * @param l2         L2 cost ({@code MAXENT_QN} only)
 * @param threads    trainer threads ({@code MAXENT_QN} and {@code MAXENT}); not part of the fingerprint
 */
public record IntentParams(
        Pipeline pipeline, String algorithm, int iterations, int cutoff, double l1, double l2, int threads) {

    public static final List<String> ALGORITHMS = List.of("MAXENT_QN", "MAXENT", "PERCEPTRON", "NAIVEBAYES");

    /**
     * The defaults, chosen by cross-validation ({@code rekindle nlu train --grid}); docs/nlu.md shows the last
     * run, in which every setting within one fold spread of these was a tie.
     */
    public static IntentParams defaults() {
        return new IntentParams(new Pipeline(true, true, true, true, true, 2, 3, 5), "MAXENT_QN", 200, 1, 0.0, 0.5, 1);
    }

    public IntentParams {
        if (pipeline == null) {
            throw new IllegalArgumentException("pipeline must not be null");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS + ": " + algorithm);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        if (cutoff < 0) {
            throw new IllegalArgumentException("cutoff must not be negative: " + cutoff);
        }
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("l1 and l2 must not be negative: " + l1 + ", " + l2);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
    }

    public IntentParams withPipeline(Pipeline p) {
        return new IntentParams(p, algorithm, iterations, cutoff, l1, l2, threads);
    }

    public IntentParams withThreads(int t) {
        return new IntentParams(pipeline, algorithm, iterations, cutoff, l1, l2, t);
    }

    /** The canonical form, without {@code threads}: what the fingerprint hashes. */
    public String canonical() {
        Pipeline p = pipeline;
        return "algorithm=" + algorithm + ",iterations=" + iterations + ",cutoff=" + cutoff
                + ",l1=" + num(l1) + ",l2=" + num(l2)
                + ",accents=" + p.foldAccents() + ",repeats=" + p.squeezeRepeats() + ",digits=" + p.foldDigits()
                + ",words=" + p.words() + ",stems=" + p.stems() + ",ngrams=" + p.ngrams() + ",chars=" + p.charsSpec();
    }

    @Override
    public String toString() {
        return canonical() + ",threads=" + threads;
    }

    /**
     * {@code base} with the given {@code key=value} pairs (comma-separated) changed; keys as in {@link #toString()}.
     * An unknown key or a bad value is an {@link IllegalArgumentException} naming it.
     */
    public static IntentParams parse(String spec, IntentParams base) {
        Draft d = new Draft(base);
        for (Map.Entry<String, String> e : pairs(spec).entrySet()) {
            d.set(e);
        }
        return d.build();
    }

    /** The {@code key=value} pairs of {@code spec}, keys in lower case, in order; a part without '=' is rejected. */
    private static Map<String, String> pairs(String spec) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) { // empty parts ("a=1,,b=2," or "") are skipped below
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("write parameters as key=value: '" + s + "'");
            }
            kv.put(
                    s.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                    s.substring(eq + 1).strip());
        }
        return kv;
    }

    /** The parameters being parsed: those of the base, changed one pair at a time. */
    private static final class Draft {
        private boolean accents;
        private boolean repeats;
        private boolean digits;
        private boolean words;
        private boolean stems;
        private int ngrams;
        private int cmin;
        private int cmax;
        private String algorithm;
        private int iterations;
        private int cutoff;
        private double l1;
        private double l2;
        private int threads;

        Draft(IntentParams base) {
            Pipeline p = base.pipeline;
            accents = p.foldAccents();
            repeats = p.squeezeRepeats();
            digits = p.foldDigits();
            words = p.words();
            stems = p.stems();
            ngrams = p.ngrams();
            cmin = p.charMin();
            cmax = p.charMax();
            algorithm = base.algorithm;
            iterations = base.iterations;
            cutoff = base.cutoff;
            l1 = base.l1;
            l2 = base.l2;
            threads = base.threads;
        }

        void set(Map.Entry<String, String> e) {
            switch (e.getKey()) {
                case "algorithm" -> algorithm = e.getValue().toUpperCase(Locale.ROOT);
                case "iterations" -> iterations = integer(e);
                case "cutoff" -> cutoff = integer(e);
                case "l1" -> l1 = decimal(e);
                case "l2" -> l2 = decimal(e);
                case "threads" -> threads = integer(e);
                case "accents" -> accents = bool(e);
                case "repeats" -> repeats = bool(e);
                case "digits" -> digits = bool(e);
                case "words" -> words = bool(e);
                case "stems" -> stems = bool(e);
                case "ngrams" -> ngrams = integer(e);
                case "chars" -> chars(e.getValue());
                default ->
                    throw new IllegalArgumentException("unknown parameter '" + e.getKey() + "' (known: "
                            + "algorithm, iterations, cutoff, l1, l2, threads, accents, repeats, digits, words, stems, "
                            + "ngrams, chars)");
            }
        }

        /** {@code MIN-MAX}, {@code N} (MIN = MAX = N), or {@code off} / {@code 0}. */
        private void chars(String v) {
            if (v.equals("off") || v.equals("0")) {
                cmin = 0;
                cmax = 0;
                return;
            }
            // exactly N or MIN-MAX: "4-" and "3-5-7" are refused, not read as 4 and 3-5
            String[] mm = v.split("-", -1);
            if (mm.length <= 2) {
                try {
                    cmin = Integer.parseInt(mm[0]);
                    cmax = mm.length == 2 ? Integer.parseInt(mm[1]) : cmin;
                    return;
                } catch (NumberFormatException ex) {
                    // refused below
                }
            }
            throw new IllegalArgumentException("chars takes MIN-MAX or off: '" + v + "'");
        }

        IntentParams build() {
            return new IntentParams(
                    new Pipeline(accents, repeats, digits, words, stems, ngrams, cmin, cmax),
                    algorithm,
                    iterations,
                    cutoff,
                    l1,
                    l2,
                    threads);
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e9 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static int integer(Map.Entry<String, String> e) {
        try {
            return Integer.parseInt(e.getValue());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(e.getKey() + " takes a whole number: '" + e.getValue() + "'");
        }
    }

    private static double decimal(Map.Entry<String, String> e) {
        try {
            return Double.parseDouble(e.getValue());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(e.getKey() + " takes a number: '" + e.getValue() + "'");
        }
    }

    private static boolean bool(Map.Entry<String, String> e) {
        String v = e.getValue().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("on") || v.equals("yes") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("off") || v.equals("no") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(e.getKey() + " takes true or false: '" + e.getValue() + "'");
    }
}
