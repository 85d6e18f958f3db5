package dev.rekindle.telegram;

import dev.rekindle.bot.OutboxPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of the message a button was pressed on, as the bot's HTML (bold and italic, the only markup it writes),
 * from what Telegram sends with the press: the text and its entities. The pressed message is edited to show the
 * answer under it, and an edit must give the whole text again; the bot keeps no copy of what it sent (it may quote a
 * partner), so the press is where the text comes from. Other entities (links, mentions) are written as plain text:
 * Telegram finds them again.
 */
final class PressedText {
    private PressedText() {}

    private record Span(int from, int to, String tag) {}

    /**
     * The HTML of {@code message}'s text; empty when it has none (a message older than 48 hours comes without it) or
     * its entities cannot be read, which leaves the pressed message as it was, its buttons only taken off.
     */
    static Optional<String> html(UpdateFields message) {
        try {
            Optional<String> text = message.optionalText("text");
            if (text.isEmpty() || text.get().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(html(text.get(), spans(message, text.get().length())));
        } catch (UnreadableUpdateException e) {
            return Optional.empty(); // the press itself is still read: only the answer is not shown
        }
    }

    private static List<Span> spans(UpdateFields message, int length) {
        List<Span> out = new ArrayList<>();
        for (UpdateFields e : message.objects("entities")) {
            String type = e.text("type");
            String tag = type.equals("bold") ? "b" : type.equals("italic") ? "i" : null;
            long from = e.integer("offset");
            long to = from + e.integer("length");
            if (tag != null && from >= 0 && from < to && to <= length) {
                out.add(new Span((int) from, (int) to, tag));
            }
        }
        return out;
    }

    /**
     * {@code text} with each run of characters that has the same markup wrapped in it: always well nested, however
     * Telegram's entities overlap. Offsets count UTF-16 units, as Java's strings do.
     */
    private static String html(String text, List<Span> spans) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        int start = 0;
        while (start < text.length()) {
            int end = text.length();
            for (Span s : spans) {
                if (s.from() > start && s.from() < end) {
                    end = s.from();
                }
                if (s.to() > start && s.to() < end) {
                    end = s.to();
                }
            }
            boolean bold = covered(spans, start, "b");
            boolean italic = covered(spans, start, "i");
            b.append(bold ? "<b>" : "").append(italic ? "<i>" : "");
            b.append(OutboxPayload.escapeHtml(text.substring(start, end)));
            b.append(italic ? "</i>" : "").append(bold ? "</b>" : "");
            start = end;
        }
        return b.toString();
    }

    private static boolean covered(List<Span> spans, int at, String tag) {
        for (Span s : spans) {
            if (s.tag().equals(tag) && s.from() <= at && at < s.to()) {
                return true;
            }
        }
        return false;
    }
}
