package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Rekindle's defaults for the JDK server's limits, set on a Properties of the test's own, never the JVM's. */
class WebhookLimitsTest {

    @Test
    void nothingSetGivesRekindlesDefaultsUnderTheNamesTheJdkReads() {
        Properties p = new Properties();
        assertEquals(WebhookLimits.DEFAULTS, WebhookLimits.setJvmDefaults(p));
        assertEquals("16", p.getProperty("jdk.httpserver.maxConnections"));
        assertEquals("5", p.getProperty("sun.net.httpserver.maxReqTime"));
        assertEquals("30", p.getProperty("sun.net.httpserver.maxRspTime"));
        assertEquals("30", p.getProperty("sun.net.httpserver.idleInterval"));
        assertEquals("1000", p.getProperty("sun.net.httpserver.clockTick"));
        assertEquals("", WebhookLimits.DEFAULTS.unbounded());
    }

    @Test
    void aValueGivenOnTheCommandLineWinsAndTheOthersTakeTheDefaults() {
        Properties p = new Properties();
        p.setProperty("sun.net.httpserver.maxReqTime", "2");
        WebhookLimits in = WebhookLimits.setJvmDefaults(p);
        assertEquals(Duration.ofSeconds(2), in.requestTime());
        assertEquals(16, in.connections());
        assertEquals("2", p.getProperty("sun.net.httpserver.maxReqTime"));
    }

    @Test
    void withNothingSetTheJdkHasNoConnectionLimitAndNoRequestOrResponseTime() {
        WebhookLimits jdk = WebhookLimits.inForce(new Properties());
        assertEquals(
                "jdk.httpserver.maxConnections sun.net.httpserver.maxReqTime sun.net.httpserver.maxRspTime",
                jdk.unbounded());
        assertEquals(Duration.ofSeconds(10), jdk.idleCheck());
    }

    @Test
    void aValueThatIsNotAWholeNumberStopsTheStartNamingThePropertyInsteadOfQuietlyLiftingTheLimit() {
        Properties p = new Properties();
        p.setProperty("sun.net.httpserver.maxReqTime", "5s");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> WebhookLimits.setJvmDefaults(p));
        assertTrue(e.getMessage().contains("-Dsun.net.httpserver.maxReqTime=5s is not a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("sun.net.httpserver.maxReqTime=5"), e.getMessage());
        assertEquals(1, p.size(), "nothing was set");
    }
}
