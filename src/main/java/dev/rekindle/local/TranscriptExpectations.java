package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What a step expects the bot to send (a step's {@code expect:}: to whom, which text, which buttons), and the
 * text check ({@code text:}, {@code contains:} or {@code matches:}) that journal entries and reminders use too.
 */
final class TranscriptExpectations {
    private final TranscriptNodes nodes;
    private final Map<Partner, String> partners;

    TranscriptExpectations(TranscriptNodes nodes, Map<Partner, String> partners) {
        this.nodes = nodes;
        this.partners = partners;
    }

    /** The messages of step {@code number}'s expect: in order; null (reported) when it is not a list. */
    List<Transcript.ExpectedMessage> read(Node n, int number) {
        if (!(n instanceof SequenceNode list)) {
            nodes.error(
                    nodes.at(n),
                    "expect must be a list of messages ([] when the bot says nothing)",
                    "for example expect: [{to: A, contains: Hello}]");
            return null;
        }
        List<Transcript.ExpectedMessage> out = new ArrayList<>();
        for (Node e : list.getValue()) {
            if (!(e instanceof MappingNode m)) {
                nodes.error(
                        nodes.at(e),
                        "an expected message is a mapping with to: and text:, contains: or matches:",
                        "for example - {to: A, contains: Hello}");
                continue;
            }
            Map<String, NodeTuple> k =
                    nodes.keys(m, TranscriptLoader.EXPECT_KEYS, "in an expected message of step " + number);
            Transcript.TextCheck check = textCheck(k);
            List<String> buttons =
                    k.containsKey("buttons") ? buttons(k.get("buttons").getValueNode()) : null;
            if (k.containsKey("popup")) {
                Partner popup = popup(k);
                if (popup != null) {
                    out.add(new Transcript.ExpectedMessage(null, popup, check, buttons, nodes.at(m)));
                }
                continue;
            }
            Chat to = recipient(m, k);
            if (to != null) {
                out.add(new Transcript.ExpectedMessage(to, check, buttons, nodes.at(m)));
            }
        }
        return out;
    }

    /**
     * The partner of popup: (A or B), who alone sees the answer to their refused press; null when it is wrong or
     * beside to: (reported).
     */
    private Partner popup(Map<String, NodeTuple> k) {
        Node pn = k.get("popup").getValueNode();
        if (k.containsKey("to")) {
            nodes.error(
                    nodes.at(k.get("to").getKeyNode()),
                    "an expected message is either in a chat (to:) or a pop-up to the partner who pressed (popup:),"
                            + " not both",
                    "remove to: for a pop-up");
            return null;
        }
        if (k.containsKey("buttons")) {
            nodes.error(nodes.at(k.get("buttons").getKeyNode()), "a pop-up has no buttons", "remove buttons:");
            return null;
        }
        String v = nodes.text(pn, "popup");
        if (!"A".equals(v) && !"B".equals(v)) {
            if (v != null) {
                nodes.error(nodes.at(pn), "popup: is the partner who pressed, A or B, not '" + v + "'", "");
            }
            return null;
        }
        Partner p = Partner.valueOf(v);
        if (!partners.containsKey(p)) {
            nodes.error(nodes.at(pn), "popup: " + v + ", but " + v + " is not in partners", "");
            return null;
        }
        return p;
    }

    /** The chat of to: (A, B or group); null when it is missing or wrong (reported). */
    private Chat recipient(MappingNode m, Map<String, NodeTuple> k) {
        if (!k.containsKey("to")) {
            nodes.error(
                    nodes.at(m),
                    "an expected message needs to: (A, B or group), or popup: (A or B) for the answer to a refused"
                            + " press",
                    "");
            return null;
        }
        Chat to = null;
        Node tn = k.get("to").getValueNode();
        String v = nodes.text(tn, "to");
        if ("A".equals(v)) {
            to = Chat.A;
        } else if ("B".equals(v)) {
            to = Chat.B;
        } else if ("group".equals(v)) {
            to = Chat.GROUP;
        } else if (v != null) {
            nodes.error(
                    nodes.at(tn),
                    "to: is A, B or group, not '" + v + "'",
                    v.equalsIgnoreCase("group") ? "write group in lower case" : "");
        }
        if (to == Chat.B && !partners.containsKey(Partner.B)) {
            nodes.error(
                    nodes.at(tn),
                    "to: B, but B is not in partners (this transcript is an unpaired user)",
                    "add B under partners, e.g. partners: {A: Sam, B: Alex}");
        }
        return to;
    }

    /** The labels of buttons: ([] for none); null (reported) when it is not a list. */
    private List<String> buttons(Node b) {
        if (!(b instanceof SequenceNode list)) {
            nodes.error(nodes.at(b), "buttons must be a list of labels ([] for none)", "buttons: [Yes, No]");
            return null;
        }
        List<String> buttons = new ArrayList<>();
        for (Node label : list.getValue()) {
            String l = nodes.text(label, "a button label");
            if (l != null) {
                buttons.add(l);
            }
        }
        return buttons;
    }

    /** At most one of text:, contains:, matches: (null when none). */
    Transcript.TextCheck textCheck(Map<String, NodeTuple> k) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("text", "contains", "matches")) {
            if (k.containsKey(key)) {
                given.add(key);
            }
        }
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            nodes.error(
                    nodes.at(k.get(given.get(1)).getKeyNode()),
                    "use one of text:, contains: and matches:, not " + String.join(" and ", given),
                    "");
            return null;
        }
        String key = given.get(0);
        Node vn = k.get(key).getValueNode();
        String v = nodes.text(vn, key);
        if (v == null) {
            return null;
        }
        if (key.equals("text")) {
            return Transcript.TextCheck.text(v);
        }
        if (key.equals("contains")) {
            return Transcript.TextCheck.contains(v);
        }
        try {
            return Transcript.TextCheck.matches(v);
        } catch (PatternSyntaxException e) {
            nodes.error(
                    nodes.at(vn),
                    "matches: is not a valid Java regular expression: " + e.getDescription() + " near character "
                            + (e.getIndex() + 1),
                    "quote special characters with \\\\");
            return null;
        }
    }
}
