package dev.rekindle.bot;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.store.Member;

/**
 * Something a partner did in one of the couple's chats, in channel-neutral terms: the adapter has already
 * stored it in the inbox under {@code updateId} and resolved who wrote where ({@link Member}). Text and
 * command arguments are a partner's words: they stay out of {@code toString()} and out of every log line.
 */
public sealed interface Received {
    long updateId();

    Member who();

    /** Free text. */
    record Text(long updateId, Member who, String text) implements Received {
        @Override
        public String toString() {
            return "Text[updateId=" + updateId + ", who=" + who + ", text=(" + text.length() + " chars)]";
        }
    }

    /** A slash command: {@code command} lower case without the slash or any @botname; {@code args} may be empty. */
    record Command(long updateId, Member who, String command, String args) implements Received {
        @Override
        public String toString() {
            return "Command[updateId=" + updateId + ", who=" + who + ", command=" + command + ", args=("
                    + args.length() + " chars)]";
        }
    }

    /**
     * A press on one of the bot's buttons, with its callback data. {@code messageId} is the channel's id of the
     * message the button is on (0 when unknown): the bot's own flows close that message's buttons by it.
     */
    record Press(long updateId, Member who, String data, long messageId) implements Received {
        public Press(long updateId, Member who, String data) {
            this(updateId, who, data, 0);
        }
    }

    /** A photo, voice note, sticker or file: the bot reads words only and says so kindly. */
    record NonText(long updateId, Member who) implements Received {}

    /**
     * A partner answered the private safety screening that they do not feel safe: the core starts the safety
     * dialog in their private chat and pauses the couple's shared exercises, as for a disclosure in a message.
     */
    record Safety(long updateId, Member who, SafetyKind kind) implements Received {}
}
