package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may press each button ({@code actor:} on a button): a role the dialog declares, {@code any} (either partner)
 * or a partner ({@code A}, {@code B}), and only in a group dialog, where two people see the same button.
 */
final class ButtonActorChecks {
    private final Dialog d;
    private final Locations where;
    private final Problems problems;

    private ButtonActorChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
    }

    static void check(Dialog d, Locations where, Problems problems) {
        ButtonActorChecks c = new ButtonActorChecks(d, where, problems);
        c.noRoleNamedAny();
        for (State s : d.states().values()) {
            if (s.step() instanceof Step.Wait wait) {
                for (int i = 0; i < wait.buttons().size(); i++) {
                    c.button(s, wait.buttons().get(i), i);
                }
            }
        }
    }

    private String dialogName() {
        return d.id() == null ? "this dialog" : "dialog '" + d.id() + "'";
    }

    /** {@code actor: any} on a button means either partner, so no role may be called that. */
    private void noRoleNamedAny() {
        int i = d.roles().indexOf(Button.ANY);
        if (i >= 0) {
            problems.error(
                    where.value("roles", i),
                    dialogName() + " declares a role named 'any', which a button's actor: any could not tell apart"
                            + " from either partner",
                    "name the role after what its holder does, e.g. roles: [speaker, listener]");
        }
    }

    private void button(State s, Button b, int i) {
        String actor = b.actor();
        if (actor == null) {
            return;
        }
        String which = "button '" + (b.label() == null ? i + 1 : b.label()) + "' in state '" + s.name() + "'";
        Source at = where.value("states", s.name(), "buttons", i, "actor");
        if (actor.isBlank()) {
            problems.error(at, "the actor of " + which + " is empty", "write a role, any, A or B, or remove actor:");
            return;
        }
        if (d.audience() == Audience.PRIVATE) {
            problems.error(
                    at,
                    which + " names actor '" + actor + "', but " + dialogName()
                            + " is private: only the chat's owner sees its buttons",
                    "remove actor: (it says which partner may press, in group dialogs)");
            return;
        }
        List<String> allowed = allowed();
        if (allowed.contains(actor)) {
            return;
        }
        if (d.roles().isEmpty() && !looksLikeAKeyword(actor)) {
            problems.error(
                    at,
                    which + " names actor '" + actor + "', but " + dialogName() + " declares no roles",
                    "use any, A or B, or declare roles: [speaker, listener]");
            return;
        }
        problems.error(
                at,
                "actor '" + actor + "' of " + which + " is not a role of " + dialogName() + ", any, A or B",
                Suggest.hint(actor, allowed, "an actor is one of"));
    }

    /** The roles, then any and the partners. */
    private List<String> allowed() {
        List<String> out = new ArrayList<>(d.roles());
        out.add(Button.ANY);
        for (Partner p : Partner.values()) {
            out.add(p.name());
        }
        return out;
    }

    /** A near miss of any, A or B ({@code Any}, {@code a}): worth a "did you mean" rather than "declare roles". */
    private static boolean looksLikeAKeyword(String actor) {
        return Suggest.closest(actor, List.of(Button.ANY, "A", "B")).isPresent();
    }
}
