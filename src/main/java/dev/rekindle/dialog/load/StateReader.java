package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Journal;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.validate.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one state: its entry effects, its message, and its single step (see {@link StepReader}). */
final class StateReader {

    /** Step keys and the group each belongs to: a state may use keys of one group only. */
    static final Map<String, String> STEP_GROUP = stepGroups();

    static final List<String> KEYS = List.of(
            "set",
            "increment",
            "swap_roles",
            "journal",
            "reminder",
            "say",
            "actor",
            "to",
            "buttons",
            "capture",
            "routes",
            "any_text",
            "timer",
            "branch",
            "call",
            "handover",
            "assign_roles",
            "rendezvous",
            "share",
            "end",
            "follow_up",
            "raise",
            "shared_exercises");

    private static final List<String> JOURNAL_KEYS = List.of("kind", "text", "author");
    private static final List<String> TEXT_HANDLERS = List.of("capture", "routes", "any_text");

    private final Problems problems;

    StateReader(Problems problems) {
        this.problems = problems;
    }

    private static Map<String, String> stepGroups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("to", "to");
        for (String k : List.of("buttons", "capture", "routes", "any_text", "timer")) {
            g.put(k, "wait");
        }
        for (String k : List.of("branch", "call", "handover", "assign_roles", "rendezvous", "share", "end", "raise")) {
            g.put(k, k);
        }
        g.put("follow_up", "end"); // a follow-up ends the dialog, so it cannot share a state with another step
        return g;
    }

    State read(String name, YNode.Entry entry) {
        String what = "state '" + name + "'";
        MappingReader m = MappingReader.of(entry.value(), what, KEYS, problems);
        Map<String, String> set = m.scalars("set");
        List<String> increment = m.textOrTexts("increment");
        boolean swap = m.flag("swap_roles").orElse(false);
        Journal journal = journal(m);
        Message say = m.message("say");
        Reminder reminder = m.has("reminder") ? new ReminderReader(problems).read(m.node("reminder"), m.what()) : null;
        String actor = m.text("actor");
        State.SharedExercises shared = m.has("shared_exercises")
                ? m.choice("shared_exercises", MappingReader.options(State.SharedExercises.values()))
                : null;
        Step step = step(name, m);
        return new State(name, entry.keySource(), actor, set, increment, swap, journal, say, step, reminder, shared);
    }

    private Journal journal(MappingReader state) {
        YNode n = state.node("journal");
        if (n == null) {
            return null;
        }
        MappingReader j = MappingReader.of(n, "the journal of " + state.what(), JOURNAL_KEYS, problems);
        String kind = j.requiredText("kind", "add 'kind: <name>', e.g. kind: appreciation");
        Message text =
                j.requiredMessage("text", "add 'text: \"...\"' with what to save, e.g. text: \"{appreciation}\"");
        String author = j.has("author") ? j.text("author") : "me";
        return new Journal(kind, text, author, n.source());
    }

    /** The state's step, or null when it has none (the validator reports the dead end unless it is an end). */
    private Step step(String name, MappingReader m) {
        String group = null;
        String firstKey = null;
        String textHandler = null;
        for (YNode.Entry e : m.entries()) {
            String g = STEP_GROUP.get(e.key());
            if (g == null) {
                continue;
            }
            if (group == null) {
                group = g;
                firstKey = e.key();
            } else if (!group.equals(g)) {
                problems.error(
                        e.keySource(),
                        "state '" + name + "' has both '" + firstKey + "' and '" + e.key()
                                + "', but a state can do only one thing",
                        "keep one; to do both, put '" + e.key() + "' in a new state and go there with 'to:'");
            }
            if (g.equals("wait") && TEXT_HANDLERS.contains(e.key())) {
                if (textHandler != null) {
                    problems.error(
                            e.keySource(),
                            "state '" + name + "' has both '" + textHandler + "' and '" + e.key()
                                    + "', but a state takes at most one of capture, routes, any_text",
                            "keep one (routes has a fallback for any other text)");
                } else {
                    textHandler = e.key();
                }
            }
        }
        if (group == null) {
            return null;
        }
        return new StepReader(problems, name, m).read(group, textHandler);
    }
}
