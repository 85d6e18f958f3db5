package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.ShareTarget;
import java.util.Locale;
import java.util.function.Function;

/** Evaluates a condition against the values of a run. Numbers compare as numbers, everything else as text. */
final class Conditions {
    /** Whether an answer's author agreed to show it (to that audience, or to anyone when null). */
    @FunctionalInterface
    interface Agreements {
        boolean agreed(Ref answer, ShareTarget to);
    }

    private final Function<Ref, String> values;
    private final Agreements agreements;
    private final java.util.function.Predicate<Boolean> pauseState;

    /** {@code pauseState.test(false)}: paused(me); {@code test(true)}: resuming(me). */
    Conditions(Function<Ref, String> values, Agreements agreements, java.util.function.Predicate<Boolean> pauseState) {
        this.values = values;
        this.agreements = agreements;
        this.pauseState = pauseState;
    }

    boolean test(Condition c) {
        if (c instanceof Condition.Or o) {
            return test(o.left()) || test(o.right());
        }
        if (c instanceof Condition.And a) {
            return test(a.left()) && test(a.right());
        }
        if (c instanceof Condition.Not n) {
            return !test(n.inner());
        }
        if (c instanceof Condition.Shared sh) {
            return agreements.agreed(sh.answer(), sh.to());
        }
        if (c instanceof Condition.PauseState p) {
            return pauseState.test(p.resuming());
        }
        if (c instanceof Condition.Truthy t) {
            String v = value(t.operand()).trim().toLowerCase(Locale.ROOT);
            return !(v.isEmpty() || v.equals("0") || v.equals("no") || v.equals("false"));
        }
        Condition.Compare cmp = (Condition.Compare) c;
        String l = value(cmp.left());
        String r = value(cmp.right());
        Double ln = number(l);
        Double rn = number(r);
        // numbers compare as numbers; ordering other text is rarely meant, and a never-set (empty) value sorts first
        int k = ln != null && rn != null ? Double.compare(ln, rn) : l.compareToIgnoreCase(r);
        return switch (cmp.op()) {
            case "==" -> k == 0;
            case "!=" -> k != 0;
            case "<" -> k < 0;
            case "<=" -> k <= 0;
            case ">" -> k > 0;
            default -> k >= 0;
        };
    }

    private String value(Condition.Operand o) {
        if (o instanceof Condition.Literal lit) {
            return lit.value();
        }
        String v = values.apply(((Condition.RefOperand) o).ref());
        return v == null ? "" : v;
    }

    private static Double number(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
