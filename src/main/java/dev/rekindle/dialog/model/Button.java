package dev.rekindle.dialog.model;

import java.util.Map;

/** A button under a message: pressing it may set variables and leads to a state. */
public record Button(String label, String to, Map<String, String> set, Source source) {
    public Button {
        set = Map.copyOf(set);
    }
}
