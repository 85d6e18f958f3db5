package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;

/**
 * A compiled dialog: immutable, shared by every chat that runs it. {@code version} is a fingerprint
 * of the file's content, so a session knows which version it started on. {@code onChange} is the
 * state a running session moves to when its version is gone and its state no longer exists.
 */
public record Dialog(
        String id,
        String title,
        String description,
        Audience audience,
        Triggers triggers,
        List<String> roles,
        Map<String, String> variables,
        String start,
        String onChange,
        Map<String, State> states,
        String version,
        Source source) {
    public Dialog {
        roles = List.copyOf(roles);
        variables = Map.copyOf(variables);
        states = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(states));
    }

    public State state(String name) {
        return states.get(name);
    }

    public String key() {
        return id + "@" + version;
    }
}
