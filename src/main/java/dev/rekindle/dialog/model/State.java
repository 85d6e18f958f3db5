package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;

/**
 * One state of a dialog. On entry: set variables, increment counters, swap roles, save a journal
 * entry, set a reminder, then say the message (if any), then do the step. {@code actor} is the role (or null for
 * either partner) that may act while the dialog waits here. {@code reminder} and {@code sharedExercises} are null
 * for most states.
 */
public record State(
        String name,
        Source source,
        String actor,
        Map<String, String> set,
        List<String> increment,
        boolean swapRoles,
        Journal journal,
        Message say,
        Step step,
        Reminder reminder,
        SharedExercises sharedExercises) {

    /**
     * What entering the state does to a pause of shared exercises that this person's words caused: turn them back
     * on after bot.yaml's {@code resume_after} (so nobody can make it happen on the spot), or cancel that.
     * YAML: {@code shared_exercises: resume} or {@code keep_paused}.
     */
    public enum SharedExercises {
        RESUME,
        KEEP_PAUSED
    }

    public State {
        set = Map.copyOf(set);
        increment = List.copyOf(increment);
    }

    /** A state without a reminder. */
    public State(
            String name,
            Source source,
            String actor,
            Map<String, String> set,
            List<String> increment,
            boolean swapRoles,
            Journal journal,
            Message say,
            Step step) {
        this(name, source, actor, set, increment, swapRoles, journal, say, step, null, null);
    }

    public boolean isEnd() {
        return step instanceof Step.End;
    }
}
