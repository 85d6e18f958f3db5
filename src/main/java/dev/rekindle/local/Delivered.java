package dev.rekindle.local;

import java.util.List;

/**
 * Something the bot delivered in a terminal session, as a person sees it: a message with its buttons, or a file.
 *
 * @param chatId   the chat it went to, in the channel's ids (a person's user id, or the group's)
 * @param text     the message as plain text, or the file's content
 * @param buttons  the button labels, in order (none for a file)
 * @param fileName the file's name; null for a message
 */
public record Delivered(long chatId, String text, List<String> buttons, String fileName) {
    public Delivered {
        buttons = List.copyOf(buttons);
    }

    static Delivered message(long chatId, String text, List<String> buttons) {
        return new Delivered(chatId, text, buttons, null);
    }

    static Delivered file(long chatId, String fileName, String content) {
        return new Delivered(chatId, content, List.of(), fileName);
    }

    public boolean isFile() {
        return fileName != null;
    }
}
