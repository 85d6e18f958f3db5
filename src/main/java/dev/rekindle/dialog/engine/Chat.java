package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;

/** The three chats of a couple: each partner's private chat with the bot, and their shared group. */
public enum Chat {
    A,
    B,
    GROUP;

    public static Chat privateOf(Partner p) {
        return p == Partner.A ? A : B;
    }

    public boolean isGroup() {
        return this == GROUP;
    }

    /** The partner whose private chat this is; null for the group. */
    public Partner owner() {
        return switch (this) {
            case A -> Partner.A;
            case B -> Partner.B;
            case GROUP -> null;
        };
    }
}
