package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.bot.BotCore;
import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Members;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.bot.Received;
import dev.rekindle.store.Inbox;
import dev.rekindle.store.Member;
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
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The way in from Telegram. Every update is written to the inbox (Telegram's JSON, keyed by update id)
 * before anything else, on the polling thread, so the library confirms it to Telegram only once it is
 * stored; a repeated id is ignored. Then the Telegram ids are resolved to a couple, partner and chat and
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
    private final Outbox outbox;
    private final Members members;
    private final BotCore core;
    private final OptionalCalls optional;
    private final Onboarding onboarding;
    private final CoupleGroups groups;
    private final Runnable committed;
    private final ObjectMapper json = TelegramClients.updateJson();
    /** How long the receiver waits for an update that changes couples before it resolves the next one. */
    private static final Duration CHANGE_WAIT = Duration.ofSeconds(60);

    public TelegramReceiver(Inbox inbox, Outbox outbox, Members members, BotCore core, OptionalCalls optional) {
        this(inbox, outbox, members, core, optional, null, null, () -> { });
    }

    /**
     * With the couple-life flows: private updates pass {@code onboarding} before the dialogs, and the group's
     * {@code /link}, its buttons and membership changes go to {@code groups}, all on the couple's lane. Null: every person is partner A of
     * a couple of one and groups are linked by other means (tests of the runtime alone). {@code committed} runs
     * after a flow committed a reply (the sender wakes).
     */
    public TelegramReceiver(Inbox inbox, Outbox outbox, Members members, BotCore core, OptionalCalls optional,
                            Onboarding onboarding, CoupleGroups groups, Runnable committed) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.members = members;
        this.core = core;
        this.optional = optional;
        this.onboarding = onboarding;
        this.groups = groups;
        this.committed = committed;
    }

    @Override
    public void accept(IncomingUpdate update) {
        throw new UnsupportedOperationException("the receiver keeps Telegram's JSON in the inbox: call accept(update, rawJson)");
    }

    @Override
    public void accept(IncomingUpdate update, String rawJson) {
        acceptAll(List.of(new UpdateSink.Raw(update, rawJson)));
    }

    /**
     * A getUpdates batch: every new update is written to the inbox in ONE durable write (shared with the
     * commits in flight) before any is handled, then each goes on in order. Returning means all are stored.
     */
    @Override
    public void acceptAll(List<UpdateSink.Raw> batch) {
        Map<Long, String> raw = new LinkedHashMap<>();
        for (UpdateSink.Raw r : batch) {
            raw.putIfAbsent((long) r.update().updateId(), r.json());
        }
        Set<Long> fresh = inbox.receiveAll(raw);
        List<IncomingUpdate> stored = new ArrayList<>();
        for (UpdateSink.Raw r : batch) {
            if (fresh.remove((long) r.update().updateId())) {
                stored.add(r.update());
            } else {
                LOG.debug("update {} was received before; ignored", r.update().updateId());
            }
        }
        handleLive(stored);
    }

    /**
     * The first half of {@link #accept(IncomingUpdate, String)}, for a webhook that answers Telegram in
     * between: writes the update to the inbox. False when its id was received before (ignore it then); throws
     * when it could not be stored (Telegram must send it again).
     */
    public boolean receive(IncomingUpdate update, String rawJson) {
        if (!inbox.receive(update.updateId(), rawJson)) {
            LOG.debug("update {} was received before; ignored", update.updateId());
            return false;
        }
        return true;
    }

    /** The second half: hands an update that {@link #receive} stored to the core. Never throws. */
    public void handle(IncomingUpdate update) {
        handleLive(List.of(update));
    }

    /**
     * Updates just stored, in order: a press's spinner is stopped (without waiting: nothing the core does
     * depends on it, and Telegram shows the answer whenever it comes), then each update goes to its couple's
     * lane, in order. "Typing..." is the sender's to show, where an answer's later messages wait
     * ({@link OutboxSender}), so nothing optional stands between receipt and the core.
     */
    private void handleLive(List<IncomingUpdate> stored) {
        for (IncomingUpdate u : stored) {
            if (u instanceof IncomingUpdate.ButtonPress p) {
                var unused = optional.answerPressAsync(p.callbackQueryId()); // optional: OptionalCalls logs failures
            }
        }
        for (IncomingUpdate u : stored) {
            dispatch(u);
        }
    }

    /**
     * Handles every update received but not done (a crash came between receipt and commit), in update-id
     * order, and waits for them (at most {@code timeout}) before polling starts again.
     */
    public int recover(BotIdentity me, Duration timeout) {
        UpdateMapper mapper = new UpdateMapper(me);
        List<CompletableFuture<Void>> work = new ArrayList<>();
        List<ReceivedUpdate> pending = inbox.pending();
        for (ReceivedUpdate r : pending) {
            IncomingUpdate u;
            try {
                u = mapper.map(json.readValue(r.rawJson(), Update.class));
            } catch (Exception e) {
                LOG.error("update {} in the inbox cannot be read again and is marked failed: {}", r.updateId(),
                        e.getClass().getSimpleName());
                inbox.markFailed(r.updateId());
                continue;
            }
            // no spinner to stop or typing to show: the press and the message are from before the restart
            dispatch(u).ifPresent(work::add);
        }
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("not every update received before the restart was handled within {}: {}", timeout,
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
     * received. Who wrote where is resolved here, on the receiving thread, in order; an update that may change
     * who is in which couple (or which couple a group is) is waited for before the next is resolved, so that one
     * resolves against what the earlier ones did. Those are rare (accepting, unpairing, forgetting, linking, a
     * partner leaving), the wait is for one commit, and everything else goes on without waiting.
     */
    private Optional<CompletableFuture<Void>> dispatch(IncomingUpdate update) {
        long id = update.updateId();
        try {
            if (update instanceof IncomingUpdate.TextMessage t) {
                return route(t.chatId(), t.chatType(), t.userId(), t.firstName(), null, null,
                        m -> new Received.Text(id, m, t.text()), id, 0);
            }
            if (update instanceof IncomingUpdate.Command c) {
                return route(c.chatId(), c.chatType(), c.userId(), c.firstName(), c.command(), null,
                        m -> new Received.Command(id, m, c.command(), c.args()), id, 0);
            }
            if (update instanceof IncomingUpdate.ButtonPress p) {
                return route(p.chatId(), p.chatType(), p.userId(), p.firstName(), null, p.data(),
                        m -> new Received.Press(id, m, p.data(), p.messageId()), id, p.messageId());
            }
            if (update instanceof IncomingUpdate.NonTextMessage n) {
                return route(n.chatId(), n.chatType(), n.userId(), "", null, null,
                        m -> new Received.NonText(id, m), id, 0);
            }
            if (groups != null && update instanceof IncomingUpdate.BotAdded a && a.chatType().isGroup()) {
                return flow(id, Set.of(groups.lane(a.chatId())), false, () -> groups.botAdded(id, a.chatId()));
            }
            if (groups != null && update instanceof IncomingUpdate.BotRemoved b) {
                if (b.chatType().isGroup()) {
                    return flow(id, Set.of(groups.lane(b.chatId())), true, () -> groups.botRemoved(id, b.chatId()));
                }
                // a private chat's id is its user's: they blocked the bot. Waited for, so that a message they
                // write next (which marks them reachable again, here) comes after it
                Optional<Long> couple = members.coupleOf(b.chatId());
                if (couple.isEmpty()) {
                    return done(id);
                }
                return flow(id, Set.of(couple.get()), true, () -> onboarding.blocked(id, b.chatId()));
            }
            if (groups != null && update instanceof IncomingUpdate.MemberLeft l) {
                return flow(id, Set.of(groups.lane(l.chatId())), true, () -> groups.memberLeft(id, l.chatId(), l.userId()));
            }
            if (update instanceof IncomingUpdate.GroupMigrated g) {
                Set<Long> lanes = groups == null ? Set.of(g.oldChatId())
                        : Set.of(groups.lane(g.oldChatId()), groups.lane(g.newChatId()));
                return flow(id, lanes, true, () -> {
                    // said twice (old and new chat); moving an already moved chat changes nothing
                    outbox.moveChat(g.oldChatId(), g.newChatId());
                    if (groups != null) {
                        groups.migrated(g.oldChatId(), g.newChatId());
                    }
                    inbox.markDone(id);
                    LOG.info("group {} became supergroup {}", g.oldChatId(), g.newChatId());
                });
            }
            LOG.debug("update {} ({}) needs no action", id, update);
            return done(id);
        } catch (RuntimeException e) {
            // the inbox keeps it pending: the next start tries again
            LOG.error("update {} ({}) could not be handed on: {}", id, update.getClass().getSimpleName(),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Who wrote where, then: the group's own /link and buttons to the group flow; a private update through
     * onboarding; everything else to the core. An update nobody takes is marked done untouched.
     * {@code pressedMessage} is the id of the message a press came from (0 for anything else).
     */
    private Optional<CompletableFuture<Void>> route(long chatId, ChatType type, long userId, String firstName,
                                                    String command, String pressData,
                                                    java.util.function.Function<Member, Received> make, long id,
                                                    long pressedMessage) {
        if (groups != null && type.isGroup() && CoupleGroups.isOurs(command, pressData)) {
            long lane = groups.lane(chatId, userId);
            if (command != null) {
                return flow(id, Set.of(lane), false, () -> groups.link(id, chatId, userId));
            }
            // the press that links changes which couple the group is: the group's next message waits for it
            return flow(id, Set.of(lane), true, () -> groups.press(id, chatId, userId, pressData, pressedMessage));
        }
        Optional<Member> m = member(chatId, type, userId, firstName);
        if (m.isEmpty()) {
            return done(id);
        }
        Received r = make.apply(m.get());
        if (onboarding != null && type == ChatType.PRIVATE) {
            return submit(id, core.submitFlow(onboarding.lanes(r, userId), () -> {
                Optional<Received> next = onboarding.route(r, chatId, userId, firstName);
                if (next.isEmpty()) {
                    committed.run();
                }
                return next;
            }), Onboarding.changesCouples(r));
        }
        return Optional.of(core.submit(r));
    }

    /** A flow of the bot's own that ends with its commit (or a mark done), on {@code lanes}. */
    private Optional<CompletableFuture<Void>> flow(long id, Set<Long> lanes, boolean changesCouples, Runnable work) {
        return submit(id, core.submitFlow(lanes, () -> {
            work.run();
            committed.run();
            return Optional.empty();
        }), changesCouples);
    }

    /**
     * Logs a flow that failed (the update stays pending: the next start tries again) and, for one that changes
     * couples, waits for it before the next update is resolved.
     */
    private Optional<CompletableFuture<Void>> submit(long id, CompletableFuture<Void> work, boolean wait) {
        CompletableFuture<Void> logged = work.whenComplete((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                LOG.error("update {} could not be handled and stays pending in the inbox: {}", id,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        });
        if (wait) {
            try {
                logged.get(CHANGE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("update {}, which may change who is in which couple, is still in hand after {}; the next "
                        + "updates go on", id, CHANGE_WAIT);
            } catch (java.util.concurrent.ExecutionException e) {
                // logged above
            }
        }
        return Optional.of(logged);
    }

    private Optional<Member> member(long chatId, ChatType type, long userId, String firstName) {
        if (type == ChatType.PRIVATE) {
            return Optional.of(members.inPrivateChat(chatId, userId, firstName));
        }
        if (type.isGroup()) {
            Optional<Member> m = members.inGroup(chatId, userId);
            if (m.isEmpty()) {
                // not a couple's group, or someone other than its two partners: no state changes, no reply
                LOG.debug("a message in group {} from user {}, who is not a partner there, is ignored", chatId, userId);
            }
            return m;
        }
        return Optional.empty();
    }

    private Optional<CompletableFuture<Void>> done(long updateId) {
        inbox.markDone(updateId);
        return Optional.empty();
    }
}
