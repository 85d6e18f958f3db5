package dev.rekindle.telegram;

import dev.rekindle.bot.BotCore;
import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Members;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.store.FailedUpdate;
import dev.rekindle.store.Inbox;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.ReceivedUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in from Telegram. Every update is written to the inbox (Telegram's JSON, keyed by update id)
 * before anything else, on the polling thread, so the poller confirms it to Telegram only once it is
 * stored; a repeated id is ignored, and one that could not be read is stored as failed and goes no further. Then the Telegram ids are resolved to a couple, partner and chat and
 * the update goes to its couple's lane in the {@link BotCore}: for the dialogs, or for the bot's own flows
 * (onboarding, pairing, {@code /forget}, the group's {@code /link}, membership changes), in the order received,
 * one at a time per couple. Each commits its outcome and marks the update done. A group message from someone
 * who is not one of the couple's partners, and updates we do not act on, are marked done untouched.
 *
 * <p>At start, {@link #recover} hands the core what was received before a crash but never marked done.
 */
public final class TelegramReceiver implements UpdateSink {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramReceiver.class);

    private final Inbox inbox;
    private final BotCore core;
    private final OptionalCalls optional;
    private final UpdateRouter router;
    /** How long the receiver waits for an update that changes couples before it resolves the next one. */
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(60);

    public TelegramReceiver(Inbox inbox, Outbox outbox, Members members, BotCore core, OptionalCalls optional) {
        this(inbox, outbox, members, core, optional, null, null, () -> {});
    }

    /**
     * With the couple-life flows: the private updates of someone not onboarded, and of the bot's own flows, go to
     * {@code onboarding}, and the group's {@code /link}, its buttons and membership changes to {@code groups}, all on
     * the couple's lane. Null: every person is partner A of
     * a couple of one and groups are linked by other means (tests of the runtime alone). {@code committed} runs
     * after a flow committed a reply (the sender wakes).
     */
    public TelegramReceiver(
            Inbox inbox,
            Outbox outbox,
            Members members,
            BotCore core,
            OptionalCalls optional,
            Onboarding onboarding,
            CoupleGroups groups,
            Runnable committed) {
        this.inbox = inbox;
        this.core = core;
        this.optional = optional;
        this.router = new UpdateRouter(members, onboarding, groups, inbox, outbox, committed);
    }

    /**
     * A getUpdates batch: every update is written to the inbox in ONE durable write (shared with the commits in
     * flight) before any is handled, those that could not be read as failed; then each new one goes on in order.
     * Returning means all are stored; throwing (the inbox could not be written) means none is, and none may be
     * confirmed to Telegram.
     */
    @Override
    public void acceptAll(List<ReadUpdate> batch) {
        Map<Long, String> readable = new LinkedHashMap<>();
        List<FailedUpdate> unreadable = new ArrayList<>();
        for (ReadUpdate r : batch) {
            if (r instanceof ReadUpdate.Unreadable u) {
                unreadable.add(new FailedUpdate(u.updateId(), u.json(), u.reason()));
            } else {
                readable.putIfAbsent(r.updateId(), r.json());
            }
        }
        Set<Long> fresh = inbox.receiveAll(readable, unreadable);
        List<IncomingUpdate> stored = new ArrayList<>();
        for (ReadUpdate r : batch) {
            if (r instanceof ReadUpdate.Unreadable u) {
                logSetAside(u);
            } else if (fresh.remove(r.updateId())) {
                stored.add(((ReadUpdate.Mapped) r).update());
            } else {
                LOG.debug("update {} was received before; ignored", r.updateId());
            }
        }
        handleLive(stored);
    }

    /**
     * The first half of {@link #acceptAll}, for a webhook that answers Telegram in between: writes one update to the
     * inbox (an unreadable one as failed). False when its id was received before, or it could not be read (it goes
     * no further); throws when it could not be stored (Telegram must send it again).
     */
    public boolean receive(ReadUpdate update) {
        if (update instanceof ReadUpdate.Unreadable u) {
            inbox.receiveAll(Map.of(), List.of(new FailedUpdate(u.updateId(), u.json(), u.reason())));
            logSetAside(u);
            return false;
        }
        if (!inbox.receive(update.updateId(), update.json())) {
            LOG.debug("update {} was received before; ignored", update.updateId());
            return false;
        }
        return true;
    }

    private static void logSetAside(ReadUpdate.Unreadable u) {
        LOG.warn("update {} could not be read and is kept as failed in the inbox: {}", u.updateId(), u.reason());
    }

    /** The second half: hands an update that {@link #receive} stored to the core. Never throws. */
    public void handle(IncomingUpdate update) {
        handleLive(List.of(update));
    }

    /**
     * Updates just stored, in order, each to its couple's lane. A press is answered by whatever handles it, in its
     * commit, when that decides what its presser alone is told (the dialogs, the group's link: "this one is your
     * partner's to tap" in a pop-up); any other press has its spinner stopped here at once, without waiting (nothing
     * the core does depends on it). "Typing..." is the sender's to show, where an answer's later messages wait
     * ({@link OutboxSender}), so nothing optional stands between receipt and the core.
     */
    private void handleLive(List<IncomingUpdate> stored) {
        for (IncomingUpdate u : stored) {
            dispatch(u, true);
        }
    }

    /**
     * Handles every update received but not done (a crash came between receipt and commit), in update-id
     * order, and waits for them (at most {@code timeout}) before polling starts again.
     */
    public int recover(BotIdentity me, Duration timeout) {
        UpdateReader reader = new UpdateReader(me, TelegramClients.updateJson());
        List<CompletableFuture<Void>> work = new ArrayList<>();
        List<ReceivedUpdate> pending = inbox.pending();
        for (ReceivedUpdate r : pending) {
            ReadUpdate read = reader.read(r.updateId(), r.rawJson());
            if (read instanceof ReadUpdate.Unreadable bad) {
                LOG.error(
                        "update {} in the inbox cannot be read again and is marked failed: {}",
                        r.updateId(),
                        bad.reason());
                inbox.markFailed(r.updateId(), bad.reason());
                continue;
            }
            IncomingUpdate u = ((ReadUpdate.Mapped) read).update();
            // no spinner to stop or typing to show: the press and the message are from before the restart
            dispatch(u, false).ifPresent(work::add);
        }
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn(
                    "not every update received before the restart was handled within {}: {}",
                    timeout,
                    e.getClass().getSimpleName());
        }
        if (!pending.isEmpty()) {
            LOG.info("{} update(s) received before the restart were handled again", pending.size());
        }
        return pending.size();
    }

    /**
     * Resolves who wrote where and hands the update to its couple's lane; the future ends when it is handled.
     *
     * <p>Every update of a couple, whether for the dialogs or for the bot's own flows (onboarding, pairing,
     * {@code /forget}, the group's {@code /link}, membership), goes through the couple's one lane in the order
     * received. Who wrote where is resolved here, on the receiving thread, in order ({@link UpdateRouter}); an
     * update that may change who is in which couple (or which couple a group is) is waited for before the next is
     * resolved, so that one resolves against what the earlier ones did. Those are rare (accepting, unpairing,
     * forgetting, linking, a partner leaving), the wait is for one commit, and everything else goes on without
     * waiting.
     */
    private Optional<CompletableFuture<Void>> dispatch(IncomingUpdate update, boolean live) {
        try {
            UpdateRoute route = router.route(update);
            if (live && update instanceof IncomingUpdate.ButtonPress p && !route.answersPress()) {
                var unused = optional.answerPressAsync(p.callbackQueryId()); // optional: OptionalCalls logs failures
            }
            return submit(route);
        } catch (RuntimeException e) {
            // the inbox keeps it pending: the next start tries again
            LOG.error(
                    "update {} ({}) could not be handed on: {}",
                    update.updateId(),
                    update.getClass().getSimpleName(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The one place an update is handed to the core: its route's lane(s), or marked done. */
    private Optional<CompletableFuture<Void>> submit(UpdateRoute route) {
        if (route instanceof UpdateRoute.ToDialogs d) {
            return submit(d.updateId(), core.submit(d.received()), false);
        }
        if (route instanceof UpdateRoute.ToFlow f) {
            return submit(f.updateId(), core.submitFlow(f.lanes(), f.flow()), f.waited());
        }
        inbox.markDone(route.updateId());
        return Optional.empty();
    }

    /**
     * Logs a flow that failed (the update stays pending: the next start tries again) and, for one that changes
     * couples, waits for it before the next update is resolved.
     */
    private Optional<CompletableFuture<Void>> submit(long id, CompletableFuture<Void> work, boolean wait) {
        CompletableFuture<Void> logged = work.whenComplete((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause()
                        : e;
                LOG.error(
                        "update {} could not be handled and stays pending in the inbox: {}",
                        id,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        });
        if (wait) {
            try {
                logged.get(CHANGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn(
                        "update {}, which may change who is in which couple, is still in hand after {}; the next "
                                + "updates go on",
                        id,
                        CHANGE_WAIT);
            } catch (java.util.concurrent.ExecutionException e) {
                // logged above
            }
        }
        return Optional.of(logged);
    }
}
