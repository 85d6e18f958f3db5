package dev.rekindle.store;

/** The Telegram call an outbox entry stands for; its payload is that call's JSON. */
public enum OutboxKind {
    SEND,
    EDIT,
    CLOSE_BUTTONS,
    ANSWER_CALLBACK,
    CHAT_ACTION,
    SET_COMMANDS
}
