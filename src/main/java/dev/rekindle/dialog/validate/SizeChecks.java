package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.nio.charset.StandardCharsets;

/**
 * Telegram's limits, checked where they are written instead of failing in a couple's chat: 4096 characters
 * per message, 64 bytes per button label and 64 bytes of button data. Bytes are UTF-8 bytes: a Cyrillic
 * letter takes 2, most emoji 4.
 */
final class SizeChecks {
    static final int MAX_MESSAGE = 4096;
    static final int MAX_LABEL_BYTES = 64;
    static final int MAX_CALLBACK_BYTES = 64;
    /** The engine appends '@' and 6 characters (a nonce) to {@code dialog.state.index}. */
    static final int CALLBACK_SUFFIX_BYTES = 1 + 6;

    private SizeChecks() {}

    static void check(Dialog d, Locations where, Problems problems) {
        for (Texts.Text t : Texts.of(d, where)) {
            if (t.isLabel()) {
                label(t, where, problems);
            } else {
                message(t, where, problems);
            }
        }
        if (d.id() != null) {
            for (State s : d.states().values()) {
                callbackData(d.id(), s, problems);
            }
        }
    }

    static void message(Texts.Text t, Locations where, Problems problems) {
        int length = t.text().codePointCount(0, t.text().length());
        if (length > MAX_MESSAGE) {
            problems.error(
                    where.value(t.path().toArray()),
                    t.what() + " is " + length + " characters long; Telegram allows at most " + MAX_MESSAGE,
                    "shorten it, or split it over two states");
        }
    }

    private static void label(Texts.Text t, Locations where, Problems problems) {
        int bytes = utf8(t.text());
        if (bytes > MAX_LABEL_BYTES) {
            problems.error(
                    where.value(t.path().toArray()),
                    t.what() + " is " + bytes + " bytes in UTF-8; Telegram allows at most " + MAX_LABEL_BYTES,
                    "shorten it: a Cyrillic letter takes 2 bytes, an emoji usually 4");
        }
    }

    /** The longest button data the state's buttons produce: {@code <dialog id>.<state>.<index>@} + 6 characters. */
    private static void callbackData(String dialogId, State s, Problems problems) {
        String index = longestIndex(s.step());
        if (index == null) {
            return;
        }
        int bytes = utf8(dialogId) + 1 + utf8(s.name()) + 1 + utf8(index) + CALLBACK_SUFFIX_BYTES;
        if (bytes > MAX_CALLBACK_BYTES) {
            problems.error(
                    s.source(),
                    "the buttons of state '" + s.name() + "' would carry " + bytes + " bytes of data ('" + dialogId
                            + "." + s.name() + "." + index + "@' + 6); Telegram allows at most " + MAX_CALLBACK_BYTES,
                    "shorten the state name (or the dialog id) by " + (bytes - MAX_CALLBACK_BYTES)
                            + " bytes; a Cyrillic letter takes 2 bytes, an emoji usually 4");
        }
    }

    /** Buttons are numbered (counted from 1, to be safe); yes/no use y and n; role choice uses A and B; answers a1, a2... */
    private static String longestIndex(Step step) {
        if (step instanceof Step.Wait w && !w.buttons().isEmpty()) {
            return String.valueOf(w.buttons().size());
        }
        if (step instanceof Step.Rendezvous r && !r.buttons().isEmpty()) {
            return "a" + r.buttons().size(); // an answer button; the consent's y is shorter
        }
        if (step instanceof Step.Share || (step instanceof Step.Rendezvous r && r.consent() != null)) {
            return "y";
        }
        if (step instanceof Step.AssignRoles a && a.method() == Step.RoleAssignment.CHOSEN) {
            return "A";
        }
        return null;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
