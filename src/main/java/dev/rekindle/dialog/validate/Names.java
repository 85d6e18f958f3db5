package dev.rekindle.dialog.validate;

import java.util.regex.Pattern;

/** The shapes of names that end up in commands and in Telegram's button data. */
final class Names {
    static final Pattern DIALOG_ID = Pattern.compile("[a-z][a-z0-9_]*");
    static final Pattern COMMAND = Pattern.compile("/[a-z0-9_]{1,32}");
    /** Letters of any script are fine; '.' and '@' separate the parts of button data. */
    static final Pattern STATE = Pattern.compile("[\\p{L}\\p{N}_-]+");

    private Names() {}
}
