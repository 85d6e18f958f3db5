package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Every piece of text a dialog shows (messages and button labels) with its path and a name for it, so
 * that placeholder and size checks walk one list instead of knowing every step kind.
 */
final class Texts {

    /** One written text. {@code path} points at the scalar; {@code rolePlaceholders} allows {first}/{second}. */
    record Text(String text, String what, List<Object> path, boolean isLabel, boolean rolePlaceholders) {
        Text(String text, String what, Object[] path, boolean isLabel, boolean rolePlaceholders) {
            this(text, what, pathOf(path), isLabel, rolePlaceholders);
        }
    }

    /** An unmodifiable copy of a path (its keys and list indexes), for a record that holds one. */
    static List<Object> pathOf(Object... path) {
        return Collections.unmodifiableList(Arrays.asList(path.clone()));
    }

    private final Locations where;
    private final List<Text> out = new ArrayList<>();

    private Texts(Locations where) {
        this.where = where;
    }

    static List<Text> of(Dialog d, Locations where) {
        Texts t = new Texts(where);
        for (State s : d.states().values()) {
            t.state(s);
        }
        return t.out;
    }

    /** The variants of one message; a single variant written as a scalar sits at the path itself. */
    static List<Text> variants(Message m, String what, Locations where, boolean rolePlaceholders, Object... path) {
        List<Text> out = new ArrayList<>();
        if (m == null) {
            return out;
        }
        Object[] first = append(path, 0);
        boolean isList = where.has(first);
        for (int i = 0; i < m.variants().size(); i++) {
            Object[] p = isList ? append(path, i) : path;
            String name = m.variants().size() > 1 ? what + " (variant " + (i + 1) + ")" : what;
            out.add(new Text(m.variants().get(i), name, p, false, rolePlaceholders));
        }
        return out;
    }

    static Object[] append(Object[] path, Object... more) {
        Object[] p = new Object[path.length + more.length];
        System.arraycopy(path, 0, p, 0, path.length);
        System.arraycopy(more, 0, p, path.length, more.length);
        return p;
    }

    private void message(Message m, String what, Object... path) {
        out.addAll(variants(m, what, where, false, path));
    }

    private void label(String label, String what, Object... path) {
        if (label != null) {
            out.add(new Text(label, what, path, true, false));
        }
    }

    private void timer(Timer t, String state, Object... owner) {
        if (t != null) {
            message(
                    t.nudge(),
                    "the timer nudge in state '" + state + "'",
                    append(append(new Object[] {"states", state}, owner), "timer", "nudge"));
        }
    }

    private void state(State s) {
        String n = s.name();
        String in = " in state '" + n + "'";
        message(s.say(), "the message of state '" + n + "'", "states", n, "say");
        if (s.journal() != null) {
            message(s.journal().text(), "the journal text" + in, "states", n, "journal", "text");
        }
        if (s.reminder() != null) {
            reminder(s, n, in);
        }
        step(s.step(), n, in);
    }

    private void reminder(State s, String n, String in) {
        message(s.reminder().text(), "the reminder text" + in, "states", n, "reminder", "text");
        // the time and days are not shown, but their placeholders must name known variables all the same
        if (s.reminder().at() != null) {
            out.add(new Text(
                    s.reminder().at(),
                    "the reminder time" + in,
                    new Object[] {"states", n, "reminder", "at"},
                    false,
                    false));
        }
        List<String> days = s.reminder().days();
        boolean listed = where.has("states", n, "reminder", "days", 0);
        for (int i = 0; i < days.size() && where.has("states", n, "reminder", "days"); i++) {
            Object[] path = listed
                    ? new Object[] {"states", n, "reminder", "days", i}
                    : new Object[] {"states", n, "reminder", "days"};
            out.add(new Text(days.get(i), "the reminder days" + in, path, false, false));
        }
    }

    private void step(Step step, String n, String in) {
        if (step instanceof Step.Wait w) {
            for (int i = 0; i < w.buttons().size(); i++) {
                Button b = w.buttons().get(i);
                label(b.label(), "the label of button " + (i + 1) + in, "states", n, "buttons", i, "label");
            }
            if (w.text() instanceof TextHandler.Capture c) {
                message(c.invalid(), "the invalid message of the capture" + in, "states", n, "capture", "invalid");
            }
            timer(w.timer(), n);
        } else if (step instanceof Step.AssignRoles a) {
            out.addAll(variants(
                    a.ask(), "the question of assign_roles" + in, where, true, "states", n, "assign_roles", "ask"));
            timer(a.timer(), n, "assign_roles");
        } else if (step instanceof Step.Rendezvous r) {
            message(r.ask(), "the question of the rendezvous" + in, "states", n, "rendezvous", "ask");
            message(r.invalid(), "the invalid message of the rendezvous" + in, "states", n, "rendezvous", "invalid");
            message(r.waiting(), "the waiting message of the rendezvous" + in, "states", n, "rendezvous", "waiting");
            for (int i = 0; i < r.buttons().size(); i++) {
                label(
                        r.buttons().get(i).label(),
                        "the label of answer button " + (i + 1) + " of the rendezvous" + in,
                        "states",
                        n,
                        "rendezvous",
                        "buttons",
                        i,
                        "label");
            }
            if (r.consent() != null) {
                message(r.consent().ask(), "the consent question" + in, "states", n, "rendezvous", "consent", "ask");
                label(
                        r.consent().yesLabel(),
                        "the consent yes label" + in,
                        "states",
                        n,
                        "rendezvous",
                        "consent",
                        "yes");
                label(r.consent().noLabel(), "the consent no label" + in, "states", n, "rendezvous", "consent", "no");
            }
            timer(r.timer(), n, "rendezvous");
        } else if (step instanceof Step.Share sh) {
            message(sh.ask(), "the question of the share" + in, "states", n, "share", "ask");
            message(sh.deliver(), "the delivered message of the share" + in, "states", n, "share", "deliver");
            label(sh.yesLabel(), "the share yes_label" + in, "states", n, "share", "yes_label");
            label(sh.noLabel(), "the share no_label" + in, "states", n, "share", "no_label");
            timer(sh.timer(), n, "share");
        }
    }
}
