package dev.rekindle.bot;

import java.util.List;
import java.util.Objects;

/**
 * A message as the outbox keeps it, in the channel's terms: which chat it goes to is the entry's (a chat id), so
 * the bot's own flows, which run before any couple or engine chat exists, have nothing to invent. The sender
 * renders it for the channel at the last moment (splitting included).
 */
public sealed interface OutboxMessage {

    /** Words to send, HTML with b and i tags only, and buttons one per row. */
    record Text(String html, List<Button> buttons) implements OutboxMessage {
        public Text {
            Objects.requireNonNull(html, "html");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
        }

        /** The same words without buttons: a sorry said on its own must not ask anything. */
        public Text withoutButtons() {
            return new Text(html, List.of());
        }
    }

    /** A button: its label and the data a press sends back. */
    record Button(String label, String data) {}

    /**
     * Take the buttons off a message. {@code pressedMessageId} is the channel's id of the message when a press
     * named it (the bot's own flows); 0 when the entry's ref names a message the bot sent for a couple.
     * {@code chosenLabel} is the answer given (null: none to show). {@code pressedHtml} is the message's text as it
     * reads, when a press brought it: the message then reads on with the answer under it.
     */
    record CloseButtons(long pressedMessageId, String chosenLabel, String pressedHtml) implements OutboxMessage {
        /** Without the pressed message's text: the buttons go, the text stays. */
        public CloseButtons(long pressedMessageId, String chosenLabel) {
            this(pressedMessageId, chosenLabel, null);
        }
    }

    /**
     * The answer to a press, seen by its presser alone: {@code text} (plain) in a pop-up when the press did nothing,
     * or null only to show the press was taken. {@code answerId} is the channel's id of the press.
     */
    record PressAnswer(String answerId, String text) implements OutboxMessage {
        public PressAnswer {
            Objects.requireNonNull(answerId, "answerId");
        }
    }
}
