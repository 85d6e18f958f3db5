package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The getUpdates loop, on one thread. Each answer is read update by update ({@link UpdateReader}) and handed to the
 * sink; only once the sink returned (every update stored, the unreadable ones as failed) does the offset move past
 * them, and the next getUpdates confirms them to Telegram. A sink that throws stored nothing: the same updates are
 * asked for again after a pause. So an update is confirmed only once it is in the inbox, and one that cannot be
 * read is set aside, never a stop.
 *
 * <p>It never stops on its own and never spins: a 429 waits its {@code retry_after}; a network error, another
 * refusal or a sink that failed wait 1 s, 2 s, 4 s ... up to a minute, back to none after a round that went well;
 * an answer that brought nothing new waits a second. The waits go through {@link Pause}, so a test sees them
 * without waiting.
 */
final class LongPoller implements Runnable {
    /** How the poller waits between attempts. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration wait) throws InterruptedException;

        /** Called by {@link #stop()}: a pause in progress, and any later one, ends at once. */
        default void cutShort() {}

        /** The real one: waits on the clock, unless cut short. */
        static Pause untilCutShort() {
            CountDownLatch cut = new CountDownLatch(1);
            return new Pause() {
                @Override
                public void pause(Duration wait) throws InterruptedException {
                    var unused = cut.await(wait.toNanos(), TimeUnit.NANOSECONDS);
                }

                @Override
                public void cutShort() {
                    cut.countDown();
                }
            };
        }
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int LIMIT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LongPoller.class);

    private final TelegramClient client;
    private final Runnable cancelCall;
    private final UpdateReader reader;
    private final UpdateSink sink;
    private final Pause pause;
    private final int timeoutSeconds;
    private final List<String> allowedUpdates;
    private final Redact redact;
    private volatile boolean stopping;

    /** The first update id not yet stored: asking from it confirms every one below. */
    private long offset;

    private Duration backoff = Duration.ZERO;

    /** The offset at which an update without an id was last logged. */
    private long skippedAt = -1;

    /**
     * @param client     makes the calls, on an OkHttp client whose read timeout outlasts {@code timeoutSeconds}
     * @param cancelCall cancels the getUpdates in flight (held open for up to the timeout), for {@link #stop()}
     * @param pause      how to wait: {@link Pause#untilCutShort()}, or a test's
     */
    LongPoller(
            TelegramClient client,
            Runnable cancelCall,
            UpdateReader reader,
            UpdateSink sink,
            Pause pause,
            int timeoutSeconds,
            List<String> allowedUpdates,
            Redact redact) {
        this.client = client;
        this.cancelCall = cancelCall;
        this.reader = reader;
        this.sink = sink;
        this.pause = pause;
        this.timeoutSeconds = timeoutSeconds;
        this.allowedUpdates = List.copyOf(allowedUpdates);
        this.redact = redact;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                round();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a fault of ours must not leave the bot deaf: it is a failed round like any other
                LOG.error("polling Telegram failed: {}", redact.describe(e));
                waitAfterFailure();
            }
        }
    }

    /**
     * Stops asking: a getUpdates held open is cancelled and a pause cut short; a batch being stored finishes
     * (the thread ends after it). What was not confirmed yet Telegram sends again at the next start.
     */
    void stop() {
        stopping = true;
        pause.cutShort();
        synchronized (this) {
            cancelCall.run(); // after a call has started (see ask): it is cancelled, never left held open
        }
    }

    boolean stopping() {
        return stopping;
    }

    private void round() throws InterruptedException {
        ArrayNode answer = ask();
        if (answer == null || stopping) {
            return;
        }
        List<ReadUpdate> batch = new ArrayList<>(answer.size());
        long next = offset;
        for (JsonNode u : answer) {
            OptionalLong id = UpdateReader.updateId(u);
            if (id.isEmpty()) {
                skipped(u);
            } else if (id.getAsLong() < offset) {
                LOG.debug("update {} came again after it was stored; not handed on", id.getAsLong());
            } else {
                batch.add(reader.read(id.getAsLong(), u));
                next = Math.max(next, id.getAsLong() + 1);
            }
        }
        if (!answer.isEmpty()) {
            // ids and counts only: an update's words never reach a log line
            LOG.debug("getUpdates from {} brought {} update(s), {} to store", offset, answer.size(), batch.size());
        }
        if (!batch.isEmpty() && !store(batch)) {
            return;
        }
        if (!answer.isEmpty() && next == offset) {
            // something came but nothing new (an update without an id, last of its answer): asking again at once
            // would bring the same at once, again and again; a later update's confirmation takes it away
            pause.pause(FIRST_BACKOFF);
            return;
        }
        offset = next;
        backoff = Duration.ZERO;
    }

    /**
     * An update without an id to store it under or confirm it by: the next update's confirmation confirms it too.
     * Until one comes it is served again each second: logged once, not each time.
     */
    private void skipped(JsonNode update) {
        if (skippedAt == offset) {
            LOG.debug("the update without a usable update_id came again ({})", UpdateReader.whyNoId(update));
            return;
        }
        skippedAt = offset;
        LOG.error(
                "an update that cannot be stored was skipped ({}); it is confirmed with the next update",
                UpdateReader.whyNoId(update));
    }

    /** The next answer, or null when there is none this round (after the wait it called for). */
    private ArrayNode ask() throws InterruptedException {
        GetRawUpdates request = new GetRawUpdates(offset, LIMIT, timeoutSeconds, allowedUpdates);
        Future<ArrayNode> call;
        try {
            synchronized (this) {
                if (stopping) {
                    return null;
                }
                call = client.executeAsync(request); // queued in OkHttp's dispatcher before the lock is let go
            }
            return call.get();
        } catch (ExecutionException e) {
            refused(e.getCause());
        } catch (TelegramApiException e) {
            refused(e);
        }
        return null;
    }

    private void refused(Throwable e) throws InterruptedException {
        if (stopping) {
            return; // the call stop() cancelled
        }
        if (e instanceof TelegramApiRequestException r
                && r.getErrorCode() != null
                && r.getErrorCode() == 429
                && r.getParameters() != null
                && r.getParameters().getRetryAfter() != null) {
            Duration wait = Duration.ofSeconds(Math.max(1, r.getParameters().getRetryAfter()));
            LOG.warn("Telegram asks for no getUpdates during the next {} (429); waiting", wait);
            pause.pause(wait);
            return;
        }
        if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
            LOG.error("getUpdates was refused: {} {}", r.getErrorCode(), redact.apply(r.getApiResponse()));
        } else {
            LOG.warn("getUpdates failed: {}", redact.describe(e));
        }
        waitAfterFailure();
    }

    /** Hands the batch to the sink; false when it failed (nothing confirmed, the same asked again after a wait). */
    private boolean store(List<ReadUpdate> batch) throws InterruptedException {
        try {
            sink.acceptAll(batch);
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error(
                    "{} update(s) from {} on could not be stored; not confirmed, asked for again after {}: {}",
                    batch.size(),
                    batch.get(0).updateId(),
                    nextBackoff(),
                    redact.describe(e));
            waitAfterFailure();
            return false;
        }
    }

    private Duration nextBackoff() {
        if (backoff.isZero()) {
            return FIRST_BACKOFF;
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    private void waitAfterFailure() {
        backoff = nextBackoff();
        try {
            pause.pause(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
