package dev.rekindle.nlu;

import dev.rekindle.dialog.engine.SafetyDecision;

/**
 * The hook for the safety detector: what the {@code nlu classify} and {@code nlu eval} commands ask about every
 * message, read as a message of its own (not an answer to an exercise's question).
 */
@FunctionalInterface
public interface SafetyCheck {
    String CRISIS = "crisis";
    String ABUSE = "abuse";

    /** A flow, a gentle check, or nothing. */
    SafetyDecision decide(String text);

    /** The kind of a flow or a check ({@code crisis}, {@code partner_at_risk}, ...), or null when nothing is raised. */
    default String check(String text) {
        SafetyDecision d = decide(text);
        return d.kind() == null ? null : d.kind().id();
    }
}
