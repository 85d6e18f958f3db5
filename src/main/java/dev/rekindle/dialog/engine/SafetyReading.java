package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.SafetyKind;
import java.util.Objects;

/**
 * The safety detector's reading of one text, for each place the engine may find it: where the text is a message
 * of its own, and where it answers a question an exercise asked (honest, vulnerable answers are what those
 * questions are for). The detector cannot know which applies; the engine does.
 *
 * @param asMessage       the decision when nothing was asking for this text (or a question routed by intent)
 * @param asAnswer        the decision when the text answers an exercise's question
 * @param beforeSharing   the kind to check privately before this text, kept as an answer, reaches the partner
 *                        or the group (the stricter setting); null when it may be shared once its author agrees
 */
public record SafetyReading(SafetyDecision asMessage, SafetyDecision asAnswer, SafetyKind beforeSharing) {
    /** Nothing to act on, anywhere. */
    public static final SafetyReading NONE =
            new SafetyReading(SafetyDecision.nothing(), SafetyDecision.nothing(), null);

    public SafetyReading {
        Objects.requireNonNull(asMessage, "asMessage");
        Objects.requireNonNull(asAnswer, "asAnswer");
    }

    /** The same decision wherever the text is found, e.g. a transcript's simulated detector. */
    public static SafetyReading everywhere(SafetyDecision d) {
        SafetyKind share = d instanceof SafetyDecision.Nothing ? null : d.kind();
        return new SafetyReading(d, d, share);
    }

    public SafetyDecision decision(boolean answering) {
        return answering ? asAnswer : asMessage;
    }
}
