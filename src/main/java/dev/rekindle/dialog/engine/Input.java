package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.util.List;

/** Everything that can happen to a couple's session, as the engine sees it: channel-free. */
public sealed interface Input {

    /**
     * Free text from a partner. {@code intent} is what the classifier is sure enough of to act on (an intent name
     * from the taxonomy, or null / out_of_scope when nothing fits or it is unsure), {@code safety} the safety
     * detector's reading, and {@code offers} the one or two likeliest intents to offer when the classifier was
     * unsure (then {@code intent} is out_of_scope), empty otherwise; the engine never classifies by itself.
     */
    record Text(Partner from, Chat chat, String text, String intent, SafetyReading safety, List<String> offers)
            implements Input {
        public Text {
            safety = safety == null ? SafetyReading.NONE : safety;
            offers = offers == null ? List.of() : List.copyOf(offers);
        }

        /** Text with a verdict the classifier was sure of (or none), read by the safety detector. */
        public Text(Partner from, Chat chat, String text, String intent, SafetyReading safety) {
            this(from, chat, text, intent, safety, List.of());
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
