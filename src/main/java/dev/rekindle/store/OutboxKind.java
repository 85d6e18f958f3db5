package dev.rekindle.store;

/** The Telegram call an outbox entry stands for; its payload is that call's JSON. */
public enum OutboxKind {
    SEND("send"),
    EDIT("edit"),
    CLOSE_BUTTONS("close-buttons"),
    ANSWER_CALLBACK("answer-callback"),
    CHAT_ACTION("chat-action"),
    SET_COMMANDS("set-commands");

    private final String column;

    OutboxKind(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }

    static OutboxKind ofColumn(String s) {
        for (OutboxKind k : values()) {
            if (k.column.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown outbox kind in the database: " + s);
    }
}
