package dev.rekindle.bot;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.store.Member;

/**
 * Something a partner did in one of the couple's chats: the adapter has already stored it in the inbox under
 * {@code updateId}, resolved who wrote where in the engine's terms ({@link Member}) and kept where it came from in
 * the channel's ids ({@link Origin}), which the bot's own flows answer by. Text and command arguments are a
 * partner's words: they stay out of {@code toString()} and out of every log line.
 */
public sealed interface Received {
    long updateId();

    Member who();

    Origin from();

    /**
     * Where an update came from, in the channel's ids: the chat, the person, and the first name they go by there
     * (empty when the channel did not say).
     */
    record Origin(long chatId, long userId, String firstName) {
        public Origin {
            firstName = firstName == null ? "" : firstName;
        }

        /** Without the first name: a person's name stays out of log lines too. */
        @Override
        public String toString() {
            return "Origin[chatId=" + chatId + ", userId=" + userId + "]";
        }

        /** A person's own private chat, whose id is theirs. */
        public static Origin privateChat(long userId, String firstName) {
            return new Origin(userId, userId, firstName);
        }
    }

    /** Free text. */
    record Text(long updateId, Member who, Origin from, String text) implements Received {
        @Override
        public String toString() {
            return "Text[updateId=" + updateId + ", who=" + who + ", from=" + from + ", text=(" + text.length()
                    + " chars)]";
        }
    }

    /** A slash command: {@code command} lower case without the slash or any @botname; {@code args} may be empty. */
    record Command(long updateId, Member who, Origin from, String command, String args) implements Received {
        @Override
        public String toString() {
            return "Command[updateId=" + updateId + ", who=" + who + ", from=" + from + ", command=" + command
                    + ", args=(" + args.length() + " chars)]";
        }
    }

    /**
     * A press on one of the bot's buttons, with its callback data. {@code messageId} is the channel's id of the
     * message the button is on (0 when unknown): the bot's own flows close that message's buttons by it.
     * {@code answerId} is the channel's id of the press itself, by which its presser alone is answered (a refusal
     * in a pop-up); null when it was answered already. {@code pressedHtml} is the text of the pressed message as
     * the bot's HTML, which then shows the answer under it; null when the channel did not say.
     */
    record Press(
            long updateId, Member who, Origin from, String data, long messageId, String answerId, String pressedHtml)
            implements Received {
        public Press(long updateId, Member who, Origin from, String data) {
            this(updateId, who, from, data, 0);
        }

        public Press(long updateId, Member who, Origin from, String data, long messageId) {
            this(updateId, who, from, data, messageId, null, null);
        }

        /** The same press, answered already: nobody answers it again. */
        public Press answered() {
            return new Press(updateId, who, from, data, messageId, null, pressedHtml);
        }

        /** Without the data or the pressed text: a button of the bot's own may carry what the person typed. */
        @Override
        public String toString() {
            return "Press[updateId=" + updateId + ", who=" + who + ", from=" + from + ", data=(" + data.length()
                    + " chars), messageId=" + messageId + ", answered=" + (answerId == null) + "]";
        }
    }

    /** A photo, voice note, sticker or file: the bot reads words only and says so kindly. */
    record NonText(long updateId, Member who, Origin from) implements Received {}

    /**
     * A partner answered the private safety screening that they do not feel safe: the core starts the safety
     * dialog in their private chat and pauses the couple's shared exercises, as for a disclosure in a message.
     */
    record ScreenedUnsafe(long updateId, Member who, Origin from, SafetyKind kind) implements Received {}
}
