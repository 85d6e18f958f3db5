package dev.rekindle.app;

import dev.rekindle.nlu.safety.Reliability;
import dev.rekindle.nlu.safety.SafetyCalibration;
import dev.rekindle.nlu.safety.SafetyEvaluation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** {@code nlu safety}'s printout: recall per kind, then what was raised on ordinary lines. */
final class SafetyReport {
    private SafetyReport() {}

    static void print(SafetyEvaluation.Report r, boolean list, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "disclosures: %d of %d get a flow or a check (%.1f%%)%n",
                r.caught(),
                r.disclosures(),
                100 * r.recall());
        o.printf(
                Locale.ROOT,
                "  %-16s %6s %6s %6s %7s %10s%n",
                "kind",
                "lines",
                "flows",
                "checks",
                "recall",
                "right kind");
        for (SafetyEvaluation.KindScore k : r.kinds()) {
            o.printf(
                    Locale.ROOT,
                    "  %-16s %6d %6d %6d %6.1f%% %10d%n",
                    k.kind().id(),
                    k.lines(),
                    k.flows(),
                    k.checks(),
                    100 * k.recall(),
                    k.rightKind());
            if (list) {
                k.missed().forEach(m -> o.println("      missed: " + m));
            }
        }
        for (SafetyEvaluation.OrdinaryScore s : r.ordinary()) {
            o.printf(
                    Locale.ROOT,
                    "%s: %d lines, flows %d (%.1f%%), checks %d (%.1f%%)%n",
                    s.group(),
                    s.lines(),
                    s.flows(),
                    100 * s.flowRate(),
                    s.checks(),
                    100 * s.checkRate());
            if (list) {
                s.flowed().forEach(m -> o.println("      flow " + m));
                s.checked().forEach(m -> o.println("      check " + m));
            }
        }
        o.flush();
    }

    /**
     * The reliability tables, raw then calibrated; {@code fittedOn} names the measured sets the calibration was
     * fitted on, whose calibrated table is then no fair measure of it.
     */
    static void printReliability(Reliability r, SafetyCalibration c, List<String> fittedOn, PrintWriter o) {
        o.printf(
                Locale.ROOT,
                "reliability of the safety model on %d lines of three words or more (calibration: slope %.3f,"
                        + " intercept %.3f, fitted on %d lines of %s)%n",
                r.lines(),
                c.slope(),
                c.intercept(),
                c.lines(),
                String.join(", ", c.fittedOn()));
        if (!fittedOn.isEmpty()) {
            o.println("  note: the calibration was fitted on " + String.join(", ", fittedOn)
                    + ": its table below is not a fair measure of it; measure it on other sets");
        }
        table("raw P(concern)", r.raw(), o);
        table("calibrated P(concern)", r.calibrated(), o);
        o.flush();
    }

    private static void table(String title, List<Reliability.Bin> bins, PrintWriter o) {
        o.printf(Locale.ROOT, "  %-22s %6s %7s %12s%n", title, "lines", "mean P", "disclosures");
        for (Reliability.Bin b : bins) {
            if (b.lines() == 0) {
                o.printf(Locale.ROOT, "  %.1f-%.1f %20d%n", b.from(), b.to(), 0);
            } else {
                o.printf(
                        Locale.ROOT,
                        "  %.1f-%.1f %20d %7.2f %12.2f%n",
                        b.from(),
                        b.to(),
                        b.lines(),
                        b.meanP(),
                        b.share());
            }
        }
        o.printf(Locale.ROOT, "  expected calibration error %.3f%n", Reliability.error(bins));
    }
}
