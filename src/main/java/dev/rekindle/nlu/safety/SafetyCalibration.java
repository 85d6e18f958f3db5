package dev.rekindle.nlu.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the safety model's probability of a concern means on text it was not trained on: a Platt scaling,
 * {@code P = 1 / (1 + exp(-(slope * logit(raw) + intercept)))}, fitted on labelled lines held apart from the model's
 * training data (models/en/safety-calibration.txt). The raw maxent probability is over-confident (near misses with
 * "kill" or "hurt" get 0.8 and more); the detector compares the calibrated one with its thresholds. Two numbers keep
 * the order of the raw scores, and their resolution near 1, where an isotonic map fitted on a few thousand lines
 * would merge everything above 0.95 into one step.
 *
 * @param model     the fingerprint of the safety model it was fitted for: another model's scores mean other things
 * @param data      the SHA-256 of the lines it was fitted on, so that a changed set is fitted again
 * @param fittedOn  the folders of labelled lines it was fitted on, relative to the language folder
 * @param lines     how many lines (of three words or more: the model is only asked about those)
 * @param slope     the factor on the raw score's log-odds
 * @param intercept the shift of the log-odds
 */
public record SafetyCalibration(
        String model, String data, List<String> fittedOn, int lines, double slope, double intercept) {
    /** The file's name in a language folder and in the jar. */
    public static final String FILE = "safety-calibration.txt";

    /** The shortest line a calibration is fitted on: shorter ones are read by the lexicon alone. */
    static final int MIN_WORDS = 3;

    /** Raw probabilities are kept this far from 0 and 1, so that every score has finite log-odds. */
    private static final double EPS = 1e-6;

    public SafetyCalibration {
        fittedOn = List.copyOf(fittedOn);
        if (!(slope > 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException(
                    "a calibration needs a positive slope and a finite intercept, not " + slope + " and " + intercept);
        }
    }

    /** The calibrated probability of some concern for the model's raw {@code concern}. */
    public double concern(double raw) {
        double p = Math.min(Math.max(raw, EPS), 1 - EPS);
        return sigmoid(slope * Math.log(p / (1 - p)) + intercept);
    }

    /**
     * The model's opinion with a calibrated probability of a concern; the likeliest kind's probability keeps its
     * share of it.
     */
    public SafetyModel.Opinion apply(SafetyModel.Opinion raw) {
        if (raw.kind() == null) {
            return raw;
        }
        double concern = concern(raw.concern());
        double share = raw.concern() > 0 ? raw.p() / raw.concern() : 1;
        return new SafetyModel.Opinion(raw.kind(), concern * share, 1 - concern);
    }

    /**
     * The Platt scaling that best fits {@code raw} (the model's raw probabilities of a concern) to {@code concern}
     * (whether each line is a disclosure): logistic regression on the log-odds, by Newton's method with step halving.
     */
    public static SafetyCalibration fit(
            String model, String data, List<String> fittedOn, double[] raw, boolean[] concern) {
        int disclosures = 0;
        for (boolean c : concern) {
            disclosures += c ? 1 : 0;
        }
        if (raw.length != concern.length || disclosures == 0 || disclosures == raw.length) {
            throw new IllegalArgumentException(
                    "a calibration is fitted on disclosures and ordinary lines of three words"
                            + " or more, both: found " + disclosures + " disclosures in " + raw.length + " lines");
        }
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double p = Math.min(Math.max(raw[i], EPS), 1 - EPS);
            x[i] = Math.log(p / (1 - p));
        }
        double a = 0.1;
        double b = 0;
        for (int it = 0; it < 200; it++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double g = p - (concern[i] ? 1 : 0);
                double w = Math.max(p * (1 - p), 1e-12);
                ga += g * x[i];
                gb += g;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0)) {
                break; // every score the same: nothing more to learn from them
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double before = loss(a, b, x, concern);
            while (loss(a - step * da, b - step * db, x, concern) > before && step > 1e-6) {
                step /= 2;
            }
            a -= step * da;
            b -= step * db;
            if (Math.abs(step * da) + Math.abs(step * db) < 1e-10) {
                break;
            }
        }
        return new SafetyCalibration(model, data, fittedOn, raw.length, a, b);
    }

    private static double loss(double a, double b, double[] x, boolean[] y) {
        double l = 0;
        for (int i = 0; i < x.length; i++) {
            double p = sigmoid(a * x[i] + b);
            l -= Math.log(Math.max(y[i] ? p : 1 - p, 1e-300));
        }
        return l;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The file's text: what it is, then one {@code key: value} a line. */
    public String format() {
        return "# The safety model's calibration (docs/nlu.md, \"Calibration\"): P(concern) = 1 / (1 + exp(-(slope *\n"
                + "# logit(raw P) + intercept))), fitted on the labelled lines of the folders below, which the model\n"
                + "# never trained on. Written by the build when the safety model or those lines change: commit it\n"
                + "# with safety-model.bin. The detector's thresholds are calibrated probabilities.\n"
                + "model: " + model + "\n"
                + "data: " + data + "\n"
                + "fitted_on: " + String.join(" ", fittedOn) + "\n"
                + "lines: " + lines + "\n"
                + "slope: " + slope + "\n" // Double.toString: read back to the same double, as the jar reads it
                + "intercept: " + intercept + "\n";
    }

    /**
     * The calibration written in {@code text} ({@link #format()}); {@code name} names it in the message of the
     * {@link IllegalArgumentException} thrown when a key is missing or a value is not what it should be.
     */
    public static SafetyCalibration parse(String name, String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                problems.add(name + ":" + (i + 1) + ": write key: value, not '" + l + "'");
                continue;
            }
            kv.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
        }
        for (String key : List.of("model", "data", "fitted_on", "lines", "slope", "intercept")) {
            if (!kv.containsKey(key)) {
                problems.add(name + ": no '" + key + ":' line");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a safety calibration (" + String.join("; ", problems) + ")");
        }
        try {
            return new SafetyCalibration(
                    kv.get("model"),
                    kv.get("data"),
                    List.of(kv.get("fitted_on").split("\\s+")),
                    Integer.parseInt(kv.get("lines")),
                    Double.parseDouble(kv.get("slope")),
                    Double.parseDouble(kv.get("intercept")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not a safety calibration (" + name + ": lines, slope and intercept are numbers: " + e.getMessage()
                            + ")",
                    e);
        }
    }
}
