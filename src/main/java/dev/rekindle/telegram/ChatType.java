package dev.rekindle.telegram;

/** The kinds of Telegram chat; a couple's private chats are PRIVATE, their shared chat a group or supergroup. */
public enum ChatType {
    PRIVATE,
    GROUP,
    SUPERGROUP,
    CHANNEL;

    static ChatType parse(String type) {
        if (type == null) {
            return PRIVATE;
        }
        return switch (type) {
            case "group" -> GROUP;
            case "supergroup" -> SUPERGROUP;
            case "channel" -> CHANNEL;
            default -> PRIVATE;
        };
    }

    public boolean isGroup() {
        return this == GROUP || this == SUPERGROUP;
    }
}
