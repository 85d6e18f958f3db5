package dev.rekindle.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.OptionalLong;

/**
 * Reads each update on its own, the same way whichever way it came: an element of a getUpdates answer, a webhook
 * request's body, or an update kept in the inbox since before a restart. One that cannot be read is a
 * {@link ReadUpdate.Unreadable}, never an exception, so it can be stored as failed and the others go on.
 */
final class UpdateReader {
    private final UpdateMapper mapper;
    private final ObjectMapper json;

    UpdateReader(BotIdentity me, ObjectMapper json) {
        this.mapper = new UpdateMapper(me);
        this.json = json;
    }

    /**
     * The update's id, when it has one that can key it in the inbox (a positive integer); without it an update can
     * be neither stored nor confirmed on its own.
     */
    static OptionalLong updateId(JsonNode update) {
        JsonNode id = update == null ? null : update.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(id.longValue());
    }

    /** Why {@link #updateId} found none, in words fit for a log line (no value of the update). */
    static String whyNoId(JsonNode update) {
        if (update == null || !update.isObject()) {
            return "it is " + UpdateFields.kind(update) + ", not an object";
        }
        JsonNode id = update.get("update_id");
        return id == null || id.isNull() ? "update_id is missing" : "update_id is " + UpdateFields.kind(id);
    }

    /** Reads an update whose id {@link #updateId} found. */
    ReadUpdate read(long updateId, JsonNode update) {
        String raw;
        try {
            raw = json.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            // a tree Jackson itself parsed always writes back; this is here for the compiler
            throw new IllegalStateException("could not write back update " + updateId + " as JSON", e);
        }
        try {
            return new ReadUpdate.Mapped(mapper.map(update), raw);
        } catch (UnreadableUpdateException e) {
            return new ReadUpdate.Unreadable(updateId, raw, e.getMessage());
        } catch (RuntimeException e) {
            // a shape the mapper did not foresee: set aside like the others; the class, not the message, which
            // could quote the update
            return new ReadUpdate.Unreadable(
                    updateId, raw, "reading it failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads an update kept in the inbox under {@code updateId}. */
    ReadUpdate read(long updateId, String rawJson) {
        JsonNode tree;
        try {
            tree = json.readTree(rawJson);
        } catch (JsonProcessingException e) {
            return new ReadUpdate.Unreadable(updateId, rawJson, "the stored JSON does not parse");
        }
        return read(updateId, tree);
    }
}
