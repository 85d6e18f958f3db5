package dev.rekindle.dialog.model;

import java.util.List;

/** What starts a dialog: slash commands (with the slash) and intent names from the taxonomy. */
public record Triggers(List<String> commands, List<String> intents) {
    public Triggers {
        commands = List.copyOf(commands);
        intents = List.copyOf(intents);
    }

    public static Triggers none() {
        return new Triggers(List.of(), List.of());
    }
}
