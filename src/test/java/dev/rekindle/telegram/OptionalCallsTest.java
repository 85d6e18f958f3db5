package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.telegram.FakeBotApi.Failure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OptionalCallsTest {
    private static final long ANNA = 111222333L;

    private final FakeBotApi api = FakeBotApi.start();
    private final TelegramClients clients = TelegramClients.open(api.settings(Duration.ofSeconds(1)));
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final OptionalCalls optional = new OptionalCalls(clients.client(), clients.redact(), warnings::add);

    @AfterEach
    void close() {
        clients.close();
        api.close();
    }

    @Test
    void commandMenuAndTypingReachTelegram() {
        Map<String, String> menu = new LinkedHashMap<>();
        menu.put("menu", "Exercises for the two of you");
        menu.put("stop", "Stop the current exercise");
        assertTrue(optional.setCommands(menu));
        assertTrue(optional.typing(ANNA));
        assertEquals(
                "menu",
                api.calls("setMyCommands")
                        .get(0)
                        .params()
                        .get("commands")
                        .get(0)
                        .get("command")
                        .asText());
        assertEquals(
                "typing",
                api.calls("sendChatAction").get(0).params().get("action").asText());
        assertEquals(ANNA, api.calls("sendChatAction").get(0).chatId());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void refusedOptionalCallsAreSkippedAndLoggedOncePerMethod() {
        api.failNext("setMyCommands", 2, Failure.badRequest("BOT_COMMAND_INVALID"));
        api.failNext("sendChatAction", 3, Failure.badRequest("chat not found"));
        assertFalse(optional.setCommands(Map.of("menu", "Exercises")));
        assertFalse(optional.setCommands(Map.of("menu", "Exercises")));
        assertFalse(optional.typing(ANNA));
        assertFalse(optional.typing(ANNA));
        assertFalse(optional.typing(ANNA));
        assertTrue(optional.typing(ANNA));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains("setMyCommands") && warnings.get(0).contains("BOT_COMMAND_INVALID"),
                warnings.get(0));
        assertTrue(
                warnings.get(1).contains("sendChatAction") && warnings.get(1).contains("chat not found"),
                warnings.get(1));
        assertTrue(warnings.stream().noneMatch(w -> w.contains(FakeBotApi.TOKEN)));
    }

    @Test
    void anExpiredPressAnswerDoesNotThrow() {
        api.failNext(
                "answerCallbackQuery",
                1,
                Failure.badRequest("query is too old and response timeout expired or query ID is invalid"));
        assertFalse(optional.answerPress("4382bfdwdsb323b2d9"));
        assertTrue(optional.answerPress("4382bfdwdsb323b2d9"));
    }
}
