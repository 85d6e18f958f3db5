package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One JSON object of an update, read strictly but only where asked: a field the bot uses that is missing or of the
 * wrong type fails with an {@link UnreadableUpdateException} naming its path ({@code message.chat.type is
 * missing}); a field nobody asks for is never looked at, so a change to it elsewhere in Telegram's model cannot
 * make the update unreadable. An explicit JSON null counts as missing.
 */
record UpdateFields(JsonNode node, String path) {

    /** The update itself: a JSON object, or unreadable. */
    static UpdateFields of(JsonNode update) {
        if (update == null || !update.isObject()) {
            throw new UnreadableUpdateException("the update is " + kind(update) + ", not an object");
        }
        return new UpdateFields(update, "");
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    UpdateFields object(String field) {
        return optionalObject(field).orElseThrow(() -> missing(field));
    }

    Optional<UpdateFields> optionalObject(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(field, v, "an object");
        }
        return Optional.of(new UpdateFields(v, pathOf(field)));
    }

    /** The objects of an array field; none when it is absent. */
    List<UpdateFields> objects(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw wrongType(field, v, "an array");
        }
        List<UpdateFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String at = pathOf(field) + "[" + i + "]";
            if (!e.isObject()) {
                throw new UnreadableUpdateException(at + " is " + kind(e) + ", not an object");
            }
            out.add(new UpdateFields(e, at));
        }
        return out;
    }

    long integer(String field) {
        return optionalInteger(field).orElseThrow(() -> missing(field));
    }

    /** An integer that Telegram counts in 32 bits (update and message ids). */
    int int32(String field) {
        long v = integer(field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new UnreadableUpdateException(pathOf(field) + " is out of the range of a 32-bit integer");
        }
        return (int) v;
    }

    OptionalLong optionalInteger(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, v, "an integer");
        }
        return OptionalLong.of(v.longValue());
    }

    String text(String field) {
        return optionalText(field).orElseThrow(() -> missing(field));
    }

    Optional<String> optionalText(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(field, v, "a string");
        }
        return Optional.of(v.textValue());
    }

    /** A flag that is false when absent. */
    boolean flag(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(field, v, "true or false");
        }
        return v.booleanValue();
    }

    /** Present, and not an empty array (Telegram sends a photo as an array of sizes). */
    boolean hasContent(String field) {
        JsonNode v = present(field);
        return v != null && !(v.isArray() && v.isEmpty());
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private UnreadableUpdateException missing(String field) {
        return new UnreadableUpdateException(pathOf(field) + " is missing");
    }

    private UnreadableUpdateException wrongType(String field, JsonNode v, String expected) {
        return new UnreadableUpdateException(pathOf(field) + " is " + kind(v) + ", not " + expected);
    }

    /** The JSON type in words ("a string", "a number"): never the value, which may be someone's words. */
    static String kind(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "missing";
        }
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER ->
                !v.isIntegralNumber()
                        ? "a decimal number"
                        : v.canConvertToLong() ? "a number" : "a number beyond 64 bits";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
