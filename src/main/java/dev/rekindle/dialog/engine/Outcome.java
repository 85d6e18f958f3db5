package dev.rekindle.dialog.engine;

import java.util.List;

/** The engine's answer to one input: the new session and what to do. */
public record Outcome(Session session, List<Action> actions) {
    public Outcome {
        actions = List.copyOf(actions);
    }
}
