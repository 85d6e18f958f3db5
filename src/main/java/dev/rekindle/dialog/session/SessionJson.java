package dev.rekindle.dialog.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rekindle.dialog.engine.Session;

/**
 * Sessions as JSON, the form the store keeps. The {@code schema} field says which shape a document
 * has; reading an older shape migrates it, reading a newer one is refused rather than guessed at.
 */
public final class SessionJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            // derived views such as Session.isPaired() are not state
            .configure(MapperFeature.AUTO_DETECT_IS_GETTERS, false)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .build();

    private SessionJson() {}

    public static String write(Session session) {
        try {
            return MAPPER.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Session read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            int schema = node.path("schema").asInt(-1);
            if (schema < 1) {
                throw new IllegalArgumentException(
                        "session JSON has no schema version; it was not written by SessionJson");
            }
            if (schema > Session.SCHEMA) {
                throw new IllegalArgumentException("session JSON has schema " + schema + ", newer than this build ("
                        + Session.SCHEMA + "); run the newer Rekindle or restore a matching backup");
            }
            // schema 1 is the first shape: nothing to migrate yet; later schemas add steps here
            return MAPPER.treeToValue(node, Session.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("session JSON is damaged: " + e.getOriginalMessage(), e);
        }
    }
}
