package dev.rekindle.local;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.model.Source;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The steps that check what the bot kept rather than what it sent: {@code journal:} and {@code reminders:}. */
final class TranscriptChecks {
    private final TranscriptNodes nodes;
    private final TranscriptExpectations expectations;

    TranscriptChecks(TranscriptNodes nodes, TranscriptExpectations expectations) {
        this.nodes = nodes;
        this.expectations = expectations;
    }

    Transcript.TestStep journal(Node n, Source src) {
        if (!(n instanceof SequenceNode list)) {
            nodes.error(
                    nodes.at(n),
                    "journal must be a list of entries ([] for none)",
                    "for example journal: [{kind: appreciation, author: A, contains: coffee}]");
            return null;
        }
        List<Transcript.ExpectedEntry> entries = new ArrayList<>();
        boolean ok = true;
        for (Node e : list.getValue()) {
            if (!(e instanceof MappingNode m)) {
                nodes.error(
                        nodes.at(e),
                        "a journal entry is a mapping",
                        "{kind: appreciation, author: A, contains: coffee}");
                ok = false;
                continue;
            }
            Map<String, NodeTuple> k = nodes.keys(m, TranscriptLoader.ENTRY_KEYS, "in a journal entry");
            String kind = k.containsKey("kind") ? nodes.text(k.get("kind").getValueNode(), "kind") : null;
            String dialog = k.containsKey("dialog") ? nodes.text(k.get("dialog").getValueNode(), "dialog") : null;
            Partner author = null;
            if (k.containsKey("author")) {
                Node a = k.get("author").getValueNode();
                String v = nodes.text(a, "author");
                if ("A".equals(v) || "B".equals(v)) {
                    author = Partner.valueOf(v);
                } else if (v != null) {
                    nodes.error(nodes.at(a), "author is A or B, not '" + v + "'", "");
                    ok = false;
                }
            }
            Transcript.TextCheck check = expectations.textCheck(k);
            entries.add(new Transcript.ExpectedEntry(kind, author, dialog, check, nodes.at(e)));
        }
        return ok ? new Transcript.JournalCheck(entries, src) : null;
    }

    Transcript.TestStep reminders(Node n, Source src) {
        String example = "for example reminders: [{to: A, at: \"19:30\", days: [fri], contains: date night}]";
        if (!(n instanceof SequenceNode list)) {
            nodes.error(nodes.at(n), "reminders must be a list of reminders ([] for none)", example);
            return null;
        }
        List<Transcript.ExpectedReminder> out = new ArrayList<>();
        boolean ok = true;
        for (Node e : list.getValue()) {
            if (!(e instanceof MappingNode m)) {
                nodes.error(nodes.at(e), "a reminder is a mapping", example);
                ok = false;
                continue;
            }
            Map<String, NodeTuple> k = nodes.keys(m, TranscriptLoader.REMINDER_KEYS, "in a reminder");
            Partner to = null;
            if (k.containsKey("to")) {
                String v = nodes.text(k.get("to").getValueNode(), "to");
                if ("A".equals(v) || "B".equals(v)) {
                    to = Partner.valueOf(v);
                } else if (v != null) {
                    nodes.error(nodes.at(k.get("to").getValueNode()), "to is A or B, not '" + v + "'", "");
                    ok = false;
                }
            }
            String atTime = null;
            if (k.containsKey("at")) {
                String v = nodes.text(k.get("at").getValueNode(), "at");
                if (v != null && Reminder.clock(v).isPresent()) {
                    atTime = Reminder.clock(v).get().toString();
                } else if (v != null) {
                    nodes.error(
                            nodes.at(k.get("at").getValueNode()),
                            "at is a time such as \"19:30\", not '" + v + "'",
                            "");
                    ok = false;
                }
            }
            Set<DayOfWeek> days = k.containsKey("days") ? days(k.get("days").getValueNode()) : null;
            if (k.containsKey("days") && days == null) {
                ok = false;
            }
            out.add(new Transcript.ExpectedReminder(to, atTime, days, expectations.textCheck(k), nodes.at(e)));
        }
        return ok ? new Transcript.RemindersCheck(out, src) : null;
    }

    /** The days of days: (one word, or a list of them); null when they are not days (reported). */
    private Set<DayOfWeek> days(Node dn) {
        List<String> words = new ArrayList<>();
        if (dn instanceof SequenceNode s) {
            for (Node d : s.getValue()) {
                String w = nodes.text(d, "days");
                if (w != null) {
                    words.add(w);
                }
            }
        } else {
            String w = nodes.text(dn, "days");
            if (w != null) {
                words.add(w);
            }
        }
        Set<DayOfWeek> days = Reminder.days(String.join(",", words)).orElse(null);
        if (days == null) {
            nodes.error(nodes.at(dn), "days are " + Reminder.DAY_HINT + ", not " + words, "");
        }
        return days;
    }
}
