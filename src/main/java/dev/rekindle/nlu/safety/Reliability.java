package dev.rekindle.nlu.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the safety model's probability of a concern says how often a line is a disclosure: the lines of three
 * words or more (the model is not asked about shorter ones) in ten bins of its probability, raw and calibrated. A
 * well calibrated model has, in each bin, a share of disclosures close to the bin's mean probability.
 *
 * @param raw        the maxent model's own probabilities
 * @param calibrated the same lines with the model's {@link SafetyCalibration}
 * @param lines      how many lines were measured
 */
public record Reliability(List<Bin> raw, List<Bin> calibrated, int lines) {
    private static final int BINS = 10;

    public Reliability {
        raw = List.copyOf(raw);
        calibrated = List.copyOf(calibrated);
    }

    /**
     * The lines whose probability is in {@code [from, to)} (the last bin includes 1).
     *
     * @param lines how many
     * @param meanP their mean probability
     * @param share the share of them that are disclosures
     */
    public record Bin(double from, double to, int lines, double meanP, double share) {}

    /** The reliability of {@code model} (calibrated) on the labelled {@code lines}. */
    public static Reliability of(SafetyModel model, List<SafetyEvaluation.Line> lines) {
        List<double[]> raw = new ArrayList<>();
        List<double[]> calibrated = new ArrayList<>();
        for (SafetyEvaluation.Line l : lines) {
            if (LexiconWords.of(l.text()).size() < SafetyCalibration.MIN_WORDS) {
                continue;
            }
            double disclosure = l.expected() != null ? 1 : 0;
            raw.add(new double[] {model.uncalibrated(l.text()).concern(), disclosure});
            calibrated.add(new double[] {model.opinion(l.text()).concern(), disclosure});
        }
        return new Reliability(bins(raw), bins(calibrated), raw.size());
    }

    private static List<Bin> bins(List<double[]> scored) {
        double[] sumP = new double[BINS];
        double[] sumY = new double[BINS];
        int[] n = new int[BINS];
        for (double[] s : scored) {
            int b = Math.min(BINS - 1, (int) (s[0] * BINS));
            sumP[b] += s[0];
            sumY[b] += s[1];
            n[b]++;
        }
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            out.add(new Bin(
                    (double) b / BINS,
                    (double) (b + 1) / BINS,
                    n[b],
                    n[b] == 0 ? Double.NaN : sumP[b] / n[b],
                    n[b] == 0 ? Double.NaN : sumY[b] / n[b]));
        }
        return out;
    }

    /**
     * The expected calibration error of {@code bins}: the mean, weighted by lines, of how far each bin's share of
     * disclosures is from its mean probability (0 is perfect).
     */
    public static double error(List<Bin> bins) {
        double sum = 0;
        int total = 0;
        for (Bin b : bins) {
            if (b.lines() > 0) {
                sum += b.lines() * Math.abs(b.meanP() - b.share());
                total += b.lines();
            }
        }
        return total == 0 ? Double.NaN : sum / total;
    }
}
