package dev.rekindle.local;

import dev.rekindle.bot.OutboxMessage;
import java.util.List;
import java.util.Locale;

/**
 * A slash command typed in the terminal, read as the Telegram adapter reads one: {@code /Start@RekindleLocalBot abc}
 * is the command {@code start} (lower case, no slash, no bot name) with the arguments {@code abc}.
 */
record LocalCommand(String name, String args) {

    static boolean isCommand(String text) {
        String t = text.strip();
        return t.length() > 1 && t.charAt(0) == '/' && !Character.isWhitespace(t.charAt(1));
    }

    static LocalCommand parse(String text) {
        String t = text.strip();
        String[] parts = t.split("\\s+", 2);
        String head = parts[0].substring(1);
        int at = head.indexOf('@');
        if (at > 0) {
            head = head.substring(0, at);
        }
        return new LocalCommand(head.toLowerCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : "");
    }

    /** The button {@code which} names: its number from 1, or its label (exactly, or else ignoring case). */
    static OutboxMessage.Button button(List<OutboxMessage.Button> buttons, String which, String where) {
        String w = which.strip();
        if (!w.isEmpty() && w.chars().allMatch(Character::isDigit)) {
            int n = w.length() > 6 ? 0 : Integer.parseInt(w);
            if (n < 1 || n > buttons.size()) {
                throw new IllegalArgumentException(
                        "there is no button " + w + " in " + where + "; the buttons are " + listed(buttons, true));
            }
            return buttons.get(n - 1);
        }
        for (OutboxMessage.Button b : buttons) {
            if (b.label().equals(w)) {
                return b;
            }
        }
        for (OutboxMessage.Button b : buttons) {
            if (b.label().equalsIgnoreCase(w)) {
                return b;
            }
        }
        throw new IllegalArgumentException(
                "there is no button \"" + w + "\" in " + where + "; the buttons are " + listed(buttons, false));
    }

    private static String listed(List<OutboxMessage.Button> buttons, boolean numbered) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < buttons.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (numbered) {
                b.append(i + 1).append(' ');
            }
            b.append('"').append(buttons.get(i).label()).append('"');
        }
        return b.toString();
    }
}
