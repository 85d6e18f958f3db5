package dev.rekindle.app;

import dev.rekindle.nlu.safety.SafetyEvaluation;
import java.io.PrintWriter;
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
}
