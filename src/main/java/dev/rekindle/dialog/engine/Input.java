package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;

/** Everything that can happen to a couple's session, as the engine sees it: channel-free. */
public sealed interface Input {

    /**
     * Free text from a partner. {@code intent} is the classifier's verdict (an intent name from the
     * taxonomy, or null / out_of_scope when nothing fits) and {@code safety} the safety detector's reading;
     * the engine never classifies by itself.
     */
    record Text(Partner from, Chat chat, String text, String intent, SafetyReading safety) implements Input {
        public Text {
            safety = safety == null ? SafetyReading.NONE : safety;
        }

        /** Text the safety detector let through. */
        public Text(Partner from, Chat chat, String text, String intent) {
            this(from, chat, text, intent, SafetyReading.NONE);
        }
    }

    /** A slash command, lower case with the slash and without any @botname; {@code args} may be empty. */
    record Command(Partner from, Chat chat, String command, String args) implements Input {}

    /** A button press carrying the button's callback data. */
    record Press(Partner from, Chat chat, String data) implements Input {}

    /** A timer the engine scheduled came due. */
    record TimerFired(String timerId) implements Input {}

    /**
     * A safety flow of {@code kind} for this partner, whatever they were doing: the onboarding answer "not always",
     * a simulated detector. A flow that takes over interrupts the couple's dialogs and timers.
     */
    record SafetyAlert(Partner from, Chat chat, SafetyKind kind) implements Input {}

    /**
     * Ask {@code from} the gentle check of {@code kind}, privately, on top of whatever runs: a simulated detector that
     * is unsure (the terminal chat's and the transcripts' {@code check}).
     */
    record SafetyCheck(Partner from, Chat chat, SafetyKind kind) implements Input {}
}
