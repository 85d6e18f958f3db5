package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles of a dialog for two (speaker and listener, say): assigned at random, in turn, or chosen by a press;
 * swapped by a state; and who may act in a state that names a role. Keeps, by dialog, who had the first role last.
 */
final class Roles {
    private final Turn t;
    private final Map<String, Partner> firstRole;

    /** {@code firstRole} is the turn's working copy of {@link Session#firstRole}. */
    Roles(Turn t, Map<String, Partner> firstRole) {
        this.t = t;
        this.firstRole = firstRole;
    }

    Map<String, Partner> firstRole() {
        return firstRole;
    }

    void enter(Chat chat, Step.AssignRoles ar) {
        Run run = t.runs.get(chat);
        if (ar.method() == Step.RoleAssignment.CHOSEN) {
            ask(chat, run, ar);
            return;
        }
        Partner first;
        if (ar.method() == Step.RoleAssignment.ALTERNATE
                && firstRole.containsKey(run.top().dialog())) {
            first = firstRole.get(run.top().dialog()).other();
        } else {
            first = t.rng.nextInt(2) == 0 ? Partner.A : Partner.B;
        }
        assign(chat, first);
        t.enter(chat, ar.to());
    }

    /** Who takes the first role, as a button per partner. */
    private void ask(Chat chat, Run run, Step.AssignRoles ar) {
        Frame frame = run.top();
        long msg = t.nextSeq();
        List<Action.ButtonOut> buttons = new ArrayList<>();
        for (Partner p : Partner.values()) {
            buttons.add(Rendering.button(t.original.name(p), frame, p.name(), msg));
        }
        String html = t.rendering.render(
                t.rendering.authoredOr(ar.ask(), "use_buttons"),
                Rendering.variantKey(frame, "ask"),
                t.rendering.ctx(chat, run.lastActor()));
        String ref = t.rendering.sendWithButtons(chat, msg, html, buttons);
        t.runs.put(chat, run.withTop(frame.withButtonsRef(ref)));
        if (ar.timer() != null) {
            t.timers.schedule(chat, frame.step(), ar.timer(), false);
        }
    }

    void press(Chat runChat, State state, Partner from, Chat chat, Step.AssignRoles roles, CallbackData cb) {
        if (!allows(t.runs.get(runChat), state.actor(), from, chat)) {
            return;
        }
        Partner first = "A".equals(cb.choice()) ? Partner.A : Partner.B;
        t.emit(new Action.CloseButtons(chat, cb.ref(), t.answerShown(chat, from, t.original.name(first))));
        assign(runChat, first);
        t.putTop(runChat, t.runs.get(runChat).top(), from);
        t.enter(runChat, roles.to());
    }

    private void assign(Chat chat, Partner first) {
        Run run = t.runs.get(chat);
        Dialog dialog = t.dialogOf(run.top());
        List<String> names = rolesOf(run);
        if (names.size() != 2) {
            return;
        }
        Map<String, Partner> roles = new LinkedHashMap<>();
        roles.put(names.get(0), first);
        roles.put(names.get(1), first.other());
        firstRole.put(dialog.id(), first);
        t.runs.put(chat, run.withRoles(roles));
    }

    /** Roles are declared by the run's bottom dialog; a called dialog shares them. */
    List<String> rolesOf(Run run) {
        for (int i = run.stack().size() - 1; i >= 0; i--) {
            List<String> r = t.dialogOf(run.stack().get(i)).roles();
            if (!r.isEmpty()) {
                return r;
            }
        }
        return List.of();
    }

    /** The roles the other way round, for a state with {@code swap_roles}; unchanged unless there are two. */
    static Map<String, Partner> swapped(Map<String, Partner> roles) {
        if (roles.size() != 2) {
            return roles;
        }
        Map<String, Partner> swapped = new LinkedHashMap<>();
        for (Map.Entry<String, Partner> e : roles.entrySet()) {
            swapped.put(e.getKey(), e.getValue().other());
        }
        return swapped;
    }

    boolean mayAct(Run run, State state, Partner from) {
        return mayAct(run, state.actor(), from);
    }

    /**
     * Whether {@code actor} (a state's or a button's) lets {@code from} act: null and {@code any} let either partner,
     * {@code A} and {@code B} that partner, a role whoever holds it (either partner before the roles are given).
     */
    static boolean mayAct(Run run, String actor, Partner from) {
        if (actor == null || Button.ANY.equals(actor)) {
            return true;
        }
        for (Partner p : Partner.values()) {
            if (p.name().equals(actor)) {
                return from == p;
            }
        }
        Partner holder = run.roles().get(actor);
        return holder == null || holder == from;
    }

    /** Whether {@code actor} lets {@code from} act; when not, they are told it is not their turn. */
    boolean allows(Run run, String actor, Partner from, Chat chat) {
        if (mayAct(run, actor, from)) {
            return true;
        }
        t.refuse(chat, Action.Refusal.Reason.NOT_YOUR_TURN);
        return false;
    }
}
