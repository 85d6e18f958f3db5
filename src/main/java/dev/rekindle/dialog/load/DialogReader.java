package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Triggers;
import dev.rekindle.dialog.validate.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link Dialog} from the tree of one file. It keeps going after a problem and fills what it
 * could not read with null, so that the validator can still report the problems of the rest.
 */
final class DialogReader {
    static final List<String> KEYS = List.of(
            "id", "title", "description", "audience", "triggers", "roles", "variables", "start", "on_change", "states");
    private static final List<String> TRIGGER_KEYS = List.of("commands", "intents");

    private final Problems problems;

    DialogReader(Problems problems) {
        this.problems = problems;
    }

    Dialog read(YNode root, String version) {
        MappingReader m = MappingReader.of(root, "the dialog", KEYS, problems);
        String id = m.requiredText("id", "add 'id: <name>' at the top, e.g. id: daily_checkin");
        String title = m.requiredText("title", "add 'title: ...', the name shown in the menu");
        String description = m.requiredText("description", "add 'description: ...', one sentence shown in /help");
        Audience audience = m.has("audience") ? m.choice("audience", MappingReader.options(Audience.values())) : null;
        if (!m.has("audience")) {
            m.missing(
                    "audience",
                    "add 'audience: private' (one partner's chat) or 'audience: group' (the couple's group)");
        }
        String start = m.requiredText("start", "add 'start: <state>' with the first state");
        return new Dialog(
                id,
                title,
                description,
                audience,
                triggers(m),
                m.texts("roles"),
                m.scalars("variables"),
                start,
                m.text("on_change"),
                states(m),
                version,
                root.source());
    }

    private Triggers triggers(MappingReader m) {
        YNode n = m.node("triggers");
        if (n == null) {
            return Triggers.none();
        }
        MappingReader t = MappingReader.of(n, "the triggers", TRIGGER_KEYS, problems);
        return new Triggers(t.texts("commands"), t.texts("intents"));
    }

    private Map<String, State> states(MappingReader m) {
        Map<String, State> states = new LinkedHashMap<>();
        if (!m.has("states")) {
            m.missing("states", "add 'states:' with at least the start state");
            return states;
        }
        YNode.Map map = m.map("states");
        if (map == null) {
            return states;
        }
        if (map.entries().isEmpty()) {
            problems.error(map.source(), "'states' is empty", "add at least the start state");
        }
        StateReader reader = new StateReader(problems);
        for (YNode.Entry e : withStrayKeysInPlace(map.entries())) {
            states.put(e.key(), reader.read(e.key(), e));
        }
        return states;
    }

    /**
     * A state's own key ({@code to: b}, {@code say: "..."}) indented like a state name is read by YAML as a state
     * of its own, which could only be an error (a state is a mapping). It is reported once, in words about
     * indentation, and read as part of the state above it, where it was meant to be: so the one mistake is not
     * also "no way out" for that state and "never reached" for the states after it.
     */
    private List<YNode.Entry> withStrayKeysInPlace(List<YNode.Entry> entries) {
        List<YNode.Entry> out = new ArrayList<>();
        for (YNode.Entry e : entries) {
            YNode.Entry owner = out.isEmpty() ? null : out.get(out.size() - 1);
            if (owner == null || !StateReader.KEYS.contains(e.key()) || e.value() instanceof YNode.Map) {
                out.add(e);
                continue;
            }
            int column = owner.keySource().column() + 2;
            if (owner.value() instanceof YNode.Map m
                    && !m.entries().isEmpty()
                    && m.entries().get(0).keySource().column()
                            > owner.keySource().column()) {
                column = m.entries().get(0).keySource().column();
            }
            problems.error(
                    e.keySource(),
                    "'" + e.key() + "' is indented like a state name, so YAML reads it as a state of its own, not as"
                            + " part of state '" + owner.key() + "' above it",
                    "indent it under state '" + owner.key() + "', to column " + column + " like that state's keys");
            List<YNode.Entry> merged = new ArrayList<>();
            if (owner.value() instanceof YNode.Map m) {
                merged.addAll(m.entries());
            } else if (!(owner.value() instanceof YNode.Scalar s && s.isNull())) {
                continue; // the state above is not a mapping either: it is reported as such
            }
            merged.add(e);
            out.set(
                    out.size() - 1,
                    new YNode.Entry(
                            owner.key(),
                            owner.keySource(),
                            new YNode.Map(merged, owner.value().source())));
        }
        return out;
    }
}
