package dev.rekindle.local;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The buttons still open in each chat of a {@link LocalCouple}: a message sent with buttons keeps them until
 * the engine closes them or sends a new message under the same reference. A press acts on the latest one.
 */
final class OpenButtons {

    /** A message whose buttons can still be pressed, with the data each button carries. */
    record OpenMessage(Sent sent, List<Action.ButtonOut> buttons) {}

    private final Map<Chat, LinkedHashMap<String, OpenMessage>> open = new EnumMap<>(Chat.class);
    private long anonymousRefs;

    OpenButtons() {
        for (Chat c : Chat.values()) {
            open.put(c, new LinkedHashMap<>());
        }
    }

    /** {@code s} was sent as {@code m}: it replaces the message under its reference, and stays open if it has buttons. */
    void sent(Action.Send s, Sent m) {
        String key = s.ref();
        if (key == null) {
            anonymousRefs++;
            key = "#" + anonymousRefs;
        }
        LinkedHashMap<String, OpenMessage> chatOpen = open.get(s.to());
        chatOpen.remove(key);
        if (!s.buttons().isEmpty()) {
            chatOpen.put(key, new OpenMessage(m, s.buttons()));
        }
    }

    void close(Action.CloseButtons c) {
        if (c.ref() != null) {
            open.get(c.to()).remove(c.ref());
        }
    }

    /** The latest message in {@code chat} whose buttons are still open, if any. */
    Optional<OpenMessage> latest(Chat chat) {
        OpenMessage last = null;
        for (OpenMessage o : open.get(chat).values()) {
            last = o;
        }
        return Optional.ofNullable(last);
    }

    /** The latest open message in {@code chat}; {@code where} names the chat when there is none. */
    OpenMessage latestOrThrow(Chat chat, String where) {
        return latest(chat)
                .orElseThrow(() -> new IllegalArgumentException("there are no open buttons in " + where
                        + " (no message there has buttons that can still be pressed)"));
    }

    /** Button {@code oneBasedIndex} of {@code m}, in {@code where}. */
    static Action.ButtonOut numbered(OpenMessage m, int oneBasedIndex, String where) {
        if (oneBasedIndex < 1 || oneBasedIndex > m.buttons().size()) {
            throw new IllegalArgumentException("there is no button " + oneBasedIndex + " in " + where
                    + "; the buttons are " + numbered(m.sent().buttons()));
        }
        return m.buttons().get(oneBasedIndex - 1);
    }

    /** The button of {@code m} labelled {@code label} exactly, or else ignoring case, in {@code where}. */
    static Action.ButtonOut labelled(OpenMessage m, String label, String where) {
        for (Action.ButtonOut b : m.buttons()) {
            if (b.label().equals(label)) {
                return b;
            }
        }
        for (Action.ButtonOut b : m.buttons()) {
            if (b.label().equalsIgnoreCase(label.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("there is no button \"" + label + "\" in " + where + "; the buttons are "
                + quoted(m.sent().buttons()));
    }

    private static String numbered(List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(i + 1).append(" \"").append(labels.get(i)).append('"');
        }
        return b.toString();
    }

    private static String quoted(List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append('"').append(labels.get(i)).append('"');
        }
        return b.toString();
    }
}
