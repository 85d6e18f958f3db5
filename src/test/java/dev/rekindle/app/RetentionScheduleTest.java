package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekindle.store.Retention;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionScheduleTest {
    @Test
    void theEnvironmentSetsTheDaysAndABadValueSaysWhatToWrite() {
        assertEquals(Retention.Policy.DEFAULT, RetentionSchedule.policy(Map.of()));
        assertEquals(
                new Retention.Policy(Duration.ofDays(7), Duration.ofDays(90)),
                RetentionSchedule.policy(Map.of("REKINDLE_KEEP_DAYS", " 7 ")));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> RetentionSchedule.policy(Map.of("REKINDLE_KEEP_FAILED_DAYS", "ninety")));
        assertEquals(
                "REKINDLE_KEEP_FAILED_DAYS must be a whole number of days from 1 to 36500, not 'ninety'; unset it for"
                        + " the default (90)",
                e.getMessage());
    }
}
