package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.ShareTarget;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Timer;
import dev.rekindle.dialog.model.TimerLength;
import dev.rekindle.dialog.model.Validation;
import dev.rekindle.dialog.validate.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the step of one state; keys were already sorted into groups by {@link StateReader}. */
final class StepReader {
    static final List<String> BUTTON_KEYS = List.of("label", "to", "set", "actor");
    static final List<String> CAPTURE_KEYS = List.of("into", "length", "number", "time_of_day", "invalid", "to");
    static final List<String> TIMER_KEYS = List.of("after", "nudge", "to", "grace");
    static final List<String> CASE_KEYS = List.of("if", "to", "else");
    static final List<String> CALL_KEYS = List.of("dialog", "return_to");
    static final List<String> ASSIGN_KEYS = List.of("method", "ask", "to", "timer");
    static final List<String> RENDEZVOUS_KEYS = List.of(
            "ask",
            "in",
            "into",
            "length",
            "number",
            "time_of_day",
            "invalid",
            "consent",
            "waiting",
            "timer",
            "to",
            "buttons");
    static final List<String> ANSWER_BUTTON_KEYS = List.of("label", "value");
    static final List<String> CONSENT_KEYS = List.of("ask", "with", "yes", "no");
    static final List<String> SHARE_KEYS = List.of(
            "var", "from", "with", "ask", "deliver", "yes_label", "no_label", "yes", "no", "no_partner", "timer");
    static final List<String> FOLLOW_UP_KEYS = List.of("after", "to");
    static final List<String> RANGE_KEYS = List.of("min", "max");
    private static final List<String> CHECKS = List.of("length", "number", "time_of_day");
    private static final String TARGET_HINT = "add 'to: <state>' with the state to go to next";

    private final Problems problems;
    private final String state;
    private final MappingReader m;

    StepReader(Problems problems, String state, MappingReader stateMapping) {
        this.problems = problems;
        this.state = state;
        this.m = stateMapping;
    }

    Step read(String group, String textHandler) {
        return switch (group) {
            case "to" -> new Step.Goto(m.text("to"));
            case "wait" -> waiting(textHandler);
            case "branch" -> branch();
            case "call" -> call();
            case "handover" ->
                new Step.Handover(m.text("handover"), m.node("handover").source());
            case "assign_roles" -> assignRoles();
            case "rendezvous" -> rendezvous();
            case "share" -> share();
            case "raise" -> raise();
            default -> end();
        };
    }

    private String of(String what) {
        return what + " in state '" + state + "'";
    }

    private Step waiting(String textHandler) {
        List<Button> buttons = new ArrayList<>();
        YNode.Seq seq = m.seq("buttons");
        if (seq != null) {
            if (seq.items().isEmpty()) {
                problems.error(
                        seq.source(),
                        "'buttons' in state '" + state + "' is an empty list",
                        "add buttons, e.g. [{label: \"Yes\", to: next}], or remove the key");
            }
            for (int i = 0; i < seq.items().size(); i++) {
                YNode item = seq.items().get(i);
                MappingReader b = MappingReader.of(item, of("button " + (i + 1)), BUTTON_KEYS, problems);
                String label = b.requiredText("label", "add 'label: \"...\"' with the text on the button");
                String to = b.requiredText("to", TARGET_HINT);
                buttons.add(new Button(label, to, b.scalars("set"), b.text("actor"), item.source()));
            }
        }
        TextHandler text = null;
        if ("capture".equals(textHandler)) {
            YNode n = m.node("capture");
            MappingReader c = MappingReader.of(n, of("the capture"), CAPTURE_KEYS, problems);
            String into = c.requiredText("into", "add 'into: <variable>' to name where the answer is kept");
            text = new TextHandler.Capture(
                    into, validation(c), c.message("invalid"), c.requiredText("to", TARGET_HINT), n.source());
        } else if ("routes".equals(textHandler)) {
            text = routes();
        } else if ("any_text".equals(textHandler)) {
            text = new TextHandler.AnyText(
                    m.text("any_text"), m.node("any_text").source());
        }
        return new Step.Wait(buttons, text, timer(m, "timer"));
    }

    private TextHandler routes() {
        YNode n = m.node("routes");
        YNode.Map map = m.map("routes");
        Map<String, String> byIntent = new LinkedHashMap<>();
        String fallback = null;
        if (map != null) {
            for (YNode.Entry e : map.entries()) {
                String target = m.scalarText("routes", e.value());
                if (e.key().equals("fallback")) {
                    fallback = target;
                } else if (target != null) {
                    byIntent.put(e.key(), target);
                }
            }
        }
        return new TextHandler.Routes(byIntent, fallback, n.source());
    }

    /** The check on free text shared by capture and rendezvous: at most one of length, number, time_of_day. */
    private Validation validation(MappingReader r) {
        String first = null;
        for (YNode.Entry e : r.entries()) {
            if (CHECKS.contains(e.key())) {
                if (first == null) {
                    first = e.key();
                } else {
                    problems.error(
                            e.keySource(),
                            r.what() + " has both '" + first + "' and '" + e.key()
                                    + "'; an answer can be checked in one way only",
                            "keep one of length, number, time_of_day");
                }
            }
        }
        if (first == null) {
            return null;
        }
        if (first.equals("time_of_day")) {
            return r.flag("time_of_day").orElse(false) ? new Validation.TimeOfDay() : null;
        }
        MappingReader range = MappingReader.of(r.node(first), "'" + first + "' of " + r.what(), RANGE_KEYS, problems);
        if (first.equals("length")) {
            Integer min = range.whole("min");
            Integer max = range.whole("max");
            return new Validation.Length(min == null ? 1 : min, max == null ? 4096 : max);
        }
        Double min = range.number("min");
        Double max = range.number("max");
        return new Validation.NumberRange(
                min == null ? Double.NEGATIVE_INFINITY : min, max == null ? Double.POSITIVE_INFINITY : max);
    }

    private Timer timer(MappingReader owner, String key) {
        YNode n = owner.node(key);
        if (n == null) {
            return null;
        }
        MappingReader t = MappingReader.of(n, "the timer of " + owner.what(), TIMER_KEYS, problems);
        // a length from a variable, after: "{minutes}m", is checked by the validator, which knows the variables
        String afterFrom = t.has("after") && TimerLength.usesVariable(t.text("after")) ? t.text("after") : null;
        Duration after = t.has("after") && afterFrom == null ? t.duration("after") : null;
        if (!t.has("after")) {
            t.missing("after", "add 'after: <duration>', e.g. after: 10m, or after: \"{minutes}m\" with a variable");
        }
        String to = t.requiredText("to", "add 'to: <state>' with the state to go to when the time is up");
        return new Timer(after, t.message("nudge"), to, t.duration("grace"), n.source(), afterFrom);
    }

    private Step branch() {
        YNode.Seq seq = m.seq("branch");
        List<Step.Case> cases = new ArrayList<>();
        String otherwise = null;
        if (seq == null) {
            return new Step.Branch(cases, null);
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            MappingReader c = MappingReader.of(item, of("case " + (i + 1) + " of the branch"), CASE_KEYS, problems);
            if (c.has("else")) {
                if (c.has("if") || c.has("to")) {
                    problems.error(
                            item.source(),
                            "case " + (i + 1) + " of the branch in state '" + state + "' mixes 'else' with 'if'/'to'",
                            "write either {if: \"...\", to: s} or {else: s}");
                }
                if (i != seq.items().size() - 1) {
                    problems.error(
                            c.keyAt("else"),
                            "the 'else' of the branch in state '" + state + "' is not the last case",
                            "move '- else: ...' to the end; cases after it could never be chosen");
                }
                otherwise = c.text("else");
                continue;
            }
            String text = c.requiredText("if", "add 'if: \"...\"' with a condition, or write '- else: <state>'");
            String to = c.requiredText("to", TARGET_HINT);
            cases.add(new Step.Case(condition(c, text), to, item.source()));
        }
        return new Step.Branch(cases, otherwise);
    }

    private Condition condition(MappingReader c, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Condition.parse(text);
        } catch (Condition.SyntaxException e) {
            YNode.Scalar s = (YNode.Scalar) c.node("if");
            problems.error(
                    s.at(e.offset()),
                    "condition '" + text + "' in state '" + state + "' cannot be read: " + e.getMessage(),
                    "conditions look like: rounds < 2 and actor.role == 'speaker'");
            return null;
        }
    }

    private Step call() {
        YNode n = m.node("call");
        MappingReader c = MappingReader.of(n, of("the call"), CALL_KEYS, problems);
        String dialog = c.requiredText("dialog", "add 'dialog: <id>' with the dialog to run");
        String returnTo =
                c.requiredText("return_to", "add 'return_to: <state>' with the state to continue in when it ends");
        return new Step.Call(dialog, returnTo, n.source());
    }

    private Step assignRoles() {
        YNode n = m.node("assign_roles");
        MappingReader a = MappingReader.of(n, of("assign_roles"), ASSIGN_KEYS, problems);
        Step.RoleAssignment method =
                a.has("method") ? a.choice("method", MappingReader.options(Step.RoleAssignment.values())) : null;
        if (!a.has("method")) {
            a.missing("method", "add 'method: chosen', 'method: random' or 'method: alternate'");
        }
        Message ask = a.message("ask");
        String to = a.requiredText("to", TARGET_HINT);
        return new Step.AssignRoles(method, ask, to, timer(a, "timer"), n.source());
    }

    private Step rendezvous() {
        YNode n = m.node("rendezvous");
        MappingReader r = MappingReader.of(n, of("the rendezvous"), RENDEZVOUS_KEYS, problems);
        Message ask = r.requiredMessage("ask", "add 'ask: \"...\"' with the question both partners answer");
        Step.AnswerPlace in = r.has("in")
                ? r.choice("in", MappingReader.options(Step.AnswerPlace.values()))
                : Step.AnswerPlace.PRIVATE;
        String into = r.requiredText("into", "add 'into: <variable>' to name where each answer is kept");
        Validation validation = validation(r);
        Step.Consent consent = consent(r);
        return new Step.Rendezvous(
                ask,
                in,
                into,
                validation,
                r.message("invalid"),
                consent,
                r.message("waiting"),
                timer(r, "timer"),
                r.requiredText("to", TARGET_HINT),
                n.source(),
                answerButtons(r));
    }

    /** {@code buttons: [{label: "Yes, I'd like that", value: "yes"}, ...]} under a rendezvous question. */
    private List<Step.AnswerButton> answerButtons(MappingReader r) {
        List<Step.AnswerButton> out = new ArrayList<>();
        YNode.Seq seq = r.seq("buttons");
        if (seq == null) {
            return out;
        }
        if (seq.items().isEmpty()) {
            problems.error(
                    seq.source(),
                    "'buttons' of the rendezvous in state '" + state + "' is an empty list",
                    "add answers, e.g. [{label: \"Yes, I'd like that\", value: \"yes\"}], or remove the key");
        }
        for (int i = 0; i < seq.items().size(); i++) {
            YNode item = seq.items().get(i);
            MappingReader b = MappingReader.of(
                    item, of("answer button " + (i + 1) + " of the rendezvous"), ANSWER_BUTTON_KEYS, problems);
            String label = b.requiredText("label", "add 'label: \"...\"' with the text on the button");
            String value =
                    b.requiredText("value", "add 'value: ...' with the answer the button gives, e.g. value: \"yes\"");
            out.add(new Step.AnswerButton(label, value, item.source()));
        }
        return out;
    }

    private Step.Consent consent(MappingReader r) {
        YNode n = r.node("consent");
        if (n == null) {
            return null;
        }
        MappingReader c = MappingReader.of(n, "the consent of " + r.what(), CONSENT_KEYS, problems);
        Message ask = c.requiredMessage("ask", "add 'ask: \"...\"' asking whether the answer may be shown");
        ShareTarget with =
                c.has("with") ? c.choice("with", MappingReader.options(ShareTarget.values())) : ShareTarget.PARTNER;
        return new Step.Consent(ask, with, c.text("yes"), c.text("no"), n.source());
    }

    private Step share() {
        YNode n = m.node("share");
        MappingReader s = MappingReader.of(n, of("the share"), SHARE_KEYS, problems);
        String variable = s.requiredText("var", "add 'var: <variable>' naming the answer to share");
        String from = s.has("from") ? s.text("from") : "me";
        ShareTarget with =
                s.has("with") ? s.choice("with", MappingReader.options(ShareTarget.values())) : ShareTarget.PARTNER;
        Message ask = s.requiredMessage("ask", "add 'ask: \"...\"' asking the author whether to share");
        Message deliver =
                s.requiredMessage("deliver", "add 'deliver: \"...\"' with the message the partner or group receives");
        String yes = s.requiredText("yes", "add 'yes: <state>' for when the author agrees");
        String no = s.requiredText("no", "add 'no: <state>' for when the author declines");
        return new Step.Share(
                variable,
                from,
                with,
                ask,
                deliver,
                s.text("yes_label"),
                s.text("no_label"),
                yes,
                no,
                s.text("no_partner"),
                timer(s, "timer"),
                n.source());
    }

    private Step raise() {
        YNode n = m.node("raise");
        String id = m.text("raise");
        java.util.Optional<dev.rekindle.dialog.model.SafetyKind> kind = dev.rekindle.dialog.model.SafetyKind.parse(id);
        if (kind.isEmpty()) {
            problems.error(
                    n.source(),
                    "'raise' in state '" + state + "' names '" + id + "', which is not a safety kind",
                    "write one of " + dev.rekindle.dialog.model.SafetyKind.ids());
            return null;
        }
        return new Step.Raise(kind.get(), n.source());
    }

    /**
     * {@code end: true} is the only way to write it: {@code false}, {@code yes} (text in YAML 1.2) or anything else
     * gets the same words. The state still ends, so that the one mistake is not also "no way out". A follow_up
     * alone ends the dialog too.
     */
    private Step end() {
        YNode n = m.node("end");
        if (n != null && !(n instanceof YNode.Scalar s && s.type().equals("bool") && Boolean.parseBoolean(s.value()))) {
            String written = n instanceof YNode.Scalar s && !s.isNull() ? "'" + s.value() + "'" : n.kind();
            problems.error(
                    n.source(),
                    "'end' in state '" + state + "' is " + written + ", but it can only be true",
                    "write 'end: true' to end the dialog here, or remove 'end' and say where the state goes"
                            + ", for example 'to: <state>'");
        }
        return new Step.End(followUp());
    }

    private dev.rekindle.dialog.model.FollowUp followUp() {
        YNode n = m.node("follow_up");
        if (n == null) {
            return null;
        }
        MappingReader f = MappingReader.of(n, of("the follow_up"), FOLLOW_UP_KEYS, problems);
        if (!f.has("after")) {
            f.missing("after", "add 'after: <duration>', e.g. after: 1d, for when to come back");
        }
        Duration after = f.has("after") ? f.duration("after") : null;
        String to = f.requiredText("to", "add 'to: <state>' with the state to come back to");
        return new dev.rekindle.dialog.model.FollowUp(after, to, n.source());
    }
}
