package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a reminder's placeholders must hold: the variable in {@code at} must be captured as a time of day (or set
 * to one), the variable in {@code days} set to day words; and {@code to: both} only in a group dialog, where both
 * partners chose the ritual together. The reminder text's placeholders are checked with every other text
 * ({@link ReferenceChecks}); literal times and day words were checked by the loader.
 */
final class ReminderChecks {
    private final Dialog d;
    private final Locations where;
    private final Problems problems;
    private final Set<String> times = new HashSet<>();

    private ReminderChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
        for (State s : d.states().values()) {
            if (s.step() instanceof Step.Wait w
                    && w.text() instanceof TextHandler.Capture c
                    && c.validation() instanceof Validation.TimeOfDay
                    && c.into() != null) {
                times.add(c.into());
            } else if (s.step() instanceof Step.Rendezvous r
                    && r.validation() instanceof Validation.TimeOfDay
                    && r.into() != null) {
                times.add(r.into());
            }
        }
    }

    static void check(Dialog d, Locations where, Problems problems) {
        ReminderChecks c = new ReminderChecks(d, where, problems);
        for (State s : d.states().values()) {
            if (s.reminder() != null) {
                c.reminder(s.name(), s.reminder());
            }
        }
    }

    private void reminder(String state, Reminder r) {
        String in = "the reminder of state '" + state + "'";
        if (r.to() == Reminder.Recipient.BOTH && d.audience() == Audience.PRIVATE) {
            problems.error(
                    where.value("states", state, "reminder", "to"),
                    in + " goes to both partners, but dialog '" + d.id()
                            + "' is private: the partner never chose this ritual",
                    "write to: me here; a reminder for both belongs in a group dialog, where both choose it");
        }
        if (r.at() != null && Reminder.isOnePlaceholder(r.at())) {
            String var = variable(r.at());
            if (ReferenceChecks.written(d).contains(var)
                    && !times.contains(var)
                    && setValues(var).stream().noneMatch(v -> Reminder.clock(v).isPresent())) {
                problems.error(
                        where.value("states", state, "reminder", "at"),
                        "'" + r.at().strip() + "' in " + in + " is not a time: variable '" + var
                                + "' is never captured with time_of_day: true",
                        "capture it with time_of_day: true, or set it to a time such as \"19:30\"");
            }
        }
        for (int i = 0; i < r.days().size(); i++) {
            String day = r.days().get(i);
            if (!Reminder.isOnePlaceholder(day)) {
                continue;
            }
            String var = variable(day);
            Object[] path = where.has("states", state, "reminder", "days", i)
                    ? new Object[] {"states", state, "reminder", "days", i}
                    : new Object[] {"states", state, "reminder", "days"};
            for (String v : setValues(var)) {
                if (Reminder.days(v).isEmpty() && !Reminder.isOnePlaceholder(v)) {
                    problems.error(
                            where.value(path),
                            "'" + day.strip() + "' in " + in + " may be '" + v + "', which is not a day",
                            "set '" + var + "' to " + Reminder.DAY_HINT);
                }
            }
        }
    }

    private static String variable(String placeholder) {
        String inner = placeholder.strip();
        return Ref.parse(inner.substring(1, inner.length() - 1)).field();
    }

    /** Every value the dialog gives {@code var} with set: (on a state, a button, or as a default). */
    private List<String> setValues(String var) {
        List<String> out = new ArrayList<>();
        Predicate<Map<String, String>> has = m -> m.containsKey(var);
        if (has.test(d.variables())) {
            out.add(d.variables().get(var));
        }
        for (State s : d.states().values()) {
            if (has.test(s.set())) {
                out.add(s.set().get(var));
            }
            if (s.step() instanceof Step.Wait w) {
                for (Button b : w.buttons()) {
                    if (has.test(b.set())) {
                        out.add(b.set().get(var));
                    }
                }
            }
        }
        return out;
    }
}
