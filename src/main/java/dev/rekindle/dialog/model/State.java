package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;

/**
 * One state of a dialog. On entry: set variables, increment counters, swap roles, save a journal
 * entry, set a reminder, then say the message (if any), then do the step. {@code actor} is the role (or null for
 * either partner) that may act while the dialog waits here. {@code reminder} is null for most states.
 */
public record State(String name, Source source, String actor, Map<String, String> set, List<String> increment,
                    boolean swapRoles, Journal journal, Message say, Step step, Reminder reminder) {
    public State {
        set = Map.copyOf(set);
        increment = List.copyOf(increment);
    }

    /** A state without a reminder. */
    public State(String name, Source source, String actor, Map<String, String> set, List<String> increment,
                 boolean swapRoles, Journal journal, Message say, Step step) {
        this(name, source, actor, set, increment, swapRoles, journal, say, step, null);
    }

    public boolean isEnd() {
        return step instanceof Step.End;
    }
}
