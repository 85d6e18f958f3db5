package dev.rekindle.dialog.model;

/** The two members of a couple. A is whoever started using the bot first; the letters carry no meaning. */
public enum Partner {
    A,
    B;

    public Partner other() {
        return this == A ? B : A;
    }
}
