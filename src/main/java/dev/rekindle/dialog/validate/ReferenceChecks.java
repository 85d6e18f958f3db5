package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders, conditions and the people and variables they name: every {@code {x}} must be a variable
 * this dialog declares or writes, every {@code {who.field}} a known person or role. A typo here would
 * otherwise show up as an empty gap in a message to a couple.
 */
final class ReferenceChecks {
    private static final List<String> AUTHORS = List.of("me", "actor", "A", "B");
    private static final String PLACEHOLDER_HINT = "placeholders look like {variable}, {partner.name} or {me.role}";

    private final Dialog d;
    private final Locations where;
    private final Problems problems;
    private final Set<String> variables;

    private ReferenceChecks(Dialog d, Locations where, Problems problems) {
        this.d = d;
        this.where = where;
        this.problems = problems;
        this.variables = written(d);
    }

    static void check(Dialog d, Locations where, Problems problems) {
        ReferenceChecks c = new ReferenceChecks(d, where, problems);
        c.variableNames();
        for (Texts.Text t : Texts.of(d, where)) {
            c.template(t);
        }
        for (State s : d.states().values()) {
            c.state(s);
        }
    }

    /** Every variable the dialog declares or writes somewhere: the names placeholders may use. */
    static Set<String> written(Dialog d) {
        Set<String> out = new LinkedHashSet<>(d.variables().keySet());
        for (State s : d.states().values()) {
            out.addAll(s.set().keySet());
            out.addAll(s.increment());
            if (s.step() instanceof Step.Wait w) {
                for (Button b : w.buttons()) {
                    out.addAll(b.set().keySet());
                }
                if (w.text() instanceof TextHandler.Capture c && c.into() != null) {
                    out.add(c.into());
                }
            } else if (s.step() instanceof Step.Rendezvous r && r.into() != null) {
                out.add(r.into());
            }
        }
        return out;
    }

    private void variableNames() {
        for (String v : d.variables().keySet()) {
            name(v, where.key("variables", v));
        }
        for (State s : d.states().values()) {
            String n = s.name();
            s.set().keySet().forEach(v -> name(v, where.key("states", n, "set", v)));
            for (int i = 0; i < s.increment().size(); i++) {
                Object[] path = where.has("states", n, "increment", i)
                        ? new Object[] {"states", n, "increment", i}
                        : new Object[] {"states", n, "increment"};
                name(s.increment().get(i), where.value(path));
            }
            if (s.step() instanceof Step.Wait w) {
                for (int i = 0; i < w.buttons().size(); i++) {
                    int b = i;
                    w.buttons()
                            .get(i)
                            .set()
                            .keySet()
                            .forEach(v -> name(v, where.key("states", n, "buttons", b, "set", v)));
                }
                if (w.text() instanceof TextHandler.Capture c && c.into() != null) {
                    name(c.into(), where.value("states", n, "capture", "into"));
                }
            } else if (s.step() instanceof Step.Rendezvous r && r.into() != null) {
                name(r.into(), where.value("states", n, "rendezvous", "into"));
            }
        }
    }

    private void name(String variable, Source at) {
        if (!Ref.isIdentifier(variable)) {
            problems.error(
                    at,
                    "'" + variable + "' is not a valid variable name",
                    "use letters, digits and _ (starting with a letter), e.g. my_answer");
        }
    }

    private void template(Texts.Text t) {
        Template parsed;
        try {
            parsed = Template.parse(t.text());
        } catch (Template.SyntaxException e) {
            problems.error(
                    where.inValue(e.offset(), t.path().toArray()),
                    "bad placeholder in " + t.what() + ": " + e.getMessage(),
                    PLACEHOLDER_HINT);
            return;
        }
        for (Template.Segment seg : parsed.segments()) {
            if (seg instanceof Template.Placeholder p) {
                Ref r = p.ref();
                if (t.rolePlaceholders()
                        && r.who() == null
                        && (r.field().equals("first") || r.field().equals("second"))) {
                    continue;
                }
                ref(
                        r,
                        "{" + r + "}",
                        t.what(),
                        where.inValue(p.offset(), t.path().toArray()),
                        false);
            }
        }
    }

    /** Checks one reference; {@code inCondition} allows {@code actor} alone (A or B of whoever acted). */
    private void ref(Ref r, String written, String what, Source at, boolean inCondition) {
        if (r.who() == null) {
            if (inCondition && r.field().equals("actor")) {
                return;
            }
            variable(r.field(), inCondition ? what + " uses" : "'" + written + "' in " + what + " uses", at);
            return;
        }
        List<String> people = people();
        if (!people.contains(r.who())) {
            String hint = Suggest.hint(r.who(), people, "people here are");
            if (!d.roles().isEmpty() || Suggest.closest(r.who(), people).isPresent()) {
                problems.error(
                        at,
                        "'" + written + "' in " + what + " names '" + r.who() + "', who is not a person in this dialog",
                        hint);
            } else {
                problems.error(
                        at,
                        "'" + written + "' in " + what + " names '" + r.who() + "', but dialog '" + d.id()
                                + "' declares no roles",
                        "use me, partner, actor, A or B, or declare roles: [...] in a group dialog");
            }
            return;
        }
        if (r.field().equals("name")) {
            return;
        }
        if (r.field().equals("role")) {
            if (d.roles().isEmpty()) {
                problems.error(
                        at,
                        "'" + written + "' in " + what + " asks for a role, but dialog '" + d.id()
                                + "' declares no roles",
                        "declare roles: [a, b] (group dialogs only) or use .name");
            }
            return;
        }
        variable(r.field(), "'" + written + "' in " + what + " uses", at);
    }

    /** {@code leadIn} starts the sentence, e.g. "'{answr}' in the message of state 'ask' uses". */
    private void variable(String name, String leadIn, Source at) {
        if (variables.contains(name)) {
            return;
        }
        String hint = Suggest.closest(name, variables)
                .map(s -> "did you mean '" + s + "'?")
                .orElse(
                        "declare it under variables: (with a default) or write it with set:, increment:, capture into: or rendezvous into:");
        problems.error(
                at, leadIn + " variable '" + name + "', which dialog '" + d.id() + "' never declares or sets", hint);
    }

    private List<String> people() {
        List<String> people = new ArrayList<>(List.of("me", "partner", "actor", "A", "B"));
        people.addAll(d.roles());
        return people;
    }

    private void state(State s) {
        String n = s.name();
        if (s.journal() != null && s.journal().author() != null) {
            author(
                    s.journal().author(),
                    "the journal author in state '" + n + "'",
                    where.value("states", n, "journal", "author"));
        }
        Step step = s.step();
        if (step instanceof Step.Branch b) {
            for (int i = 0; i < b.cases().size(); i++) {
                if (b.cases().get(i).when() != null) {
                    condition(
                            b.cases().get(i).when(),
                            "the condition of case " + (i + 1) + " in state '" + n + "'",
                            "states",
                            n,
                            "branch",
                            i,
                            "if");
                }
            }
        } else if (step instanceof Step.Share sh) {
            if (sh.variable() != null) {
                variable(
                        sh.variable(),
                        "the share in state '" + n + "' shares",
                        where.value("states", n, "share", "var"));
            }
            if (sh.from() != null) {
                author(sh.from(), "the share 'from' in state '" + n + "'", where.value("states", n, "share", "from"));
            }
        }
    }

    /** Journal authors and share sources: me, actor, A, B or a declared role. */
    private void author(String who, String what, Source at) {
        List<String> allowed = new ArrayList<>(AUTHORS);
        allowed.addAll(d.roles());
        if (!allowed.contains(who)) {
            problems.error(
                    at, "'" + who + "' is not a valid person for " + what, Suggest.hint(who, allowed, "write one of"));
        }
    }

    private void condition(Condition c, String what, Object... path) {
        String text = where.text(path).orElse("");
        for (Ref r : Condition.refs(c)) {
            ref(r, r.toString(), what, where.inValue(offsetOf(text, r.toString()), path), true);
        }
        roleLiterals(c, what, text, path);
        for (Condition.Shared sh : Condition.consentTests(c)) {
            consentTest(sh, what, where.inValue(sh.offset(), path));
        }
        if (d.audience() != dev.rekindle.dialog.model.Audience.PRIVATE) {
            for (Condition.PauseState ps : Condition.pauseTests(c)) {
                String form = ps.resuming() ? "resuming(me)" : "paused(me)";
                problems.error(
                        where.inValue(ps.offset(), path),
                        "'" + form + "' in " + what + " is asked in dialog '" + d.id()
                                + "', which is not private: what it shows would tell the other partner whose words paused the"
                                + " shared exercises",
                        "ask it only in a private dialog, such as the one bot.yaml support: names");
            }
        }
    }

    /**
     * {@code shared(A.close)}: A must be a person here ({@code both} in a group dialog), close an answer this
     * dialog captures, and something must ask for consent on it, or the condition could never be true.
     */
    private void consentTest(Condition.Shared sh, String what, Source at) {
        Ref r = sh.answer();
        String written = "shared(" + r + ")";
        if (sh.ofBoth()) {
            if (d.audience() != dev.rekindle.dialog.model.Audience.GROUP) {
                problems.error(
                        at,
                        "'" + written + "' in " + what + " asks about both partners, but dialog '" + d.id()
                                + "' is private: only its owner answers here",
                        "write shared(" + r.field() + ") for the owner's own answer");
                return;
            }
        } else if (r.who() != null && !people().contains(r.who())) {
            problems.error(
                    at,
                    "'" + written + "' in " + what + " names '" + r.who() + "', who is not a person in this dialog",
                    Suggest.hint(r.who(), withBoth(people()), "people here are"));
            return;
        }
        Set<String> captured = captured(d);
        if (!captured.contains(r.field())) {
            String kind = variables.contains(r.field())
                            || r.field().equals("name")
                            || r.field().equals("role")
                    ? "'" + r.field()
                            + "' is not a captured answer (choices, counters and names belong to the dialog, never private)"
                    : "dialog '" + d.id() + "' captures no answer '" + r.field() + "'";
            String hint = Suggest.closest(r.field(), captured)
                    .map(x -> "did you mean '" + x + "'?")
                    .orElse(
                            captured.isEmpty()
                                    ? "capture an answer first with capture into: or rendezvous into:"
                                    : "the answers captured here are " + String.join(", ", captured));
            problems.error(at, "'" + written + "' in " + what + ": " + kind, hint);
            return;
        }
        if (!consentAsked(d).contains(r.field())) {
            problems.warning(
                    at,
                    "'" + written + "' in " + what + " can never be true: nothing in dialog '" + d.id()
                            + "' asks for consent on '" + r.field() + "'",
                    "add consent: to the rendezvous, or a share step for it");
        }
    }

    private static List<String> withBoth(List<String> people) {
        List<String> out = new ArrayList<>(people);
        out.add(Condition.Shared.BOTH);
        return out;
    }

    /** The answers a dialog captures: the only values that are private, and so the only ones a yes applies to. */
    static Set<String> captured(Dialog d) {
        Set<String> out = new LinkedHashSet<>();
        for (State s : d.states().values()) {
            if (s.step() instanceof Step.Wait w && w.text() instanceof TextHandler.Capture c && c.into() != null) {
                out.add(c.into());
            } else if (s.step() instanceof Step.Rendezvous rv && rv.into() != null) {
                out.add(rv.into());
            }
        }
        return out;
    }

    /**
     * The answers that can come to be shown: asked a yes for (a rendezvous with consent, a share step), or
     * written where both already see them (the group).
     */
    private static Set<String> consentAsked(Dialog d) {
        boolean group = d.audience() == dev.rekindle.dialog.model.Audience.GROUP;
        Set<String> out = new LinkedHashSet<>();
        for (State s : d.states().values()) {
            if (s.step() instanceof Step.Rendezvous rv
                    && rv.into() != null
                    && (rv.consent() != null || rv.in() != Step.AnswerPlace.PRIVATE)) {
                out.add(rv.into());
            } else if (group
                    && s.step() instanceof Step.Wait w
                    && w.text() instanceof TextHandler.Capture c
                    && c.into() != null) {
                out.add(c.into());
            } else if (s.step() instanceof Step.Share sh && sh.variable() != null) {
                out.add(sh.variable());
            }
        }
        return out;
    }

    /** {@code actor.role == 'speakr'} can never be true: the literal must be one of the roles. */
    private void roleLiterals(Condition c, String what, String text, Object... path) {
        if (c instanceof Condition.Or o) {
            roleLiterals(o.left(), what, text, path);
            roleLiterals(o.right(), what, text, path);
        } else if (c instanceof Condition.And a) {
            roleLiterals(a.left(), what, text, path);
            roleLiterals(a.right(), what, text, path);
        } else if (c instanceof Condition.Not n) {
            roleLiterals(n.inner(), what, text, path);
        } else if (c instanceof Condition.Compare cmp && !d.roles().isEmpty()) {
            String literal = roleComparedWith(cmp.left(), cmp.right());
            if (literal == null) {
                literal = roleComparedWith(cmp.right(), cmp.left());
            }
            if (literal != null && !d.roles().contains(literal)) {
                problems.error(
                        where.inValue(Math.max(0, text.indexOf(literal)), path),
                        what + " compares a role with '" + literal + "', which is not a role of dialog '" + d.id()
                                + "'",
                        Suggest.hint(literal, d.roles(), "the roles are"));
            }
        }
    }

    private static String roleComparedWith(Condition.Operand ref, Condition.Operand other) {
        if (ref instanceof Condition.RefOperand r
                && "role".equals(r.ref().field())
                && r.ref().who() != null
                && other instanceof Condition.Literal l) {
            return l.value();
        }
        return null;
    }

    private static int offsetOf(String text, String ref) {
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(ref) + "(?![\\w.])")
                .matcher(text);
        return m.find() ? m.start() : 0;
    }
}
