package dev.rekindle.dialog.model;

import java.util.List;

/**
 * What the bot says: one or more variants of the same message. Variants are templates with
 * placeholders in braces ({partner.name}, {answer}) and a tiny markup: **bold** and _italic_.
 */
public record Message(List<String> variants, Source source) {
    public Message {
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one variant: " + source);
        }
    }

    public static Message of(String text) {
        return new Message(List.of(text), Source.UNKNOWN);
    }
}
