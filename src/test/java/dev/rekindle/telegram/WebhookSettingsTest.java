package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET = "0123456789abcdef_ABCDEF-xyz";

    @Test
    void withoutASecretInTheEnvironmentANewRandomOneOf256BitsIsMadeInTelegramsAlphabet() {
        WebhookSettings a = WebhookSettings.parse("https://bot.example.org/telegram", null, Map.of(), RANDOM);
        WebhookSettings b = WebhookSettings.parse("https://bot.example.org/telegram", null, Map.of(), RANDOM);
        assertTrue(a.secret().matches("[A-Za-z0-9_-]{43}"), a.secret());
        assertNotEquals(a.secret(), b.secret());
    }

    @Test
    void theSecretFromTheEnvironmentIsUsedAndNeverShown() {
        WebhookSettings w = WebhookSettings.parse(
                "https://bot.example.org/telegram", null, Map.of(WebhookSettings.SECRET_VARIABLE, SECRET), RANDOM);
        assertEquals(SECRET, w.secret());
        assertFalse(w.toString().contains(SECRET), w.toString());
    }

    @Test
    void aSecretTelegramWouldRefuseOrTooShortToGuessIsRefusedWithoutEchoingIt() {
        for (String bad :
                new String[] {"short_secret", "has spaces in it, sixteen+", "x".repeat(257), "ümlaut-0123456789abc"}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> WebhookSettings.parse(
                            "https://bot.example.org/telegram",
                            null,
                            Map.of(WebhookSettings.SECRET_VARIABLE, bad),
                            RANDOM));
            assertTrue(
                    e.getMessage().startsWith(WebhookSettings.SECRET_VARIABLE + " must be 16 to 256"), e.getMessage());
            assertFalse(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void theEndpointPathIsTheUrlsPathAndTheDefaultListenAddressIsLoopback() {
        WebhookSettings w = WebhookSettings.parse("https://bot.example.org/rekindle/hook", null, Map.of(), RANDOM);
        assertEquals("/rekindle/hook", w.path());
        assertEquals(new InetSocketAddress("127.0.0.1", 8080), w.listen());
        assertEquals(
                "/",
                WebhookSettings.parse("https://bot.example.org", null, Map.of(), RANDOM)
                        .path());
    }

    @Test
    void listenTakesHostAndPortIncludingIpv6AndAnyInterface() {
        assertEquals(new InetSocketAddress("0.0.0.0", 8443), WebhookSettings.listenAddress("0.0.0.0:8443"));
        assertEquals(new InetSocketAddress("::1", 9000), WebhookSettings.listenAddress("[::1]:9000"));
        for (String bad : new String[] {"8080", "localhost:", ":8080", "127.0.0.1:http", "127.0.0.1:70000"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> WebhookSettings.listenAddress(bad));
            assertTrue(e.getMessage().contains("write it like 127.0.0.1:8080"), e.getMessage());
        }
    }

    @Test
    void aWebhookUrlMustBeAnAbsoluteHttpUrlWithAHost() {
        for (String bad : new String[] {
            "",
            "bot.example.org/telegram",
            "ftp://bot.example.org/x",
            "https://bot.example.org/x#y",
            "https://user:pw@bot.example.org/x",
            "https://exa mple.org"
        }) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> WebhookSettings.parse(bad, null, Map.of(), RANDOM), bad);
            assertTrue(e.getMessage().contains("https://bot.example.org/telegram"), e.getMessage());
        }
    }
}
