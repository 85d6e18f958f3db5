package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Validation;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of one dialog as a state machine: names, roles, intents, that every target exists, that every
 * state can be reached and has a way out, and the rules of each step kind that the reader cannot see alone.
 */
final class StructureChecks {
    private static final String ROLES_HINT = "declare roles: [speaker, listener] (group dialogs only)";

    private final Dialog d;
    private final Locations where;
    private final Problems problems;

    private StructureChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
    }

    static void check(Dialog d, Locations where, Problems problems) {
        StructureChecks c = new StructureChecks(d, where, problems);
        c.id();
        c.triggers();
        c.roles();
        c.entryPoints();
        for (State s : d.states().values()) {
            c.state(s);
        }
        Reachability.check(d, problems);
    }

    private String dialogName() {
        return d.id() == null ? "this dialog" : "dialog '" + d.id() + "'";
    }

    private void id() {
        if (d.id() != null && !Names.DIALOG_ID.matcher(d.id()).matches()) {
            String lower = d.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            problems.error(
                    where.value("id"),
                    "dialog id '" + d.id() + "' is not valid",
                    "use lower-case letters, digits and _, starting with a letter, e.g. "
                            + (Names.DIALOG_ID.matcher(lower).matches() ? lower : "daily_checkin"));
        }
    }

    private void triggers() {
        List<String> commands = d.triggers().commands();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < commands.size(); i++) {
            String c = commands.get(i);
            if (!Names.COMMAND.matcher(c).matches()) {
                String fixed = "/" + c.replaceFirst("^/", "").toLowerCase(Locale.ROOT);
                problems.error(
                        where.value("triggers", "commands", i),
                        "'" + c + "' is not a valid command",
                        Names.COMMAND.matcher(fixed).matches()
                                ? "write '" + fixed + "'"
                                : "write a slash and 1 to 32 lower-case letters, digits or _, e.g. /checkin");
            } else if (!seen.add(c)) {
                problems.error(
                        where.value("triggers", "commands", i), "command '" + c + "' is listed twice", "remove one");
            }
        }
        List<String> intents = d.triggers().intents();
        for (int i = 0; i < intents.size(); i++) {
            intent(intents.get(i), "the triggers of " + dialogName(), where.value("triggers", "intents", i));
        }
    }

    private void intent(String name, String what, Source at) {
        if (IntentTaxonomy.SAFETY.contains(name)) {
            problems.error(
                    at,
                    "intent '" + name + "' in " + what + " belongs to the safety hook",
                    "remove it: messages about " + name + " always start the safety dialog named in bot.yaml");
        } else if (!IntentTaxonomy.contains(name)) {
            problems.error(
                    at,
                    "'" + name + "' in " + what + " is not a known intent",
                    Suggest.hint(
                            name,
                            IntentTaxonomy.NAMES.stream()
                                    .filter(i -> !IntentTaxonomy.SAFETY.contains(i))
                                    .toList(),
                            "known intents"));
        }
    }

    private void roles() {
        List<String> roles = d.roles();
        if (roles.isEmpty()) {
            return;
        }
        if (d.audience() == Audience.PRIVATE) {
            problems.error(
                    where.value("roles"),
                    dialogName() + " is private but declares roles",
                    "roles are for group dialogs, where both partners take part; remove roles:");
        }
        if (roles.size() != 2) {
            problems.error(
                    where.value("roles"),
                    dialogName() + " declares " + roles.size() + (roles.size() == 1 ? " role" : " roles")
                            + ", but needs exactly 2",
                    "write two names, e.g. roles: [speaker, listener]");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            String r = roles.get(i);
            if (!Ref.isIdentifier(r) || Ref.PEOPLE.contains(r) || r.equals("name") || r.equals("role")) {
                problems.error(
                        where.value("roles", i),
                        "'" + r + "' cannot be a role name",
                        "use a word of letters, digits and _ other than me, partner, actor, A, B, name, role");
            } else if (!seen.add(r)) {
                problems.error(
                        where.value("roles", i),
                        "role '" + r + "' is listed twice",
                        "the two roles need different names");
            }
        }
    }

    private void entryPoints() {
        target(d.start(), "'start'", "names", where.value("start"));
        target(d.onChange(), "'on_change'", "names", where.value("on_change"));
    }

    private void target(String target, String what, String verb, Source at) {
        if (target == null || d.states().containsKey(target)) {
            return;
        }
        problems.error(
                at,
                what + " " + verb + " '" + target + "', which does not exist",
                Suggest.hint(target, d.states().keySet(), "states in " + dialogName()));
    }

    private void state(State s) {
        String n = s.name();
        if (!Names.STATE.matcher(n).matches()) {
            problems.error(
                    s.source(),
                    "state name '" + n + "' is not valid",
                    "use letters, digits, _ and - only (no spaces, dots or @), e.g. ask_feeling");
        }
        for (Transitions.Transition t : Transitions.of(s)) {
            target(t.target(), t.what(), t.verb(), where.value(t.path().toArray()));
        }
        if (s.step() == null) {
            problems.error(
                    s.source(),
                    "state '" + n + "' has no way out",
                    "add 'to: <state>', buttons, capture, routes, a branch, call, handover, share, rendezvous, or 'end: true'");
        }
        roleUse(s);
        step(s);
        safetyUse(s);
    }

    /** A safety flow and a person's pause are one person's business: only private dialogs may touch them. */
    private void safetyUse(State s) {
        if (d.audience() == Audience.PRIVATE) {
            return;
        }
        String n = s.name();
        if (s.step() instanceof Step.Raise) {
            problems.error(
                    where.key("states", n, "raise"),
                    "state '" + n + "' raises a safety flow in " + dialogName() + ", which is not private",
                    "raise safety flows only in private dialogs, such as a safety check");
        }
        if (s.sharedExercises() != null) {
            problems.error(
                    where.key("states", n, "shared_exercises"),
                    "state '" + n + "' changes a pause of shared exercises in " + dialogName()
                            + ", which is not private",
                    "only the person whose words paused them may do that, in a private dialog");
        }
    }

    private void roleUse(State s) {
        String n = s.name();
        if (s.actor() != null) {
            if (d.roles().isEmpty()) {
                problems.error(
                        where.value("states", n, "actor"),
                        "state '" + n + "' sets actor '" + s.actor() + "', but " + dialogName() + " declares no roles",
                        ROLES_HINT);
            } else if (!d.roles().contains(s.actor())) {
                problems.error(
                        where.value("states", n, "actor"),
                        "actor '" + s.actor() + "' in state '" + n + "' is not a role of " + dialogName(),
                        Suggest.hint(s.actor(), d.roles(), "the roles are"));
            }
        }
        if (s.swapRoles() && d.roles().isEmpty()) {
            problems.error(
                    where.key("states", n, "swap_roles"),
                    "state '" + n + "' swaps roles, but " + dialogName() + " declares no roles",
                    ROLES_HINT);
        }
        if (s.step() instanceof Step.AssignRoles && d.roles().isEmpty()) {
            problems.error(
                    where.key("states", n, "assign_roles"),
                    "state '" + n + "' assigns roles, but " + dialogName() + " declares no roles",
                    ROLES_HINT);
        }
    }

    private void step(State s) {
        String n = s.name();
        Step step = s.step();
        if (step instanceof Step.Wait w) {
            if (w.text() instanceof TextHandler.Routes r) {
                routes(n, r);
            } else if (w.text() instanceof TextHandler.Capture c) {
                validation(c.validation(), "the capture in state '" + n + "'", "states", n, "capture");
            }
        } else if (step instanceof Step.Branch b && b.otherwise() == null) {
            problems.error(
                    where.key("states", n, "branch"),
                    "the branch in state '" + n + "' has no final else",
                    "add '- else: <state>' as the last case, for when no condition holds");
        } else if (step instanceof Step.AssignRoles a && a.method() == Step.RoleAssignment.CHOSEN && a.ask() == null) {
            problems.error(
                    where.key("states", n, "assign_roles"),
                    "assign_roles in state '" + n + "' lets the couple choose but has no 'ask'",
                    "add ask: \"Who starts as {first}?\"");
        } else if (step instanceof Step.Rendezvous r) {
            validation(r.validation(), "the rendezvous in state '" + n + "'", "states", n, "rendezvous");
            answerButtons(n, r);
        }
    }

    /**
     * Answer buttons go to each partner's private chat, where only its owner can press; in the group either
     * partner could press the other's answer. With buttons, typed text is not an answer, so checks on it
     * would never run.
     */
    private void answerButtons(String n, Step.Rendezvous r) {
        if (r.buttons().isEmpty()) {
            return;
        }
        if (r.in() != Step.AnswerPlace.PRIVATE) {
            problems.error(
                    where.value("states", n, "rendezvous", "in"),
                    "the rendezvous in state '" + n
                            + "' has answer buttons, which only work in each partner's private chat, but answers are taken in "
                            + r.in().name().toLowerCase(java.util.Locale.ROOT),
                    "write in: private, or remove the buttons");
        }
        if (r.validation() != null) {
            problems.warning(
                    where.key("states", n, "rendezvous", "buttons"),
                    "the rendezvous in state '" + n
                            + "' has answer buttons, so its check on typed answers never runs: typed text gets the bot's use_buttons",
                    "remove length:, number: or time_of_day: from the rendezvous");
        }
    }

    private void routes(String n, TextHandler.Routes r) {
        if (where.has("states", n, "routes")) {
            for (String intent : r.byIntent().keySet()) {
                intent(intent, "the routes of state '" + n + "'", where.key("states", n, "routes", intent));
            }
        }
        if (r.fallback() == null && !where.has("states", n, "routes", "fallback")) {
            problems.error(
                    where.key("states", n, "routes"),
                    "the routes of state '" + n + "' have no fallback",
                    "add 'fallback: <state>' for text that matches none of the intents");
        }
    }

    private void validation(Validation v, String what, Object... owner) {
        if (v instanceof Validation.Length l) {
            Object[] path = Texts.append(owner, "length");
            if (l.min() < 0) {
                problems.error(
                        where.value(Texts.append(path, "min")),
                        "'length' min of " + what + " is negative",
                        "write min: 0 or more");
            }
            if (l.max() < 1) {
                problems.error(
                        where.value(Texts.append(path, "max")),
                        "'length' max of " + what + " must be at least 1",
                        "write e.g. max: 500");
            }
            if (l.min() > l.max()) {
                problems.error(
                        where.value(path),
                        "'length' of " + what + " has min " + l.min() + " greater than max " + l.max(),
                        "swap them, or raise max");
            }
        } else if (v instanceof Validation.NumberRange r && r.min() > r.max()) {
            problems.error(
                    where.value(Texts.append(owner, "number")),
                    "'number' of " + what + " has min " + fmt(r.min()) + " greater than max " + fmt(r.max()),
                    "swap them, or raise max");
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
