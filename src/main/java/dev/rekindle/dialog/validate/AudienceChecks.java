package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Template;
import dev.rekindle.dialog.model.Timer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What only works with the right people in the chat: a rendezvous needs both partners, so it hangs in a private
 * dialog; a message to the group is read by both, so "me", "partner" and an answer without its author name
 * nobody in particular there (the engine would pick whoever acted last).
 */
final class AudienceChecks {
    private final Dialog d;
    private final Locations where;
    private final Problems problems;
    /** Answers kept per person (capture, rendezvous) that are not also plain variables of the dialog. */
    private final Set<String> answersOnly;

    private AudienceChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
        this.answersOnly = answersOnly(d);
    }

    static void check(Dialog d, Locations where, Problems problems) {
        AudienceChecks c = new AudienceChecks(d, where, problems);
        for (State s : d.states().values()) {
            if (d.audience() == Audience.PRIVATE && s.step() instanceof Step.Rendezvous) {
                c.rendezvousInPrivate(s.name());
            } else if (d.audience() == Audience.GROUP) {
                c.groupMessages(s);
            }
        }
    }

    private void rendezvousInPrivate(String n) {
        problems.error(
                where.key("states", n, "rendezvous"),
                "state '" + n + "' has a rendezvous, but dialog '" + d.id() + "' is private: a rendezvous waits for"
                        + " both partners, and only the owner of this chat takes part, so it would wait forever",
                "make the dialog 'audience: group', where a rendezvous still asks each partner in their own private"
                        + " chat, or ask this one person with capture:");
    }

    /** The texts of a group dialog that go to the group with nobody in particular as "me". */
    private void groupMessages(State s) {
        String n = s.name();
        String in = " in state '" + n + "'";
        read(s.say(), "the message of state '" + n + "'", "states", n, "say");
        Step step = s.step();
        if (step instanceof Step.Wait w) {
            nudge(w.timer(), in, "states", n);
        } else if (step instanceof Step.AssignRoles a) {
            read(a.ask(), "the question of assign_roles" + in, "states", n, "assign_roles", "ask");
            nudge(a.timer(), in, "states", n, "assign_roles");
        } else if (step instanceof Step.Rendezvous r && r.in() == Step.AnswerPlace.GROUP) {
            read(r.ask(), "the question of the rendezvous" + in, "states", n, "rendezvous", "ask");
        }
    }

    private void nudge(Timer t, String in, Object... owner) {
        if (t != null) {
            read(t.nudge(), "the timer nudge" + in, Texts.append(owner, "timer", "nudge"));
        }
    }

    private void read(Message m, String what, Object... path) {
        for (Texts.Text t : Texts.variants(m, what, where, false, path)) {
            Template parsed;
            try {
                parsed = Template.parse(t.text());
            } catch (Template.SyntaxException e) {
                continue; // reported with the other placeholder checks
            }
            for (Template.Segment seg : parsed.segments()) {
                if (seg instanceof Template.Placeholder p) {
                    placeholder(p, t);
                }
            }
        }
    }

    private void placeholder(Template.Placeholder p, Texts.Text t) {
        Ref r = p.ref();
        String lead = "'{" + r + "}' in " + t.what() + " goes to the group, which both partners read, so ";
        if ("me".equals(r.who()) || "partner".equals(r.who())) {
            problems.error(
                    where.inValue(p.offset(), t.path().toArray()),
                    lead + "'" + r.who() + "' names nobody in particular",
                    "write " + forEach(r.field()) + ", or {actor." + r.field() + "} for whoever tapped or wrote last");
        } else if (r.who() == null && answersOnly.contains(r.field())) {
            problems.error(
                    where.inValue(p.offset(), t.path().toArray()),
                    lead + "it does not say whose answer '" + r.field() + "' to show",
                    "write " + forEach(r.field()));
        }
    }

    /** {@code {A.x} and {B.x}}, with a role's form when the dialog has roles. */
    private String forEach(String field) {
        String both = "{A." + field + "} and {B." + field + "}";
        return d.roles().isEmpty()
                ? both
                : both + ", or a role's, such as {" + d.roles().get(0) + "." + field + "}";
    }

    private static Set<String> answersOnly(Dialog d) {
        Set<String> out = new LinkedHashSet<>(ReferenceChecks.captured(d));
        List<String> plain = new ArrayList<>(d.variables().keySet());
        for (State s : d.states().values()) {
            plain.addAll(s.set().keySet());
            plain.addAll(s.increment());
            if (s.step() instanceof Step.Wait w) {
                for (Button b : w.buttons()) {
                    plain.addAll(b.set().keySet());
                }
            }
        }
        out.removeAll(plain);
        return out;
    }
}
