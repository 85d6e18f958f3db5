package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Template;
import dev.rekindle.dialog.model.Timer;
import dev.rekindle.dialog.model.TimerLength;
import java.util.List;
import java.util.Map;

/**
 * Timer lengths written with a variable, {@code after: "{minutes}m"}. What can be known before anyone
 * presses anything is checked here: one placeholder naming a variable of the dialog, declared under
 * {@code variables:} with a value that gives a duration (the length to fall back on), and every value a
 * state or a button sets it to giving a duration too. A counter is tried at 1.
 */
final class TimerLengthChecks {
    private static final String FORM = "write e.g. after: \"{minutes}m\", with minutes: 15 under variables:";
    private static final String DURATION = "a duration is a whole number and one unit s, m, h or d, e.g. 15m";

    private final Dialog d;
    private final Locations where;
    private final Problems problems;

    private TimerLengthChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
    }

    static void check(Dialog d, Locations where, Problems problems) {
        TimerLengthChecks c = new TimerLengthChecks(d, where, problems);
        for (State s : d.states().values()) {
            Step step = s.step();
            if (step instanceof Step.Wait w) {
                c.timer(w.timer(), s.name(), "states", s.name(), "timer", "after");
            } else if (step instanceof Step.AssignRoles a) {
                c.timer(a.timer(), s.name(), "states", s.name(), "assign_roles", "timer", "after");
            } else if (step instanceof Step.Rendezvous r) {
                c.timer(r.timer(), s.name(), "states", s.name(), "rendezvous", "timer", "after");
            } else if (step instanceof Step.Share sh) {
                c.timer(sh.timer(), s.name(), "states", s.name(), "share", "timer", "after");
            }
        }
    }

    private void timer(Timer t, String state, Object... path) {
        if (t == null || t.afterFrom() == null) {
            return;
        }
        String written = t.afterFrom();
        String what = "the timer 'after: " + written + "' in state '" + state + "'";
        Template parsed;
        try {
            parsed = Template.parse(written);
        } catch (Template.SyntaxException e) {
            problems.error(where.inValue(e.offset(), path), what + " cannot be read: " + e.getMessage(), FORM);
            return;
        }
        List<Template.Placeholder> holes = parsed.segments().stream()
                .filter(Template.Placeholder.class::isInstance)
                .map(Template.Placeholder.class::cast)
                .toList();
        if (holes.size() != 1 || holes.get(0).ref().who() != null) {
            Source at = where.inValue(
                    holes.isEmpty() ? 0 : holes.get(holes.size() > 1 ? 1 : 0).offset(), path);
            problems.error(at, what + " must name exactly one variable of the dialog, such as {minutes}", FORM);
            return;
        }
        String variable = holes.get(0).ref().field();
        Source at = where.inValue(holes.get(0).offset(), path);
        if (ReferenceChecks.captured(d).contains(variable)) {
            problems.error(
                    at,
                    what + " uses '" + variable + "', a partner's private answer; a timer cannot depend on it",
                    "let buttons set the length instead: - {label: \"20 minutes\", to: next, set: {" + variable
                            + ": 20}}");
            return;
        }
        String fallback = d.variables().get(variable);
        if (fallback == null) {
            problems.error(
                    at,
                    what + " uses '" + variable + "', which is not declared under variables:",
                    "declare it with the length to use when nothing else sets it, e.g. variables: {" + variable
                            + ": 15}");
        } else {
            value(
                    written,
                    variable,
                    fallback,
                    what,
                    "its default under variables:",
                    where.value("variables", variable));
        }
        settersOf(written, variable, what, at);
    }

    /** Every value a state or button sets the timer's variable to must give a length too. */
    private void settersOf(String written, String variable, String what, Source at) {
        for (State s : d.states().values()) {
            String set = s.set().get(variable);
            if (set != null) {
                value(
                        written,
                        variable,
                        set,
                        what,
                        "state '" + s.name() + "' sets it to",
                        where.value("states", s.name(), "set", variable));
            }
            if (s.increment().contains(variable)) {
                value(written, variable, "1", what, "state '" + s.name() + "' counts it up from", at);
            }
            if (s.step() instanceof Step.Wait w) {
                for (int i = 0; i < w.buttons().size(); i++) {
                    Button b = w.buttons().get(i);
                    String v = b.set().get(variable);
                    if (v != null) {
                        value(
                                written,
                                variable,
                                v,
                                what,
                                "button '" + b.label() + "' of state '" + s.name() + "' sets it to",
                                where.value("states", s.name(), "buttons", i, "set", variable));
                    }
                }
            }
        }
    }

    private void value(String written, String variable, String value, String what, String who, Source at) {
        if (TimerLength.fill(written, Map.of(variable, value)).isEmpty()) {
            String filled =
                    TimerLength.filledText(written, Map.of(variable, value)).orElse(written);
            problems.error(
                    at,
                    what + " would wait '" + filled + "', which is not a duration: " + who + " '" + value + "'",
                    DURATION);
        }
    }
}
