package dev.rekindle.dialog.model;

import java.util.Map;

/**
 * A button under a message: pressing it may set variables and leads to a state. {@code actor} says who may press
 * it in a group dialog: a role, {@link #ANY} (either partner) or a partner ({@code A}, {@code B}); null leaves it to
 * the state's {@code actor:}.
 */
public record Button(String label, String to, Map<String, String> set, String actor, Source source) {
    /** The actor that lets either partner press, whatever the state's {@code actor:} says. */
    public static final String ANY = "any";

    public Button {
        set = Map.copyOf(set);
    }

    /** A button without an actor of its own. */
    public Button(String label, String to, Map<String, String> set, Source source) {
        this(label, to, set, null, source);
    }

    /** The actor that decides who may press: the button's own, else the state's (null: either partner). */
    public String actorIn(State state) {
        return actor != null ? actor : state.actor();
    }
}
