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
 * the update goes to the {@link BotCore}, which commits its outcome and marks it done. A group message from
 * someone who is not one of the couple's partners, and updates we do not act on, are marked done untouched.
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
    /** How long a batch waits for its "typing..." and spinner calls before the core gets the updates. */
    private static final Duration OPTIONAL_WAIT = Duration.ofSeconds(2);

    public TelegramReceiver(Inbox inbox, Outbox outbox, Members members, BotCore core, OptionalCalls optional) {
        this(inbox, outbox, members, core, optional, null, null, () -> { });
    }

    /**
     * With the couple-life flows: private updates pass {@code onboarding} before the core, and the group's
     * {@code /link}, its buttons and membership changes go to {@code groups}. Null: every person is partner A of
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

    /** What a live batch does besides the core: the optional calls to wait for, then the updates for the core. */
    private static final class Live {
        final List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        final List<Received> toCore = new ArrayList<>();
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

    /** Updates just stored, in order: their optional calls go out together, then the core gets them. */
    private void handleLive(List<IncomingUpdate> stored) {
        Live live = new Live();
        for (IncomingUpdate u : stored) {
            dispatch(u, live);
        }
        // "typing..." and the spinner stops go out together, and before any answer can: then the core
        try {
            CompletableFuture.allOf(live.calls.toArray(CompletableFuture[]::new)).get(OPTIONAL_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("optional calls still running after {}; the updates go on", OPTIONAL_WAIT);
        }
        for (Received r : live.toCore) {
            core.submit(r);
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
            dispatch(u, null).ifPresent(work::add);
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

    /** Resolves who wrote where and hands it to the core; the future, if the core got it. */
    private Optional<CompletableFuture<Void>> dispatch(IncomingUpdate update, Live live) {
        long id = update.updateId();
        try {
            if (update instanceof IncomingUpdate.TextMessage t) {
                return route(t.chatId(), t.chatType(), t.userId(), t.firstName(), null, null,
                        m -> new Received.Text(id, m, t.text()), live, id);
            }
            if (update instanceof IncomingUpdate.Command c) {
                return route(c.chatId(), c.chatType(), c.userId(), c.firstName(), c.command(), null,
                        m -> new Received.Command(id, m, c.command(), c.args()), live, id);
            }
            if (update instanceof IncomingUpdate.ButtonPress p) {
                if (live != null) {
                    live.calls.add(optional.answerPressAsync(p.callbackQueryId())); // stops the spinner, whatever comes
                }
                return route(p.chatId(), p.chatType(), p.userId(), p.firstName(), null, p.data(),
                        m -> new Received.Press(id, m, p.data()), live, id);
            }
            if (update instanceof IncomingUpdate.NonTextMessage n) {
                return route(n.chatId(), n.chatType(), n.userId(), "", null, null,
                        m -> new Received.NonText(id, m), live, id);
            }
            if (groups != null && update instanceof IncomingUpdate.BotAdded a && a.chatType().isGroup()) {
                groups.botAdded(id, a.chatId());
                committed.run();
                return Optional.empty();
            }
            if (groups != null && update instanceof IncomingUpdate.BotRemoved b) {
                if (b.chatType().isGroup()) {
                    groups.botRemoved(id, b.chatId());
                } else {
                    // a private chat's id is its user's: they blocked the bot
                    onboarding.blocked(id, b.chatId());
                }
                committed.run();
                return Optional.empty();
            }
            if (groups != null && update instanceof IncomingUpdate.MemberLeft l) {
                groups.memberLeft(id, l.chatId(), l.userId());
                committed.run();
                return Optional.empty();
            }
            if (update instanceof IncomingUpdate.GroupMigrated g) {
                // said twice (old and new chat); moving an already moved chat changes nothing
                outbox.moveChat(g.oldChatId(), g.newChatId());
                if (groups != null) {
                    groups.migrated(g.oldChatId(), g.newChatId());
                }
                LOG.info("group {} became supergroup {}", g.oldChatId(), g.newChatId());
                return done(id);
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
     */
    private Optional<CompletableFuture<Void>> route(long chatId, ChatType type, long userId, String firstName,
                                                    String command, String pressData,
                                                    java.util.function.Function<Member, Received> make, Live live,
                                                    long id) {
        if (groups != null && type.isGroup() && CoupleGroups.isOurs(command, pressData)) {
            if (command != null) {
                groups.link(id, chatId, userId);
            } else {
                groups.press(id, chatId, userId, pressData);
            }
            committed.run();
            return Optional.empty();
        }
        Optional<Member> m = member(chatId, type, userId, firstName);
        if (m.isEmpty()) {
            return done(id);
        }
        Received r = make.apply(m.get());
        if (onboarding != null && type == ChatType.PRIVATE) {
            Optional<Received> next = onboarding.route(r, chatId, userId, firstName);
            if (next.isEmpty()) {
                committed.run();
                return Optional.empty();
            }
            r = next.get();
        }
        return Optional.of(toCore(chatId, r, live));
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

    /** To the core now (recovery), or after the batch's optional calls (live: the future is then a stand-in). */
    private CompletableFuture<Void> toCore(long chatId, Received r, Live live) {
        if (live == null) {
            return core.submit(r);
        }
        if (!(r instanceof Received.NonText)) {
            live.calls.add(optional.typingAsync(chatId)); // the answer is on its way
        }
        live.toCore.add(r);
        return CompletableFuture.completedFuture(null);
    }

    private Optional<CompletableFuture<Void>> done(long updateId) {
        inbox.markDone(updateId);
        return Optional.empty();
    }
}
