package dev.rekindle.dialog.model;

/** Who may see an answer after its author agreed: the other partner privately, or the couple's group. */
public enum ShareTarget {
    PARTNER,
    GROUP
}
