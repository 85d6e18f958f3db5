package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsAndRedactTest {
    private static final String TOKEN = "7012345678:AAHk3vZ_secretPart-0123456789abcdefXYZ";

    @Test
    void tokenIsMaskedButTheBotIdStays() {
        Redact r = Redact.token(TOKEN);
        assertEquals(
                "GET https://api.telegram.org/bot7012345678:***/getMe",
                r.apply("GET https://api.telegram.org/bot" + TOKEN + "/getMe"));
    }

    @Test
    void anythingShapedLikeAnotherBotTokenIsMaskedToo() {
        Redact r = Redact.token(TOKEN);
        assertEquals("old token 123456:*** leaked", r.apply("old token 123456:ABCdefGHIjklMNOpqrSTUvwx_yz leaked"));
    }

    @Test
    void exceptionDescriptionsCarryNoToken() {
        Redact r = Redact.token(TOKEN);
        Exception e = new IllegalStateException(
                "call failed",
                new java.io.IOException("unexpected end of stream on http://127.0.0.1/bot" + TOKEN + "/sendMessage"));
        String line = r.describe(e);
        assertFalse(line.contains("secretPart"), line);
        assertTrue(line.contains("IOException: unexpected end of stream"), line);
    }

    @Test
    void settingsPrintWithoutTheToken() {
        TelegramSettings s = TelegramSettings.of(TOKEN);
        assertFalse(s.toString().contains("secretPart"), s.toString());
        assertTrue(s.toString().contains("7012345678:***"), s.toString());
    }

    @Test
    void apiUrlDefaultsToTelegramAndCanPointElsewhere() {
        assertEquals(
                URI.create("https://api.telegram.org"),
                TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN))
                        .apiUrl());
        TelegramSettings local = TelegramSettings.fromEnvironment(
                Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "http://127.0.0.1:8081"));
        assertEquals("127.0.0.1", local.telegramUrl().getHost());
        assertEquals(8081, local.telegramUrl().getPort());
        assertEquals("http", local.telegramUrl().getSchema());
        assertEquals(443, TelegramSettings.of(TOKEN).telegramUrl().getPort());
    }

    @Test
    void missingTokenSaysHowToGetOne() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TelegramSettings.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("@BotFather"), e.getMessage());
    }

    @Test
    void malformedTokenIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TelegramSettings.of("not-a-token-but-maybe-a-password"));
        assertFalse(e.getMessage().contains("maybe-a-password"), e.getMessage());
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
    }

    @Test
    void apiUrlWithAPathIsRefusedBecauseTheLibraryCannotUseIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TelegramSettings.fromEnvironment(
                        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "https://proxy.example/telegram")));
        assertTrue(e.getMessage().contains("must not have a path"), e.getMessage());
    }

    @Test
    void logLinesShowNoThreadNamesBecauseOkHttpNamesItsThreadsAfterTheUrl() throws IOException {
        // OkHttp renames a thread running an async call to "OkHttp <url>", and the URL holds the token
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/simplelogger.properties")) {
            p.load(in);
        }
        assertEquals("false", p.getProperty("org.slf4j.simpleLogger.showThreadName"));
    }
}
