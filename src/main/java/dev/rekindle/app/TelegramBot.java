package dev.rekindle.app;

import dev.rekindle.bot.BotCore;
import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Members;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.bot.PartnerUnreachable;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.schedule.TimerScheduler;
import dev.rekindle.store.Retention;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.telegram.BotIdentity;
import dev.rekindle.telegram.OptionalCalls;
import dev.rekindle.telegram.OutboxSender;
import dev.rekindle.telegram.OutgoingMessages;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.telegram.Redact;
import dev.rekindle.telegram.TelegramClients;
import dev.rekindle.telegram.TelegramDelivery;
import dev.rekindle.telegram.TelegramDocuments;
import dev.rekindle.telegram.TelegramGroupMembership;
import dev.rekindle.telegram.TelegramReceiver;
import dev.rekindle.telegram.TelegramSettings;
import dev.rekindle.telegram.WebhookServer;
import dev.rekindle.telegram.WebhookSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot on Telegram, wired: the SQLite store, the core on a bounded pool, the receiver behind long
 * polling, the outbox sender and the timer scheduler. Starting it handles what a crash left in the inbox,
 * then fires (or drops) timers that came due while it was down, then polls (or opens the webhook endpoint).
 * {@link #close()} stops in the order that loses nothing: polling or the webhook first, then the updates in
 * hand, then what can still be sent within the stop wait, then every thread, then the database.
 */
public final class TelegramBot implements AutoCloseable {
    public static final String CORE_THREAD_PREFIX = "rekindle-core-";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    /**
     * How to run.
     *
     * @param db           the SQLite file
     * @param clock        the one clock of the engine, store, sender and timers
     * @param workers      couples handled in parallel
     * @param stopWait     how long close() waits for updates in hand, and again for the outbox to drain
     * @param coreExecutor runs the core's work; null: a pool of {@code workers} threads this bot owns and shuts
     *                     down. One given here belongs to the caller.
     * @param sending      whether the sender runs (tests leave it off to stop between commit and send)
     * @param limits       the sending limits kept; Telegram's, unless a benchmark talks to a fake without any
     * @param sendInFlight how many chats the sender sends to at once (each chat's messages one after another)
     */
    public record Options(
            Path db,
            InstantSource clock,
            int workers,
            Duration stopWait,
            Executor coreExecutor,
            boolean sending,
            RateLimiter.Limits limits,
            int sendInFlight) {
        public Options {
            Objects.requireNonNull(db, "db");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(limits, "limits");
            if (workers < 1) {
                throw new IllegalArgumentException("at least one worker is needed: " + workers);
            }
            if (sendInFlight < 1) {
                throw new IllegalArgumentException("at least one call in flight is needed: " + sendInFlight);
            }
        }

        public static Options of(Path db) {
            return new Options(
                    db,
                    InstantSource.system(),
                    4,
                    Duration.ofSeconds(2),
                    null,
                    true,
                    RateLimiter.Limits.TELEGRAM,
                    OutboxSender.DEFAULT_IN_FLIGHT);
        }

        public Options withClock(InstantSource c) {
            return new Options(db, c, workers, stopWait, coreExecutor, sending, limits, sendInFlight);
        }

        public Options withStopWait(Duration d) {
            return new Options(db, clock, workers, d, coreExecutor, sending, limits, sendInFlight);
        }

        public Options withCoreExecutor(Executor e) {
            return new Options(db, clock, workers, stopWait, e, sending, limits, sendInFlight);
        }

        public Options withSending(boolean s) {
            return new Options(db, clock, workers, stopWait, coreExecutor, s, limits, sendInFlight);
        }

        public Options withWorkers(int n) {
            return new Options(db, clock, n, stopWait, coreExecutor, sending, limits, sendInFlight);
        }

        public Options withSendInFlight(int n) {
            return new Options(db, clock, workers, stopWait, coreExecutor, sending, limits, n);
        }

        public Options withLimits(RateLimiter.Limits l) {
            return new Options(db, clock, workers, stopWait, coreExecutor, sending, l, sendInFlight);
        }
    }

    private final Options options;
    private final AtomicBoolean closed = new AtomicBoolean();
    private SqliteStore store;
    private ExecutorService ownExecutor;
    private BotCore core;
    private TelegramClients clients;
    private OutboxSender sender;
    private TimerScheduler scheduler;
    private BotIdentity identity;
    private WebhookServer webhook;
    private RetentionSchedule retention;

    private TelegramBot(Options options) {
        this.options = options;
    }

    /** Opens everything and starts polling; on failure closes what it opened and throws. */
    public static TelegramBot start(
            TelegramSettings settings, DialogLibrary library, Understanding understanding, Options options) {
        return start(settings, library, understanding, options, null);
    }

    /**
     * As {@link #start(TelegramSettings, DialogLibrary, Understanding, Options)}, but with a webhook instead of
     * polling when {@code webhook} is not null: the endpoint listens, then setWebhook tells Telegram.
     */
    public static TelegramBot start(
            TelegramSettings settings,
            DialogLibrary library,
            Understanding understanding,
            Options options,
            WebhookSettings webhook) {
        TelegramBot bot = new TelegramBot(options);
        try {
            bot.open(settings, library, understanding, webhook);
            return bot;
        } catch (RuntimeException e) {
            bot.close();
            throw e;
        }
    }

    /** The sender, woken by each commit; a partner a 403 has just made unreachable is told of it, once. */
    private void startSender(Engine engine, InstantSource clock, Redact redact, OptionalCalls optional) {
        sender = new OutboxSender(
                store.outbox(),
                new TelegramDelivery(clients.client(), OutgoingMessages.telegram(), redact),
                new RateLimiter(clock, options.limits()),
                clock,
                options.sendInFlight(),
                optional);
        core.afterCommit(sender::wake);
        PartnerUnreachable unreachable = new PartnerUnreachable(store, engine);
        sender.whenUnreachable(unreachable::notice);
        if (options.sending()) {
            sender.start();
        }
    }

    private void open(
            TelegramSettings settings,
            DialogLibrary library,
            Understanding understanding,
            WebhookSettings webhookSettings) {
        InstantSource clock = options.clock();
        // read first: a mistyped setting stops the start before anything is received or sent
        Retention.Policy keep = RetentionSchedule.policy(System.getenv());
        store = SqliteStore.open(options.db(), clock);
        Executor executor = options.coreExecutor();
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            ownExecutor = Executors.newFixedThreadPool(
                    options.workers(), r -> new Thread(r, CORE_THREAD_PREFIX + n.incrementAndGet()));
            executor = ownExecutor;
        }
        Engine engine = new Engine(library);
        core = new BotCore(engine, understanding, store, clock, executor);
        clients = TelegramClients.open(settings);
        identity = clients.identify();
        Redact redact = clients.redact();
        OptionalCalls optional = new OptionalCalls(clients.client(), redact);
        optional.setCommands(commands(library));

        startSender(engine, clock, redact, optional);
        TelegramReceiver receiver = receiver(engine, understanding, clock, optional, redact);
        receiver.recover(identity, Duration.ofSeconds(60));

        scheduler = new TimerScheduler(store.timers(), core::fire, clock);
        core.afterCommit(scheduler::wake);
        scheduler.start();
        retention = RetentionSchedule.start(store.retention(), clock, keep);

        if (webhookSettings == null) {
            clients.startPolling(identity, receiver);
            LOG.info(
                    "Rekindle is running as @{} on {}, database {}",
                    identity.username(),
                    settings.apiUrl(),
                    store.path());
            return;
        }
        webhook = WebhookServer.start(webhookSettings, identity, receiver, redact);
        clients.setWebhook(webhookSettings);
        LOG.info(
                "Rekindle is running as @{} on {} with the webhook {} (listening on {}:{}), database {}",
                identity.username(),
                settings.apiUrl(),
                redact.apply(webhookSettings.url().toString()),
                webhook.address().getHostString(),
                webhook.address().getPort(),
                store.path());
    }

    /** The way in: the receiver, with onboarding and the group's flows before the dialogs. */
    private TelegramReceiver receiver(
            Engine engine, Understanding understanding, InstantSource clock, OptionalCalls optional, Redact redact) {
        Onboarding onboarding = new Onboarding(
                store,
                engine,
                clock,
                identity.username(),
                new SecureRandom(),
                new TelegramDocuments(clients.client(), redact),
                // an answer to onboarding's own question: the detector's answer reading
                text -> !(understanding.safety(text).asAnswer() instanceof SafetyDecision.Nothing),
                // the therapist's list alone: a name the model alone doubts is asked about instead
                text -> understanding.detector().listed(text));
        CoupleGroups groups = new CoupleGroups(store, engine, new TelegramGroupMembership(clients.client(), redact));
        return new TelegramReceiver(
                store.inbox(),
                store.outbox(),
                new Members(store.couples()),
                core,
                optional,
                onboarding,
                groups,
                sender::wake);
    }

    /**
     * The commands Telegram lists after "/": the global ones, then each dialog's own, with its description.
     * The global ones are described by bot.yaml's {@code command_*} sentences, so a therapist can word them too.
     */
    static Map<String, String> commands(DialogLibrary library) {
        Engine words = new Engine(library);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("menu", words.botLabel("command_menu"));
        for (Dialog d : library.dialogs()) {
            for (String c : d.triggers().commands()) {
                String name = c.startsWith("/") ? c.substring(1) : c;
                String about = d.description() == null || d.description().isBlank() ? d.title() : d.description();
                out.putIfAbsent(name, about.length() > 256 ? about.substring(0, 255) + "…" : about);
            }
        }
        for (String global : List.of("invite", "unpair", "reminders", "export", "forget", "stop", "help", "support")) {
            out.put(global, words.botLabel("command_" + global));
        }
        return out;
    }

    public BotIdentity identity() {
        return identity;
    }

    /** The store, for tests that look at what was committed. */
    public SqliteStore store() {
        return store;
    }

    public TimerScheduler scheduler() {
        return scheduler;
    }

    public OutboxSender sender() {
        return sender;
    }

    /** Where the webhook endpoint listens; null when polling. */
    public InetSocketAddress webhookAddress() {
        return webhook == null ? null : webhook.address();
    }

    /**
     * Stops polling (or closes the webhook endpoint), lets the updates in hand finish, sends what it can within
     * the stop wait, stops the scheduler and the sender, closes the Telegram clients (joining their threads),
     * shuts down the core's pool and closes the database. Safe to call twice, and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (webhook != null) {
            step("close the webhook endpoint", webhook::close); // no new update comes in; those stored go to the core
        }
        if (clients != null) {
            step("stop polling", clients::stopPolling);
        }
        if (core != null) {
            step("stop the core", core::close);
            step("wait for the updates in hand", () -> {
                if (!core.awaitIdle(options.stopWait())) {
                    LOG.warn(
                            "updates still in hand after {}; they stay pending in the inbox for the next start",
                            options.stopWait());
                }
            });
        }
        if (scheduler != null) {
            step("stop the timer scheduler", scheduler::close);
        }
        if (retention != null) {
            step("stop the retention purge", retention::close);
        }
        if (sender != null) {
            if (options.sending()) {
                step("send what is due", () -> {
                    if (!sender.awaitIdle(options.stopWait())) {
                        LOG.warn(
                                "messages still waiting to be sent after {}; they stay in the outbox for the next "
                                        + "start",
                                options.stopWait());
                    }
                });
            }
            step("stop the sender", sender::close);
        }
        if (clients != null) {
            step("close the Telegram clients", clients::close);
        }
        if (ownExecutor != null) {
            step("stop the core's pool", () -> {
                ownExecutor.shutdown();
                try {
                    if (!ownExecutor.awaitTermination(options.stopWait().toMillis(), TimeUnit.MILLISECONDS)) {
                        ownExecutor.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    ownExecutor.shutdownNow();
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (store != null) {
            step("close the database", store::close); // last: every step before may still write
        }
    }

    /** One step of close(): a failure is logged and the next step still runs. */
    private static void step(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("shutting down: could not {}; going on with the rest: {}", what, e.toString());
        }
    }
}
