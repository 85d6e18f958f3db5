package dev.rekindle.dialog.load;

import java.util.Optional;

/**
 * One line of a YAML file as a person reads it: how far it is indented, whether it is a list item, and its key
 * and value when it has them. Enough to say what a syntax error means in the file's own terms; the parser itself
 * decides what is valid.
 */
record YamlLine(int index, String raw) {
    private static final String NOT_A_KEY_START = "{[#|>&*!%@`-";

    /** A key as written on the line: its name, the character it starts at, where its ':' is, and its value. */
    record Key(String name, int start, int colon, String value) {}

    /** Spaces before the first other character. */
    int indent() {
        int i = 0;
        while (i < raw.length() && raw.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Nothing but spaces, or a comment. */
    boolean blank() {
        String t = raw.strip();
        return t.isEmpty() || t.startsWith("#");
    }

    /** Where a tab is among the spaces that indent the line; -1 when none is. */
    int tabInIndent() {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\t') {
                return i;
            }
            if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    /** The line starts a list item ({@code - ...}). */
    boolean item() {
        int i = indent();
        return raw.startsWith("-", i) && (i + 1 == raw.length() || raw.charAt(i + 1) == ' ');
    }

    /** Where what follows the list item's '-' starts (the line's indent when it is no item). */
    int afterDash() {
        int i = indent();
        while (i < raw.length() && raw.charAt(i) == '-' && (i + 1 == raw.length() || raw.charAt(i + 1) == ' ')) {
            i++;
            while (i < raw.length() && raw.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    /** The key of a {@code key: value} line (also after {@code - }), when the line has one. */
    Optional<Key> key() {
        int start = afterDash();
        if (start >= raw.length()) {
            return Optional.empty();
        }
        char c = raw.charAt(start);
        int colon;
        if (c == '"' || c == '\'') {
            int close = raw.indexOf(c, start + 1);
            colon = close + 1;
            if (close < 0 || colon >= raw.length() || raw.charAt(colon) != ':' || !separated(colon)) {
                return Optional.empty();
            }
        } else if (NOT_A_KEY_START.indexOf(c) >= 0) {
            return Optional.empty();
        } else {
            colon = plainColon(start);
            if (colon < 0) {
                return Optional.empty();
            }
        }
        String value = raw.substring(colon + 1).strip();
        return Optional.of(
                new Key(raw.substring(start, colon).strip(), start, colon, value.startsWith("#") ? "" : value));
    }

    /** The first ':' followed by a space or the end of the line, before any comment or quoted text. */
    private int plainColon(int from) {
        for (int j = from; j < raw.length(); j++) {
            char ch = raw.charAt(j);
            if (ch == ':' && separated(j)) {
                return j;
            }
            if ((ch == '#' || ch == '"' || ch == '\'') && j > from && raw.charAt(j - 1) == ' ') {
                return -1; // a comment, or a quoted text, before any ':': no key on this line
            }
        }
        return -1;
    }

    private boolean separated(int colon) {
        return colon + 1 == raw.length() || raw.charAt(colon + 1) == ' ' || raw.charAt(colon + 1) == '\t';
    }

    /** The value of the line's key, or of its list item: where a quoted or block text starts. */
    int valueStart() {
        Optional<Key> k = key();
        if (k.isEmpty()) {
            return afterDash();
        }
        int i = k.get().colon() + 1;
        while (i < raw.length() && raw.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** The line's key has no value on it: what follows is indented under it. */
    boolean opensBlock() {
        Optional<Key> k = key();
        return k.isPresent() && k.get().value().isEmpty();
    }

    /** The value is a block text ({@code |}, {@code |-}, {@code >} ...): the deeper lines after it are its text. */
    boolean startsBlockText() {
        int v = valueStart();
        return v < raw.length() && (raw.charAt(v) == '|' || raw.charAt(v) == '>');
    }

    /** Column (from 1, in characters as a person counts them) of the char at {@code index}. */
    int column(int index) {
        int i = Math.max(0, Math.min(index, raw.length()));
        return raw.codePointCount(0, i) + 1;
    }

    /** The char index of a parser column (code points from 0); the line's end when the column is past it. */
    int indexOf(int codePointColumn) {
        int cps = raw.codePointCount(0, raw.length());
        return codePointColumn >= cps ? raw.length() : raw.offsetByCodePoints(0, Math.max(0, codePointColumn));
    }

    /** The line's text, without its indentation and shortened to fit in a message. */
    String shown() {
        String t = raw.strip();
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }
}
