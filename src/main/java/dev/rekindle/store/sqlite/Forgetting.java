package dev.rekindle.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/** Erasing a person, inside the caller's write transaction (see {@link dev.rekindle.store.Pairings#forget}). */
final class Forgetting {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Forgetting() {}

    /**
     * Dissolves the person's couple of two (which drops what waits to go out to the couple's group), drops their own
     * couple, and deletes their private chat's outbox rows and what their own updates queued for others, their
     * invitations, profile, the raw updates that name them and their user row. Returns the couples dropped.
     */
    static List<Long> forget(Connection c, DataKey key, long userId, long now) throws SQLException {
        List<Long> dropped = new ArrayList<>();
        OptionalLong couple = CoupleSurgery.coupleOfUser(c, userId);
        if (couple.isPresent() && CoupleSurgery.memberCount(c, couple.getAsLong()) > 1) {
            CoupleSurgery.split(c, couple.getAsLong(), now);
            dropped.add(couple.getAsLong());
            couple = CoupleSurgery.coupleOfUser(c, userId);
        }
        OptionalLong privateChat = OptionalLong.empty();
        if (couple.isPresent()) {
            privateChat = Sql.on(c, "SELECT id FROM chats WHERE couple_id = ? AND kind = 'private'")
                    .bind(couple.getAsLong())
                    .oneLong();
            CoupleSurgery.dropCouple(c, couple.getAsLong());
            dropped.add(couple.getAsLong());
        }
        long chat = privateChat.orElse(userId); // a private chat's id is its user's
        Sql.on(c, "DELETE FROM outbox WHERE chat_id = ?").bind(chat).update();
        // their words on the way to the partner (a shared answer, an appreciation): the partner keeps the rest
        Sql.on(c, "DELETE FROM outbox WHERE author = ? AND state = 'pending'")
                .bind(userId)
                .update();
        // what was already sent stays the partner's, but no longer names the person who caused it
        Sql.on(c, "UPDATE outbox SET author = NULL WHERE author = ?")
                .bind(userId)
                .update();
        Sql.on(c, "DELETE FROM invitations WHERE inviter = ?").bind(userId).update();
        Sql.on(c, "DELETE FROM profiles WHERE user_id = ?").bind(userId).update();
        eraseUpdatesOf(c, key, userId);
        Sql.on(c, "DELETE FROM users WHERE id = ?").bind(userId).update();
        return dropped;
    }

    /**
     * Erases the JSON of every update not done (pending, or failed and kept) that the user sent or appears in: it
     * is encrypted, so each is decrypted here to look (few rows: done ones hold no JSON).
     */
    private static void eraseUpdatesOf(Connection c, DataKey key, long userId) throws SQLException {
        List<Long> theirs = Sql.on(c, "SELECT update_id, raw_json FROM inbox WHERE state <> 'done' AND raw_json <> ''")
                .list(rs -> mentions(key, rs.getLong(1), rs.getObject(2), userId) ? rs.getLong(1) : null);
        theirs.removeIf(Objects::isNull); // the updates that do not name them
        for (long id : theirs) {
            Sql.on(c, "UPDATE inbox SET raw_json = '' WHERE update_id = ?")
                    .bind(id)
                    .update();
        }
    }

    /**
     * Whether the update names the user anywhere: as sender, chat, a member who joined or left, a contact. Read as
     * JSON, since a text match misses an id that ends its object or has a space after the colon; what cannot be read
     * is erased too, as it may be theirs.
     */
    private static boolean mentions(DataKey key, long updateId, Object stored, long userId) {
        String where = SqliteInbox.where(updateId);
        try {
            return names(JSON.readTree(key.decrypt(SqliteSessionStore.sealed(stored, where), where)), userId);
        } catch (DataKey.TamperedException | JsonProcessingException e) {
            return true;
        }
    }

    private static boolean names(JsonNode node, long userId) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            boolean idField = field.getKey().equals("id") || field.getKey().equals("user_id");
            if (idField && value.isIntegralNumber() && value.asLong() == userId) {
                return true;
            }
        }
        for (JsonNode child : node) { // the values of an object, the items of an array
            if (names(child, userId)) {
                return true;
            }
        }
        return false;
    }
}
