package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;

/**
 * One state of a dialog. On entry: set variables, increment counters, swap roles, save a journal
 * entry, then say the message (if any), then do the step. {@code actor} is the role (or null for
 * either partner) that may act while the dialog waits here.
 */
public record State(String name, Source source, String actor, Map<String, String> set, List<String> increment,
                    boolean swapRoles, Journal journal, Message say, Step step) {
    public State {
        set = Map.copyOf(set);
        increment = List.copyOf(increment);
    }

    public boolean isEnd() {
        return step instanceof Step.End;
    }
}
