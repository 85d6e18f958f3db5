package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Triggers;
import dev.rekindle.dialog.validate.Problems;
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
        for (YNode.Entry e : map.entries()) {
            states.put(e.key(), reader.read(e.key(), e));
        }
        return states;
    }
}
