package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.SafetyKind;

/**
 * What the safety detector decided about one message in one context: a flow (clear and current: the kind's
 * private flow), a check (unsure: a gentle private question, nothing paused unless the person says so), or
 * nothing.
 */
public sealed interface SafetyDecision {
    /**
     * Nothing to do. A method, not a constant: a constant of this interface that is a {@link Nothing} would make
     * initialising either type wait for the other (a class initialization deadlock across threads).
     */
    static SafetyDecision nothing() {
        return new Nothing();
    }

    record Flow(SafetyKind kind) implements SafetyDecision {
        public Flow {
            java.util.Objects.requireNonNull(kind, "kind");
        }
    }

    record Check(SafetyKind kind) implements SafetyDecision {
        public Check {
            java.util.Objects.requireNonNull(kind, "kind");
        }
    }

    record Nothing() implements SafetyDecision {}

    /** The kind of a flow or check; null for nothing. */
    default SafetyKind kind() {
        return null;
    }
}
