package dev.rekindle.telegram;

/**
 * One Telegram update as the app layer sees it: ids and words, no org.telegram types. Every kind
 * carries the update id, which the store uses to recognise a redelivered update.
 */
public sealed interface IncomingUpdate {
    int updateId();

    /** Free text a person typed. */
    record TextMessage(int updateId, long chatId, ChatType chatType, long userId, String firstName, String text)
            implements IncomingUpdate {
        /** Without the text: a partner's words must not reach a log line by accident. */
        @Override
        public String toString() {
            return "TextMessage[updateId=" + updateId + ", chatId=" + chatId + ", chatType=" + chatType + ", userId="
                    + userId + ", text=(" + text.length() + " chars)]";
        }
    }

    /**
     * A slash command for us: {@code command} is lower case, without the slash and without our @botname;
     * {@code args} is the rest of the line, stripped, possibly empty.
     */
    record Command(
            int updateId, long chatId, ChatType chatType, long userId, String firstName, String command, String args)
            implements IncomingUpdate {
        /** Without the args, which are a partner's words too. */
        @Override
        public String toString() {
            return "Command[updateId=" + updateId + ", chatId=" + chatId + ", chatType=" + chatType + ", userId="
                    + userId + ", command=" + command + ", args=(" + args.length() + " chars)]";
        }
    }

    /**
     * A press on one of our inline buttons; answer {@code callbackQueryId} so the client stops spinning (and, for a
     * press that does nothing, says why). {@code messageHtml} is the pressed message's text as the bot's HTML, which
     * an edit showing the answer starts from; null when Telegram did not send it.
     */
    record ButtonPress(
            int updateId,
            String callbackQueryId,
            long chatId,
            ChatType chatType,
            long userId,
            String firstName,
            String data,
            int messageId,
            String messageHtml)
            implements IncomingUpdate {
        /** Without the pressed message's text. */
        public ButtonPress(
                int updateId,
                String callbackQueryId,
                long chatId,
                ChatType chatType,
                long userId,
                String firstName,
                String data,
                int messageId) {
            this(updateId, callbackQueryId, chatId, chatType, userId, firstName, data, messageId, null);
        }

        /** Without the pressed message's text, which may quote a partner. */
        @Override
        public String toString() {
            return "ButtonPress[updateId=" + updateId + ", chatId=" + chatId + ", chatType=" + chatType + ", userId="
                    + userId + ", messageId=" + messageId + ", messageHtml="
                    + (messageHtml == null ? "none" : "(" + messageHtml.length() + " chars)") + "]";
        }
    }

    /** A photo, voice note, sticker, document...: the bot answers kindly that it reads text only. */
    record NonTextMessage(int updateId, long chatId, ChatType chatType, long userId, MediaKind kind)
            implements IncomingUpdate {}

    /**
     * A group became a supergroup and changed id. Telegram says it twice (a service message in the old chat
     * with migrate_to_chat_id, one in the new chat with migrate_from_chat_id); both map to this, so applying
     * it must be idempotent.
     */
    record GroupMigrated(int updateId, long oldChatId, long newChatId) implements IncomingUpdate {}

    /** Someone added the bot to a chat (or a user unblocked it in a private chat). */
    record BotAdded(int updateId, long chatId, ChatType chatType, long byUserId) implements IncomingUpdate {}

    /** The bot was removed from a group, or, in a private chat, the user blocked it. */
    record BotRemoved(int updateId, long chatId, ChatType chatType) implements IncomingUpdate {}

    /** A member other than the bot left a group (or was removed). */
    record MemberLeft(int updateId, long chatId, long userId) implements IncomingUpdate {}

    /** Everything we deliberately do not act on; {@code what} says which kind, for a debug line. */
    record Ignored(int updateId, String what) implements IncomingUpdate {}

    enum MediaKind {
        PHOTO,
        VIDEO,
        VIDEO_NOTE,
        VOICE,
        AUDIO,
        STICKER,
        ANIMATION,
        DOCUMENT,
        LOCATION,
        CONTACT,
        POLL,
        DICE,
        OTHER
    }
}
