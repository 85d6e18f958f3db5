package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoupleLanesTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private CompletableFuture<Void> note(String what) {
        order.add(what);
        return CompletableFuture.completedFuture(null);
    }

    @Test
    void aTaskOnTwoLanesWaitsForWhatIsInHandInBothAndBothWaitForItWhileOtherCouplesGoOn() throws Exception {
        CoupleLanes lanes = new CoupleLanes(pool);
        CompletableFuture<Void> invitee = new CompletableFuture<>();
        CompletableFuture<Void> inviter = new CompletableFuture<>();
        CompletableFuture<Void> inviteeText =
                lanes.submitAsync(1, () -> invitee.thenRun(() -> order.add("invitee's text")));
        CompletableFuture<Void> inviterText =
                lanes.submitAsync(2, () -> inviter.thenRun(() -> order.add("inviter's text")));
        CompletableFuture<Void> accept = lanes.submitAsync(Set.of(1L, 2L), () -> note("accept"));
        CompletableFuture<Void> afterOnOne = lanes.submitAsync(1, () -> note("next on 1"));
        CompletableFuture<Void> afterOnTwo = lanes.submitAsync(2, () -> note("next on 2"));

        lanes.submitAsync(3, () -> note("another couple")).get(5, TimeUnit.SECONDS);
        invitee.complete(null);
        assertFalse(accept.isDone(), "the accept still waits for the inviter's couple");
        assertFalse(afterOnOne.isDone(), "and the invitee's next waits for the accept");
        inviter.complete(null);
        CompletableFuture.allOf(inviteeText, inviterText, afterOnOne, afterOnTwo)
                .get(5, TimeUnit.SECONDS);

        assertTrue(order.indexOf("invitee's text") < order.indexOf("accept"), order.toString());
        assertTrue(order.indexOf("inviter's text") < order.indexOf("accept"), order.toString());
        assertTrue(order.indexOf("accept") < order.indexOf("next on 1"), order.toString());
        assertTrue(order.indexOf("accept") < order.indexOf("next on 2"), order.toString());
        assertTrue(
                order.indexOf("another couple") < order.indexOf("invitee's text"),
                "other couples run meanwhile: " + order);
        assertTrue(lanes.awaitIdle(java.time.Duration.ofSeconds(5)));
    }
}
