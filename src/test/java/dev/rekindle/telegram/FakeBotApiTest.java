package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.telegram.FakeBotApi.Failure;
import dev.rekindle.telegram.FakeBotApi.Person;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself, spoken to in plain HTTP with form bodies, as curl or another client would. */
class FakeBotApiTest {
    private static final Person ANNA = new Person(111222333L, "Anna");
    private final FakeBotApi api = FakeBotApi.start();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        api.close();
    }

    private JsonNode post(String token, String method, String form) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(api.url() + "/bot" + token + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(res.body());
        if (!body.get("ok").asBoolean()) {
            assertEquals(body.get("error_code").asInt(), res.statusCode(), "HTTP status mirrors error_code");
        }
        return body;
    }

    @Test
    void anUpdateBelowTheOffsetIsConfirmedAndNeverServedAgain() throws Exception {
        int first = api.pushText(ANNA, "one");
        int second = api.pushText(ANNA, "two");
        int third = api.pushText(ANNA, "three");
        JsonNode batch = post(FakeBotApi.TOKEN, "getUpdates", "limit=2");
        assertEquals(2, batch.get("result").size());
        assertEquals(first, batch.get("result").get(0).get("update_id").asInt());
        // without a higher offset nothing is confirmed: the same two come again
        assertEquals(
                first,
                post(FakeBotApi.TOKEN, "getUpdates", "limit=2")
                        .get("result")
                        .get(0)
                        .get("update_id")
                        .asInt());
        JsonNode rest = post(FakeBotApi.TOKEN, "getUpdates", "offset=" + (second + 1));
        assertEquals(1, rest.get("result").size());
        assertEquals(third, rest.get("result").get(0).get("update_id").asInt());
        assertEquals(
                third,
                post(FakeBotApi.TOKEN, "getUpdates", "offset=1")
                        .get("result")
                        .get(0)
                        .get("update_id")
                        .asInt());
    }

    @Test
    void aLongPollAnswersAsSoonAsAnUpdateIsPushed() throws Exception {
        java.util.concurrent.CompletableFuture<JsonNode> poll =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return post(FakeBotApi.TOKEN, "getUpdates", "timeout=30");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        int id = api.pushText(ANNA, "are you there?");
        JsonNode got = poll.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(id, got.get("result").get(0).get("update_id").asInt());
    }

    @Test
    void anEmptyPollWithoutTimeoutAnswersAtOnce() throws Exception {
        assertEquals(
                0,
                post(FakeBotApi.TOKEN, "getUpdates", "timeout=0").get("result").size());
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        JsonNode r = post("1:wrong", "getMe", "");
        assertEquals(401, r.get("error_code").asInt());
        assertEquals("Unauthorized", r.get("description").asText());
    }

    @Test
    void messageIdsIncreasePerChatAndFormBodiesWork() throws Exception {
        JsonNode a = post(FakeBotApi.TOKEN, "sendMessage", "chat_id=111222333&text=hi&parse_mode=HTML");
        JsonNode b = post(
                FakeBotApi.TOKEN,
                "sendMessage",
                "chat_id=111222333&text=%3Cb%3Eagain%3C%2Fb%3E&parse_mode=HTML"
                        + "&reply_markup=%7B%22inline_keyboard%22%3A%5B%5B%7B%22text%22%3A%22Ok%22%2C%22callback_data%22%3A%22d%22%7D%5D%5D%7D");
        JsonNode other = post(FakeBotApi.TOKEN, "sendMessage", "chat_id=-4012345678&text=group");
        assertEquals(1, a.get("result").get("message_id").asInt());
        assertEquals(2, b.get("result").get("message_id").asInt());
        assertEquals("again", b.get("result").get("text").asText());
        assertEquals(
                "Ok",
                b.get("result")
                        .get("reply_markup")
                        .get("inline_keyboard")
                        .get(0)
                        .get(0)
                        .get("text")
                        .asText());
        assertEquals(1, other.get("result").get("message_id").asInt());
        assertEquals("group", other.get("result").get("chat").get("type").asText());
        assertEquals(3, api.calls("sendMessage").size());
    }

    @Test
    void injectedErrorsHaveTheBotApiShapeAndRunOut() throws Exception {
        api.failNext("sendMessage", 1, Failure.tooManyRequests(5));
        api.failNextInChat(111222333L, 1, Failure.migratedTo(-1002012345678L));
        JsonNode migrated = post(FakeBotApi.TOKEN, "sendMessage", "chat_id=111222333&text=x");
        assertEquals(
                -1002012345678L,
                migrated.get("parameters").get("migrate_to_chat_id").asLong());
        JsonNode flood = post(FakeBotApi.TOKEN, "sendMessage", "chat_id=111222333&text=x");
        assertEquals(
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 5\","
                        + "\"parameters\":{\"retry_after\":5}}",
                flood.toString());
        assertTrue(post(FakeBotApi.TOKEN, "sendMessage", "chat_id=111222333&text=x")
                .get("ok")
                .asBoolean());
    }

    @Test
    void textLongerThanTelegramTakesIsRefused() throws Exception {
        JsonNode r = post(FakeBotApi.TOKEN, "sendMessage", "chat_id=1&parse_mode=HTML&text=" + "a".repeat(4097));
        assertEquals("Bad Request: message is too long", r.get("description").asText());
    }

    @Test
    void getUpdatesIsAConflictWhileAWebhookIsSetAndWorksAgainOnceItIsDeleted() throws Exception {
        int id = api.pushText(ANNA, "hello");
        assertEquals(
                true,
                post(
                                FakeBotApi.TOKEN,
                                "setWebhook",
                                "url=https%3A%2F%2Fbot.example%2Fhook&secret_token=s3cret_s3cret-s3cret")
                        .get("result")
                        .asBoolean());
        assertEquals("https://bot.example/hook", api.webhookUrl());
        assertEquals("s3cret_s3cret-s3cret", api.webhookSecret());
        assertEquals(
                "https://bot.example/hook",
                post(FakeBotApi.TOKEN, "getWebhookInfo", "")
                        .get("result")
                        .get("url")
                        .asText());
        JsonNode refused = post(FakeBotApi.TOKEN, "getUpdates", "");
        assertEquals(409, refused.get("error_code").asInt());
        assertTrue(refused.get("description").asText().startsWith("Conflict"));

        post(FakeBotApi.TOKEN, "deleteWebhook", "");
        assertEquals(null, api.webhookUrl());
        assertEquals(
                "",
                post(FakeBotApi.TOKEN, "getWebhookInfo", "")
                        .get("result")
                        .get("url")
                        .asText());
        assertEquals(
                id,
                post(FakeBotApi.TOKEN, "getUpdates", "")
                        .get("result")
                        .get(0)
                        .get("update_id")
                        .asInt());
    }
}
