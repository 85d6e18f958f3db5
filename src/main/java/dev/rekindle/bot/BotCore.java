package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.Outcome;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.Cause;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.Member;
import dev.rekindle.store.StaleSessionException;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredSession;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel-neutral heart of the running bot. For each received update or fired timer it loads the
 * couple's session, understands free text (safety first, then intent), runs the engine at the injected
 * clock's now, and writes everything the outcome changed as ONE commit that also marks the update (or
 * timer) done: session, journal, timers, and the messages to send as outbox entries. A couple's work runs
 * one task at a time in arrival order; different couples run in parallel on the injected executor.
 *
 * <p>An update that fails is marked failed, logged with the couple, chat, dialog and state (never the
 * message text), and the partner gets the kind {@code internal_error} sentence.
 *
 * <p>What the engine's actions write is read by {@link CommitPlan}; a couple's first session comes from
 * {@link CoupleSessions}.
 */
public final class BotCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BotCore.class);
    /** Only a commit that raced another for the same couple is tried again; the lanes make that rare. */
    private static final int COMMIT_ATTEMPTS = 3;

    private final Engine engine;
    private final Understanding understanding;
    private final Store store;
    private final CoupleSessions sessions;
    private final InstantSource clock;
    private final CoupleLanes lanes;
    private final Executor lanesExecutor;
    private final List<Runnable> afterCommit = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReminderDelivery reminders;

    public BotCore(Engine engine, Understanding understanding, Store store, InstantSource clock, Executor executor) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.understanding = Objects.requireNonNull(understanding, "understanding");
        this.store = Objects.requireNonNull(store, "store");
        this.sessions = new CoupleSessions(store, new Members(store.couples()));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lanesExecutor = Objects.requireNonNull(executor, "executor");
        this.lanes = new CoupleLanes(executor);
        this.reminders = new ReminderDelivery(engine, store, clock);
    }

    /** Called after each commit that may have queued messages or timers (the sender and the scheduler wake). */
    public void afterCommit(Runnable listener) {
        afterCommit.add(listener);
    }

    /** Hands an update to its couple's lane; the future completes when it is committed or marked failed. */
    public CompletableFuture<Void> submit(Received received) {
        if (closed.get()) {
            // not handled now, still pending in the inbox: the next start handles it
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the bot is stopping; update " + received.updateId() + " stays pending in the inbox"));
        }
        return lanes.submitAsync(received.who().coupleId(), () -> handle(received));
    }

    /**
     * Runs one of the bot's own flows for an update (onboarding, pairing, {@code /forget}, the group's
     * {@code /link}, a membership change) on the lanes of the couples it reads or changes, in arrival order with
     * the dialogs' work of those couples: a partner's text and the command after it are handled in the order
     * they were written, one at a time. What the flow hands on (the update itself, or a safety alert) is
     * handled by the dialogs in the same turn, before the lane's next task. {@code lanes} are couple ids (or, for
     * a group no couple has linked, its chat id, which is negative and never a couple's). The future fails when
     * the flow threw (the update stays pending in the inbox for the next start).
     */
    public CompletableFuture<Void> submitFlow(
            Set<Long> lanes, java.util.function.Supplier<java.util.Optional<Received>> flow) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the bot is stopping; the update stays " + "pending in the inbox"));
        }
        Set<Long> held = Set.copyOf(lanes);
        return this.lanes.submitAsync(held, () -> {
            java.util.Optional<Received> next = flow.get();
            if (next.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Received r = next.get();
            if (held.contains(r.who().coupleId())) {
                return handle(r);
            }
            // not a lane this turn holds (a flow resolved a couple the receiver did not foresee): its own lane,
            // without waiting for it here, which could wait in a circle
            LOG.warn(
                    "update {} was handed on to couple {}, whose lane its flow did not hold; it goes on there",
                    r.updateId(),
                    r.who().coupleId());
            var unused = submit(r).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.error(
                            "update {} handed on to couple {} failed: {}",
                            r.updateId(),
                            r.who().coupleId(),
                            e.toString());
                }
            });
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Fires a stored timer under its couple's lane and returns when its outcome is committed (or dropped). */
    public CompletableFuture<Void> fire(DueTimer timer) {
        return lanes.submitAsync(timer.coupleId(), () -> fireNow(timer));
    }

    /** Waits for the work in hand to finish, at most {@code timeout}; false if some was still running. */
    public boolean awaitIdle(Duration timeout) {
        return lanes.awaitIdle(timeout);
    }

    /** Takes no new updates; what is in hand finishes (wait for it with {@link #awaitIdle}). */
    @Override
    public void close() {
        closed.set(true);
    }

    // ---------------------------------------------------------------- updates

    /**
     * Understands, runs the engine and queues the commit; the future completes once the commit is durable (or
     * the update was marked failed). The lane's next task for the couple starts only then.
     */
    private CompletableFuture<Void> handle(Received r) {
        Member who = r.who();
        Input input;
        try {
            input = input(r);
        } catch (RuntimeException e) {
            failed(r, e);
            return CompletableFuture.completedFuture(null);
        }
        return attempt(
                1,
                () -> commit(
                        who.coupleId(),
                        input,
                        who.chat(),
                        new Cause.InboxUpdate(r.updateId(), r.from().userId())),
                e -> failed(r, e));
    }

    /**
     * Runs {@code commit} (load, engine, queue the commit) and, when the session was stale (another commit of
     * the couple landed first), runs it again from a fresh load, up to COMMIT_ATTEMPTS times; any other
     * failure goes to {@code failed}, on the core's executor (never on the store's writer thread).
     */
    private CompletableFuture<Void> attempt(
            int n,
            java.util.function.Supplier<CompletableFuture<Void>> commit,
            java.util.function.Consumer<RuntimeException> failed) {
        CompletableFuture<Void> f;
        try {
            f = commit.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.exceptionallyComposeAsync(
                x -> {
                    Throwable cause = x instanceof java.util.concurrent.CompletionException && x.getCause() != null
                            ? x.getCause()
                            : x;
                    if (cause instanceof StaleSessionException && n < COMMIT_ATTEMPTS) {
                        return attempt(n + 1, commit, failed);
                    }
                    failed.accept(cause instanceof RuntimeException re ? re : new IllegalStateException(cause));
                    return CompletableFuture.completedFuture(null);
                },
                lanesExecutor);
    }

    /** The engine's input; null for a non-text message, which gets the bot's text_only sentence instead. */
    private Input input(Received r) {
        Member who = r.who();
        if (r instanceof Received.Text t) {
            return understanding.input(who.partner(), who.chat(), t.text());
        }
        if (r instanceof Received.Command c) {
            return new Input.Command(who.partner(), who.chat(), "/" + c.command(), c.args());
        }
        if (r instanceof Received.Press p) {
            return new Input.Press(who.partner(), who.chat(), p.data());
        }
        if (r instanceof Received.ScreenedUnsafe s) {
            return new Input.SafetyAlert(who.partner(), who.chat(), s.kind());
        }
        return null;
    }

    private void failed(Received r, RuntimeException e) {
        Member who = r.who();
        String text = r instanceof Received.Text t ? t.text() : r instanceof Received.Command c ? c.args() : "";
        LOG.error(
                "update {} of couple {} in chat {} ({}) failed and is kept as failed in the inbox: {}",
                r.updateId(),
                who.coupleId(),
                who.chat(),
                sessions.where(who.coupleId(), who.chat()),
                describe(e, text));
        try {
            store.inbox().markFailed(r.updateId());
        } catch (RuntimeException m) {
            LOG.error("update {} could not be marked failed either: {}", r.updateId(), describe(m, text));
        }
        kindWord(who.coupleId(), who.chat());
    }

    /** The internal_error sentence, queued on its own: the session is left as it was. */
    private void kindWord(long coupleId, Chat chat) {
        try {
            OptionalLong chatId = store.couples().chatId(coupleId, chat);
            if (chatId.isEmpty()) {
                return;
            }
            Session session = store.sessions()
                    .load(coupleId)
                    .map(StoredSession::session)
                    .orElseGet(() -> sessions.newSession(coupleId));
            Outcome o = engine.sayBot(session, chat, "internal_error", clock.instant());
            for (Action a : o.actions()) {
                if (a instanceof Action.Send s) {
                    store.outbox()
                            .enqueue(
                                    coupleId,
                                    OutboxPayload.entry(
                                            chatId.getAsLong(),
                                            OutboxPayload.of(s).withoutButtons(),
                                            null));
                }
            }
            notifyCommitted();
        } catch (RuntimeException e) {
            LOG.error("couple {}: could not even say sorry in chat {}: {}", coupleId, chat, describe(e, ""));
        }
    }

    // ---------------------------------------------------------------- timers

    private CompletableFuture<Void> fireNow(DueTimer t) {
        if (dev.rekindle.store.Reminders.isReminderTimer(t.timerId())) {
            try {
                reminders.fire(t);
                notifyCommitted();
            } catch (RuntimeException e) {
                // left pending: the scheduler tries again on its next look
                LOG.error(
                        "reminder timer {} of couple {} could not fire: {}",
                        t.timerId(),
                        t.coupleId(),
                        describe(e, ""));
            }
            return CompletableFuture.completedFuture(null);
        }
        return attempt(
                1,
                () -> commit(t.coupleId(), new Input.TimerFired(t.timerId()), null, new Cause.TimerFired(t.timerId())),
                e -> timerFailed(t, e));
    }

    private void timerFailed(DueTimer t, RuntimeException e) {
        // marked fired so it is not tried again in a loop; false: an update cancelled it first, which is fine
        boolean wasPending = false;
        try {
            wasPending = store.timers().markFired(t.coupleId(), t.timerId());
        } catch (RuntimeException m) {
            LOG.error(
                    "timer {} of couple {} could not be marked fired: {}", t.timerId(), t.coupleId(), describe(m, ""));
        }
        if (wasPending) {
            LOG.error("timer {} of couple {} failed and is dropped: {}", t.timerId(), t.coupleId(), describe(e, ""));
        } else {
            LOG.debug("timer {} of couple {} was cancelled or fired before it could fire", t.timerId(), t.coupleId());
        }
    }

    // ---------------------------------------------------------------- the one commit

    /**
     * Loads the session, runs the engine (or says text_only when {@code input} is null) and commits its
     * outcome with {@code cause}.
     */
    private CompletableFuture<Void> commit(long coupleId, Input input, Chat chat, Cause cause) {
        CoupleSessions.Loaded turn = sessions.load(coupleId);
        Outcome outcome = input == null
                ? engine.sayBot(turn.session(), chat, "text_only", clock.instant())
                : engine.handle(turn.session(), input, clock.instant());
        // the lane waits for this future: the couple's next update loads after the commit is durable
        return store.sessions()
                .commitAsync(CommitPlan.of(reminders, clock, coupleId, turn, outcome, cause))
                .thenRun(this::notifyCommitted);
    }

    private void notifyCommitted() {
        for (Runnable r : afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("a commit listener failed: {}", describe(e, ""));
            }
        }
    }

    /** One line: the exception classes and messages, with the partner's own words masked if they appear. */
    static String describe(Throwable t, String text) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(c.getClass().getSimpleName());
            String m = c.getMessage();
            if (m != null && !m.isBlank()) {
                b.append(": ").append(text == null || text.isBlank() ? m : m.replace(text, "(the message)"));
            }
        }
        return b.toString();
    }
}
