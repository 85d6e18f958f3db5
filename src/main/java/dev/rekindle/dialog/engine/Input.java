package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;

/** Everything that can happen to a couple's session, as the engine sees it: channel-free. */
public sealed interface Input {

    /**
     * Free text from a partner. {@code intent} is the classifier's verdict (an intent name from the
     * taxonomy, or null / out_of_scope when nothing fits); the engine never classifies by itself.
     */
    record Text(Partner from, Chat chat, String text, String intent) implements Input {}

    /** A slash command, lower case with the slash and without any @botname; {@code args} may be empty. */
    record Command(Partner from, Chat chat, String command, String args) implements Input {}

    /** A button press carrying the button's callback data. */
    record Press(Partner from, Chat chat, String data) implements Input {}

    /** A timer the engine scheduled came due. */
    record TimerFired(String timerId) implements Input {}

    /** The safety detector flagged a message: interrupts every dialog and timer of the couple. */
    record SafetyAlert(Partner from, Chat chat, SafetyKind kind) implements Input {}
}
