package dev.rekindle.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.FailedUpdate;
import dev.rekindle.store.Fixture;
import dev.rekindle.store.ReceivedUpdate;
import dev.rekindle.store.StoreException;
import dev.rekindle.store.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {
    @TempDir
    Path dir;

    TestClock clock = TestClock.atNoon();
    SqliteStore store;

    @BeforeEach
    void open() {
        store = Fixture.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aGetUpdatesBatchIsStoredAtOnceAndOnlyItsNewIdsAreNew() {
        assertTrue(store.inbox().receive(11, "{\"a\":1}"));
        java.util.Map<Long, String> batch = new java.util.LinkedHashMap<>();
        batch.put(10L, "{}");
        batch.put(11L, "{}");
        batch.put(12L, "{}");
        assertEquals(List.of(10L, 12L), List.copyOf(store.inbox().receiveAll(batch)));
        assertEquals(
                List.of(10L, 11L, 12L),
                store.inbox().pending().stream().map(ReceivedUpdate::updateId).toList());
        assertTrue(store.inbox().receiveAll(batch).isEmpty(), "a redelivered batch is new no more");
    }

    @Test
    void anUnreadableUpdateIsStoredAsFailedWithWhyInTheSameWriteAsTheReadOnes() {
        FailedUpdate poison = new FailedUpdate(11, "{\"update_id\":11,\"message\":{}}", "message.chat is missing");
        java.util.Map<Long, String> batch = new java.util.LinkedHashMap<>();
        batch.put(10L, "{}");
        batch.put(12L, "{}");
        assertEquals(List.of(10L, 12L), List.copyOf(store.inbox().receiveAll(batch, List.of(poison))));
        assertEquals(List.of(10L, 12L), ids(store.inbox().pending()));
        assertEquals(List.of(poison), store.inbox().failed());
        assertTrue(store.inbox().receiveAll(batch, List.of(poison)).isEmpty(), "served again, stored once");
        assertEquals(List.of(poison), store.inbox().failed());
    }

    @Test
    void anUpdateThatFailedWhileHandledIsKeptWithoutAReasonOfItsOwn() {
        store.inbox().receive(4, "{\"n\":4}");
        store.inbox().markFailed(4);
        assertEquals(
                List.of(new FailedUpdate(4, "{\"n\":4}", null)), store.inbox().failed());
    }

    @Test
    void theLongestTextTelegramAllowsIsReadBackAsItCameEncryptedAtRest() {
        // 4096 characters, Telegram's most for one message, with letters outside the Basic Multilingual Plane
        StringBuilder text = new StringBuilder();
        while (text.length() < 4096) {
            text.append("ü 😔 ש ");
        }
        String words = text.substring(0, 4096);
        String json = "{\"update_id\":21,\"message\":{\"text\":\"" + words + "\"}}";
        assertTrue(store.inbox().receive(21, json));
        assertEquals(json, store.inbox().pending().get(0).rawJson());
        assertEquals(
                "0",
                Rows.text(store, "SELECT COUNT(*) FROM inbox WHERE CAST(raw_json AS TEXT) LIKE '%ü 😔 ש%'"),
                "the file holds it encrypted");
    }

    @Test
    void repeatedUpdateIdIsStoredOnce() {
        assertTrue(store.inbox().receive(7, "{\"update_id\":7}"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(store.inbox().receive(7, "{\"update_id\":7,\"again\":true}"));
        assertEquals(
                List.of(new ReceivedUpdate(
                        7, "{\"update_id\":7}", TestClock.atNoon().instant())),
                store.inbox().pending());
    }

    @Test
    void aRepeatedUpdateIdStaysIgnoredAfterItWasDone() {
        store.inbox().receive(7, "{}");
        store.inbox().markDone(7);
        assertFalse(store.inbox().receive(7, "{}"));
        assertEquals(List.of(), store.inbox().pending());
    }

    @Test
    void pendingListsUpdatesInUpdateIdOrderUntilTheyAreDoneOrFailed() {
        store.inbox().receive(30, "{\"n\":30}");
        store.inbox().receive(10, "{\"n\":10}");
        store.inbox().receive(20, "{\"n\":20}");
        assertEquals(List.of(10L, 20L, 30L), ids(store.inbox().pending()));
        store.inbox().markDone(10);
        store.inbox().markFailed(30);
        assertEquals(List.of(20L), ids(store.inbox().pending()));
    }

    @Test
    void aDoneUpdateKeepsNoneOfWhatWasWritten() {
        store.inbox().receive(5, "{\"message\":{\"text\":\"something private\"}}");
        store.inbox().markDone(5);
        assertEquals("", Rows.text(store, "SELECT raw_json FROM inbox WHERE update_id = 5"));
    }

    @Test
    void anUpdateCannotBeMarkedDoneTwice() {
        store.inbox().receive(5, "{}");
        store.inbox().markDone(5);
        StoreException e =
                assertThrows(StoreException.class, () -> store.inbox().markDone(5));
        assertTrue(e.getMessage().contains("update 5 is not pending"), e.getMessage());
    }

    @Test
    void highestUpdateIdTellsWherePollingResumes() {
        assertEquals(OptionalLong.empty(), store.inbox().highestUpdateId());
        store.inbox().receive(900_000_000_001L, "{}");
        store.inbox().receive(12, "{}");
        assertEquals(OptionalLong.of(900_000_000_001L), store.inbox().highestUpdateId());
    }

    private static List<Long> ids(List<ReceivedUpdate> updates) {
        return updates.stream().map(ReceivedUpdate::updateId).toList();
    }
}
