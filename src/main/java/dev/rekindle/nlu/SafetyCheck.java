package dev.rekindle.nlu;

/**
 * The hook for the safety detector: what the {@code nlu classify} and {@code nlu eval} commands (and, later, the
 * bot) ask about every message before any intent routing.
 */
@FunctionalInterface
public interface SafetyCheck {
    String CRISIS = "crisis";
    String ABUSE = "abuse";

    /** {@value #CRISIS}, {@value #ABUSE}, or null when the message raises no safety concern. */
    String check(String text);
}
