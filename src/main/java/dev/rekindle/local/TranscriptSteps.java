package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The steps of a transcript: which one thing each step does (say, press, wait, safety; the journal and
 * reminders checks are read by {@link TranscriptChecks}), who does it and where, with its expect: and intent:.
 */
final class TranscriptSteps {

    /** Who acts, and where. */
    private record Who(Partner partner, Chat chat) {}

    private final TranscriptNodes nodes;
    private final Map<Partner, String> partners;
    private final TranscriptExpectations expectations;
    private final TranscriptChecks checks;

    TranscriptSteps(TranscriptNodes nodes, Map<Partner, String> partners) {
        this.nodes = nodes;
        this.partners = partners;
        this.expectations = new TranscriptExpectations(nodes, partners);
        this.checks = new TranscriptChecks(nodes, expectations);
    }

    /** The steps: under the top key, a list of at least one step. */
    List<Transcript.TestStep> read(MappingNode root, Map<String, NodeTuple> top) {
        List<Transcript.TestStep> steps = new ArrayList<>();
        if (!top.containsKey("steps")) {
            nodes.error(
                    nodes.at(root),
                    "the transcript has no steps",
                    "add steps: with at least one step, e.g. - A: /help");
            return steps;
        }
        Node s = top.get("steps").getValueNode();
        if (!(s instanceof SequenceNode list)) {
            nodes.error(nodes.at(s), "steps must be a list (each step starts with '- ')", "");
        } else if (list.getValue().isEmpty()) {
            nodes.error(nodes.at(s), "steps is empty", "add at least one step, e.g. - A: /help");
        } else {
            int number = 0;
            for (Node n : list.getValue()) {
                Transcript.TestStep step = step(n, ++number);
                if (step != null) {
                    steps.add(step);
                }
            }
        }
        return steps;
    }

    private Transcript.TestStep step(Node n, int number) {
        if (!(n instanceof MappingNode m)) {
            nodes.error(
                    nodes.at(n),
                    "step " + number + " must be a mapping",
                    "for example - A: hello   or   - press: {A: \"Yes\"}");
            return null;
        }
        int before = nodes.problemCount();
        Map<String, NodeTuple> k = nodes.keys(m, TranscriptLoader.STEP_KEYS, "in step " + number);
        String act = action(n, k, number, before);
        if (act == null) {
            return null;
        }
        NodeTuple t = k.get(act);
        Source src = nodes.at(t.getKeyNode());
        List<Transcript.ExpectedMessage> expect = expect(k, act, number);
        String intent = intentOf(k, act);
        if (k.containsKey("answered") && !act.equals("press")) {
            nodes.error(
                    nodes.at(k.get("answered").getKeyNode()),
                    "answered: checks the answer a pressed message shows, so it goes on a press: step, not on " + act
                            + ":",
                    "move it to the press that answers the question");
        }
        List<String> unsure = unsureOf(k, act);
        if (TranscriptLoader.SAYERS.contains(act)) {
            Transcript.TestStep say = say(t, act, intent, k, expect, src);
            if (!(say instanceof Transcript.Say s) || unsure == null) {
                return say;
            }
            if (LocalCouple.isCommand(s.text())) {
                nodes.error(
                        nodes.at(k.get("unsure").getKeyNode()),
                        "unsure: applies to free text, and " + s.text().strip() + " is a command",
                        "remove unsure:");
                return null;
            }
            return new Transcript.Say(s.from(), s.chat(), s.text(), null, unsure, s.expect(), s.source());
        }
        return switch (act) {
            case "press" -> press(t.getValueNode(), answeredOf(k), expect, src);
            case "wait" -> wait(t.getValueNode(), expect, src);
            case "safety" -> safety(t.getValueNode(), expect, src);
            case "reminders" -> checks.reminders(t.getValueNode(), src);
            default -> checks.journal(t.getValueNode(), src);
        };
    }

    /** The step's one action key; null (reported) when it has none or more than one. */
    private String action(Node n, Map<String, NodeTuple> k, int number, int problemsBefore) {
        List<String> acts = new ArrayList<>();
        for (String key : k.keySet()) {
            if (TranscriptLoader.ACTIONS.contains(key)) {
                acts.add(key);
            }
        }
        if (acts.isEmpty()) {
            if (nodes.problemCount() > problemsBefore) {
                return null; // a misspelt action key was reported already
            }
            nodes.error(
                    nodes.at(n),
                    "step " + number + " does nothing",
                    "write one of A:, B:, A@group:, B@group:, press:, wait:, safety:, journal:, reminders:");
            return null;
        }
        if (acts.size() > 1) {
            nodes.error(
                    nodes.at(k.get(acts.get(1)).getKeyNode()),
                    "step " + number + " does " + String.join(" and ", acts) + ": a step does one thing",
                    "split it into separate steps");
            return null;
        }
        return acts.get(0);
    }

    /** The step's expect: (null when not given, or on a check step, where it is reported). */
    private List<Transcript.ExpectedMessage> expect(Map<String, NodeTuple> k, String act, int number) {
        if (!k.containsKey("expect")) {
            return null;
        }
        if (act.equals("journal") || act.equals("reminders")) {
            nodes.error(
                    nodes.at(k.get("expect").getKeyNode()),
                    act + ": checks the " + act + " and has no expect:",
                    "put expect: on the step that sends the messages");
            return null;
        }
        return expectations.read(k.get("expect").getValueNode(), number);
    }

    /** A press step's answered: (null when not given). */
    private String answeredOf(Map<String, NodeTuple> k) {
        return k.containsKey("answered") ? nodes.text(k.get("answered").getValueNode(), "answered") : null;
    }

    /** The step's intent: (null when not given, or on a step where a partner writes nothing: reported). */
    private String intentOf(Map<String, NodeTuple> k, String act) {
        if (!k.containsKey("intent")) {
            return null;
        }
        if (!TranscriptLoader.SAYERS.contains(act)) {
            nodes.error(
                    nodes.at(k.get("intent").getKeyNode()),
                    "intent: applies to text a partner writes, not to " + act + ":",
                    "remove it, or put it on a step such as - A: I loved the coffee");
            return null;
        }
        return intent(k.get("intent").getValueNode());
    }

    /**
     * The step's unsure: (null when not given, or wrong: reported): the classifier's likeliest intents when it was
     * not sure enough to act, one or two names of the taxonomy, on free text without intent:.
     */
    private List<String> unsureOf(Map<String, NodeTuple> k, String act) {
        if (!k.containsKey("unsure")) {
            return null;
        }
        Node key = k.get("unsure").getKeyNode();
        Node v = k.get("unsure").getValueNode();
        if (!TranscriptLoader.SAYERS.contains(act) || k.containsKey("intent")) {
            nodes.error(
                    nodes.at(key),
                    "unsure: applies to text a partner writes without intent: (the classifier is sure, or unsure)",
                    "keep one of them, e.g. - A: we never talk   unsure: [feel_disconnected, low_desire]");
            return null;
        }
        if (!(v instanceof SequenceNode list)
                || list.getValue().isEmpty()
                || list.getValue().size() > 2) {
            nodes.error(
                    nodes.at(v),
                    "unsure: is a list of the one or two likeliest intents",
                    "unsure: [feel_disconnected, low_desire]");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Node n : list.getValue()) {
            String name = intent(n);
            if (name == null) {
                return null;
            }
            out.add(name);
        }
        return out;
    }

    private String intent(Node n) {
        String v = nodes.text(n, "intent");
        if (v == null) {
            return null;
        }
        if (IntentTaxonomy.SAFETY.contains(v)) {
            nodes.error(
                    nodes.at(n),
                    "intent " + v + " belongs to the safety detector, not the classifier",
                    "simulate it with a step - safety: {A: " + v + "}");
            return null;
        }
        if (!IntentTaxonomy.contains(v)) {
            String hint = TranscriptNodes.didYouMean(v, IntentTaxonomy.NAMES);
            nodes.error(
                    nodes.at(n),
                    "intent '" + v + "' is not in the taxonomy",
                    hint.isEmpty() ? "known intents: " + String.join(", ", IntentTaxonomy.NAMES) : hint);
            return null;
        }
        return v;
    }

    private Transcript.TestStep say(
            NodeTuple t,
            String act,
            String intent,
            Map<String, NodeTuple> k,
            List<Transcript.ExpectedMessage> expect,
            Source src) {
        Who who = who(act, t.getKeyNode());
        String text = nodes.text(t.getValueNode(), act);
        if (text != null && text.isBlank()) {
            nodes.error(nodes.at(t.getValueNode()), act + ": is empty", "write what " + act + " says");
            return null;
        }
        if (text != null && intent != null && LocalCouple.isCommand(text)) {
            nodes.error(
                    nodes.at(k.get("intent").getKeyNode()),
                    "intent: applies to free text, and " + text.strip() + " is a command",
                    "remove intent:");
            return null;
        }
        if (who == null || text == null) {
            return null;
        }
        return new Transcript.Say(who.partner(), who.chat(), text, intent, expect, src);
    }

    private Transcript.TestStep wait(Node n, List<Transcript.ExpectedMessage> expect, Source src) {
        String v = nodes.text(n, "wait");
        if (v == null) {
            return null;
        }
        Optional<Duration> d = Durations.parse(v);
        if (d.isEmpty()) {
            nodes.error(
                    nodes.at(n),
                    "wait needs a duration such as 90s, 10m, 2h or 1d, not '" + v + "'",
                    "one number from 1 to 999999 and one unit s, m, h or d");
            return null;
        }
        return new Transcript.Wait(d.get(), expect, src);
    }

    private Transcript.TestStep press(Node n, String answered, List<Transcript.ExpectedMessage> expect, Source src) {
        NodeTuple only = nodes.single(n, "press", "press: {A: \"Send it\"}   or   press: {B@group: 2}");
        if (only == null) {
            return null;
        }
        Who who = who(nodes.keyText(only), only.getKeyNode());
        Node v = only.getValueNode();
        if (!(v instanceof ScalarNode s) || Tag.NULL.equals(v.getTag())) {
            nodes.error(
                    nodes.at(v),
                    "press needs a button label or number",
                    "press: {A: \"Send it\"}   or   press: {A: 2}");
            return null;
        }
        if (who == null) {
            return null;
        }
        if (Tag.INT.equals(s.getTag())) {
            int number;
            try {
                number = Integer.parseInt(s.getValue().strip());
            } catch (NumberFormatException e) {
                number = 0;
            }
            if (number < 1) {
                nodes.error(
                        nodes.at(v),
                        "button numbers count from 1, not " + s.getValue(),
                        "or write the label in quotes to press a button labelled " + s.getValue());
                return null;
            }
            return new Transcript.Press(who.partner(), who.chat(), null, number, answered, expect, src);
        }
        if (s.getValue().isBlank()) {
            nodes.error(nodes.at(v), "press needs a button label or number", "press: {A: \"Send it\"}");
            return null;
        }
        return new Transcript.Press(who.partner(), who.chat(), s.getValue(), 0, answered, expect, src);
    }

    private Transcript.TestStep safety(Node n, List<Transcript.ExpectedMessage> expect, Source src) {
        NodeTuple only = nodes.single(n, "safety", "safety: {A: crisis}   or   safety: {B@group: abuse}");
        if (only == null) {
            return null;
        }
        Who who = who(nodes.keyText(only), only.getKeyNode());
        String v = nodes.text(only.getValueNode(), "safety");
        if (v == null || who == null) {
            return null;
        }
        String value = v.strip().toLowerCase(Locale.ROOT);
        boolean check = value.startsWith("check ");
        Optional<SafetyKind> parsed =
                SafetyKind.parse(check ? value.substring(6).strip() : value);
        if (parsed.isEmpty()) {
            nodes.error(
                    nodes.at(only.getValueNode()),
                    "safety is one of " + SafetyKind.ids() + ", or 'check' and one of them for the gentle check, not '"
                            + v + "'",
                    "");
            return null;
        }
        return new Transcript.Detection(who.partner(), who.chat(), parsed.get(), check, expect, src);
    }

    private Who who(String key, Node keyNode) {
        if (key == null) {
            return null;
        }
        if (!TranscriptLoader.SAYERS.contains(key)) {
            String hint = TranscriptNodes.didYouMean(key, TranscriptLoader.SAYERS);
            nodes.error(
                    nodes.at(keyNode),
                    "'" + key + "' is not a partner and chat",
                    hint.isEmpty() ? "write A, B, A@group or B@group" : hint);
            return null;
        }
        Partner p = Partner.valueOf(key.substring(0, 1));
        if (!partners.containsKey(p)) {
            nodes.error(
                    nodes.at(keyNode),
                    p + " is not in partners (this transcript is an unpaired user)",
                    "add B under partners, e.g. partners: {A: Sam, B: Alex}");
            return null;
        }
        Chat chat = key.endsWith("@group") ? Chat.GROUP : Chat.privateOf(p);
        return new Who(p, chat);
    }
}
