package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.telegram.IncomingUpdate.TextMessage;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each update read on its own: a malformed one is set aside with the field it lacks, never with its words. */
class UpdateReaderTest {
    private static final BotIdentity BOT = new BotIdentity(7012345678L, "rekindle_bot");
    private static final String SECRET = "please do not log me";
    private static final String ANNA = "{\"id\":111222333,\"is_bot\":false,\"first_name\":\"Anna\"}";
    private static final String PRIVATE = "{\"id\":111222333,\"first_name\":\"Anna\",\"type\":\"private\"}";

    private final ObjectMapper json = TelegramClients.updateJson();
    private final UpdateReader reader = new UpdateReader(BOT, json);

    private ReadUpdate read(String update) throws Exception {
        JsonNode tree = json.readTree(update);
        return reader.read(UpdateReader.updateId(tree).orElseThrow(), tree);
    }

    private String unreadable(String update) throws Exception {
        ReadUpdate.Unreadable u = assertInstanceOf(ReadUpdate.Unreadable.class, read(update));
        assertFalse(u.reason().contains(SECRET), "a reason names fields, never words: " + u.reason());
        assertTrue(u.json().contains(SECRET), "the update is kept whole, to be stored (encrypted) as failed");
        return u.reason();
    }

    @Test
    void aChatWithoutTypeIsUnreadableAndSaysSo() throws Exception {
        assertEquals("message.chat.type is missing", unreadable("""
                {"update_id":9,"message":{"message_id":1,"from":%s,"chat":{"id":111222333},"date":1,"text":"%s"}}""".formatted(ANNA, SECRET)));
    }

    @Test
    void aLeftChatMemberWithoutIdIsUnreadable() throws Exception {
        assertEquals("message.left_chat_member.id is missing", unreadable("""
                {"update_id":9,"message":{"message_id":1,"from":%s,"chat":{"id":-40,"title":"%s","type":"group"},
                 "date":1,"left_chat_member":{"is_bot":false,"first_name":"Ben"}}}""".formatted(ANNA, SECRET)));
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsUnreadableWithoutItsValue() throws Exception {
        assertEquals("message.chat.id is a string, not an integer", unreadable("""
                {"update_id":9,"message":{"message_id":1,"from":%s,"chat":{"id":"%s","type":"private"},"date":1,
                 "text":"hi"}}""".formatted(ANNA, SECRET)));
        assertEquals("callback_query.data is a number, not a string", unreadable("""
                {"update_id":9,"callback_query":{"id":"q","from":%s,"message":{"message_id":1,"chat":%s,"date":0},
                 "data":42,"chat_instance":"%s"}}""".formatted(ANNA, PRIVATE, SECRET)));
        assertEquals("message is an array, not an object", unreadable("""
                {"update_id":9,"message":["%s"]}""".formatted(SECRET)));
    }

    @Test
    void aFieldTheBotDoesNotUseCannotMakeAnUpdateUnreadable() throws Exception {
        // TelegramBots' model refuses these (a date that is text, entities that are not a list, a replied-to message
        // whose chat has neither id nor type), and with them the whole getUpdates answer; the bot reads none of them
        ReadUpdate u = read("""
                {"update_id":9,"message":{"message_id":1,"from":%s,"chat":%s,"date":"yesterday",
                 "entities":"none","text":"%s","reply_to_message":{"chat":{}}}}""".formatted(ANNA, PRIVATE, SECRET));
        assertEquals(
                new TextMessage(9, 111222333L, ChatType.PRIVATE, 111222333L, "Anna", SECRET),
                assertInstanceOf(ReadUpdate.Mapped.class, u).update());
    }

    @Test
    void anUpdateWithoutAUsableIdCannotBeKeyed() throws Exception {
        assertEquals(OptionalLong.empty(), UpdateReader.updateId(json.readTree("{\"message\":{}}")));
        assertEquals("update_id is missing", UpdateReader.whyNoId(json.readTree("{\"message\":{}}")));
        assertEquals("update_id is a string", UpdateReader.whyNoId(json.readTree("{\"update_id\":\"9\"}")));
        assertEquals("it is an array, not an object", UpdateReader.whyNoId(json.readTree("[1]")));
        assertEquals(OptionalLong.empty(), UpdateReader.updateId(json.readTree("{\"update_id\":-3}")));
    }

    @Test
    void anIdBeyondThirtyTwoBitsIsKeptAsFailedUnderItsId() throws Exception {
        ReadUpdate u = read("{\"update_id\":9000000000,\"message\":{}}");
        assertEquals(9_000_000_000L, u.updateId());
        assertEquals(
                "update_id is out of the range of a 32-bit integer",
                assertInstanceOf(ReadUpdate.Unreadable.class, u).reason());
    }

    @Test
    void anUpdateKeptInTheInboxThatNoLongerParsesIsUnreadable() {
        ReadUpdate u = reader.read(12, "{\"update_id\":12,\"message\":");
        assertEquals(
                "the stored JSON does not parse",
                assertInstanceOf(ReadUpdate.Unreadable.class, u).reason());
        assertFalse(u.toString().contains("message"), "printed without its JSON: " + u);
    }
}
