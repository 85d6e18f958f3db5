package dev.rekindle.dialog.engine;

import java.util.Optional;

/**
 * What a button carries back: {@code <dialog>.<state>.<choice>@<message seq in base 36>}, or
 * {@code menu.<dialog>@<seq>} for the menu, or {@code offer.<dialog>@<seq>} for an offer made on free text
 * ({@code offer._menu@<seq>}: "something else"). The seq names the message the button sits on, so a press
 * on an old message is recognised as stale and that message's buttons can be closed.
 */
record CallbackData(String dialog, String state, String choice, long message) {
    static final String MENU = "menu";
    static final String OFFER = "offer";

    static String encode(String dialog, String state, String choice, long message) {
        return dialog + "." + state + "." + choice + "@" + Long.toString(message, 36);
    }

    static String encodeMenu(String dialog, long message) {
        return MENU + "." + dialog + "@" + Long.toString(message, 36);
    }

    static String encodeOffer(String choice, long message) {
        return OFFER + "." + choice + "@" + Long.toString(message, 36);
    }

    boolean isMenu() {
        return MENU.equals(dialog);
    }

    boolean isOffer() {
        return OFFER.equals(dialog);
    }

    String ref() {
        return Refs.message(message);
    }

    /** The choice as a button's index, after {@code prefix} ("a1" for an answer button); -1 when it is not one. */
    int index(String prefix) {
        try {
            return Integer.parseInt(choice.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Optional<CallbackData> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        int at = data.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        long seq;
        try {
            seq = Long.parseLong(data.substring(at + 1), 36);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String[] parts = data.substring(0, at).split("\\.", -1);
        if (parts.length == 2 && (MENU.equals(parts[0]) || OFFER.equals(parts[0]))) {
            return Optional.of(new CallbackData(parts[0], null, parts[1], seq));
        }
        if (parts.length != 3) {
            return Optional.empty();
        }
        return Optional.of(new CallbackData(parts[0], parts[1], parts[2], seq));
    }
}
