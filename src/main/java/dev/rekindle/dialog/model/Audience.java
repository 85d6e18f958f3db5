package dev.rekindle.dialog.model;

import java.util.Locale;

/** Where a dialog runs: in one partner's private chat, or in the couple's group chat. */
public enum Audience {
    PRIVATE,
    GROUP;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
