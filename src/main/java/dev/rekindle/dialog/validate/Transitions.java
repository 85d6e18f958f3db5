package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every state a state may lead to, with where the target was written and how to name it in a message.
 * The one list serves both the "does the target exist" check and reachability, so they cannot disagree.
 */
final class Transitions {

    /** {@code what} + " " + {@code verb} + " 'target'" reads as a sentence, e.g. "button 1 of state 'ask' goes to 'x'". */
    record Transition(String target, String what, String verb, List<Object> path) {}

    private final String state;
    private final List<Transition> out = new ArrayList<>();

    private Transitions(String state) {
        this.state = state;
    }

    static List<Transition> of(State s) {
        Transitions t = new Transitions(s.name());
        t.step(s.step());
        return t.out;
    }

    private void add(String target, String what, String verb, Object... tail) {
        if (target == null) {
            return; // already reported as missing
        }
        Object[] path = new Object[tail.length + 2];
        path[0] = "states";
        path[1] = state;
        System.arraycopy(tail, 0, path, 2, tail.length);
        out.add(new Transition(target, what, verb, Texts.pathOf(path)));
    }

    private String in(String what) {
        return what + " in state '" + state + "'";
    }

    private void timer(Timer timer, Object... owner) {
        if (timer == null) {
            return;
        }
        Object[] path = new Object[owner.length + 2];
        System.arraycopy(owner, 0, path, 0, owner.length);
        path[owner.length] = "timer";
        path[owner.length + 1] = "to";
        add(timer.to(), in("the timer"), "goes to", path);
    }

    private void step(Step step) {
        if (step instanceof Step.Goto g) {
            add(g.to(), "state '" + state + "'", "goes to", "to");
        } else if (step instanceof Step.Wait w) {
            waiting(w);
        } else if (step instanceof Step.Branch b) {
            for (int i = 0; i < b.cases().size(); i++) {
                add(b.cases().get(i).to(), in("case " + (i + 1) + " of the branch"), "goes to", "branch", i, "to");
            }
            add(
                    b.otherwise(),
                    in("the else of the branch"),
                    "goes to",
                    "branch",
                    b.cases().size(),
                    "else");
        } else if (step instanceof Step.Call c) {
            add(c.returnTo(), in("the call"), "returns to", "call", "return_to");
        } else if (step instanceof Step.AssignRoles a) {
            add(a.to(), in("assign_roles"), "goes to", "assign_roles", "to");
            timer(a.timer(), "assign_roles");
        } else if (step instanceof Step.Rendezvous r) {
            add(r.to(), in("the rendezvous"), "goes to", "rendezvous", "to");
            timer(r.timer(), "rendezvous");
        } else if (step instanceof Step.Share s) {
            add(s.yes(), in("the share"), "goes on yes to", "share", "yes");
            add(s.no(), in("the share"), "goes on no to", "share", "no");
            add(s.noPartner(), in("the share"), "goes without a partner to", "share", "no_partner");
            timer(s.timer(), "share");
        } else if (step instanceof Step.End e && e.followUp() != null) {
            add(e.followUp().to(), in("the follow_up"), "comes back to", "follow_up", "to");
        }
    }

    private void waiting(Step.Wait w) {
        for (int i = 0; i < w.buttons().size(); i++) {
            Button b = w.buttons().get(i);
            add(
                    b.to(),
                    in("button " + (i + 1) + (b.label() == null ? "" : " ('" + b.label() + "')")),
                    "goes to",
                    "buttons",
                    i,
                    "to");
        }
        TextHandler text = w.text();
        if (text instanceof TextHandler.Capture c) {
            add(c.to(), in("the capture"), "goes to", "capture", "to");
        } else if (text instanceof TextHandler.Routes r) {
            for (Map.Entry<String, String> e : r.byIntent().entrySet()) {
                add(e.getValue(), in("route '" + e.getKey() + "'"), "goes to", "routes", e.getKey());
            }
            add(r.fallback(), in("the routes fallback"), "goes to", "routes", "fallback");
        } else if (text instanceof TextHandler.AnyText a) {
            add(a.to(), in("any_text"), "goes to", "any_text");
        }
        timer(w.timer());
    }
}
