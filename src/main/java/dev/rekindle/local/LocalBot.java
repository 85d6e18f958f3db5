package dev.rekindle.local;

import dev.rekindle.bot.BotCore;
import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.bot.OutboxMessage;
import dev.rekindle.bot.Received;
import dev.rekindle.bot.Received.Origin;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.schedule.TimerScheduler;
import dev.rekindle.store.Store;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running bot with the terminal in place of Telegram: the same core, onboarding, pairing, group, reminder and
 * data-rights flows and the same timer scheduler, over a real store, driven one update at a time. Each update is
 * stored in the inbox, routed as Telegram's would be ({@link LocalRouter}), handled to its commit, and what the
 * commit queued in the outbox is delivered to the terminal ({@link LocalDelivery}). Time is the {@link LocalClock}:
 * {@link #waitFor} moves it to each stored timer in turn and fires it, so a reminder due at 21:00 comes at 21:00.
 *
 * <p>A dialogs folder whose bot.yaml lacks the sentences of the bot's own flows (a small one for tests) runs the
 * dialogs only: the people then start onboarded and paired ({@link ReadyCouple}), and /invite, /export and the like
 * are the dialogs' unknown commands.
 */
public final class LocalBot implements AutoCloseable {
    /** The bot's name in invitation links. */
    public static final String BOT_USERNAME = "RekindleLocalBot";

    private static final Duration TURN_WAIT = Duration.ofSeconds(60);
    /** A guard against timers that keep coming due at the same instant. */
    private static final int MAX_TIMER_ROUNDS = 10_000;

    /** What one input did: what was delivered, in order, then the terminal's own notes (why nothing came, why). */
    public record Answer(List<Delivered> delivered, List<String> notes) {
        public Answer {
            delivered = List.copyOf(delivered);
            notes = List.copyOf(notes);
        }
    }

    private final Store store;
    private final LocalClock clock;
    private final Cast cast;
    private final ExecutorService executor;
    private final BotCore core;
    private final LocalRouter router;
    private final TimerScheduler scheduler;
    private final LocalDelivery delivery;
    private final Explainer explainer;
    private final boolean flows;
    private long nextUpdate;
    private boolean groupMade;

    private LocalBot(
            Store store, DialogLibrary library, Understanding understanding, LocalClock clock, Cast cast, long seed) {
        this.store = store;
        this.clock = clock;
        this.cast = cast;
        this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "rekindle-local-core"));
        Engine engine = new Engine(library);
        this.core = new BotCore(engine, understanding, store, clock, executor);
        this.delivery = new LocalDelivery(store.outbox(), clock, BOT_USERNAME);
        this.flows = hasFlowSentences(library);
        Onboarding onboarding = flows ? onboarding(engine, understanding, seed) : null;
        CoupleGroups groups = flows ? new CoupleGroups(store, engine, this::isMember) : null;
        this.router = new LocalRouter(store, core, onboarding, groups);
        this.scheduler = new TimerScheduler(store.timers(), core::fire, clock);
        this.explainer = new Explainer(store, understanding, cast);
        this.nextUpdate = store.inbox().highestUpdateId().orElse(0) + 1;
    }

    /**
     * The bot over {@code store} (whose clock must be {@code clock}) for {@code cast}. {@code seed} makes the
     * invitation codes repeatable. {@code paired}: the people start onboarded, paired and with their group linked,
     * written to the store as the flows would leave them; without the flows' sentences they always do.
     */
    public static LocalBot start(
            Store store,
            DialogLibrary library,
            Understanding understanding,
            LocalClock clock,
            Cast cast,
            long seed,
            boolean paired) {
        LocalBot bot = new LocalBot(store, library, understanding, clock, cast, seed);
        if (paired || !bot.flows) {
            new ReadyCouple(store, clock).write(cast);
            bot.groupMade = cast.hasGroup();
        }
        return bot;
    }

    /** Whether bot.yaml has the sentences of onboarding, pairing and the group: else only the dialogs run. */
    public static boolean hasFlowSentences(DialogLibrary library) {
        return library.bot().messages().keySet().containsAll(BotSettings.COUPLE_KEYS);
    }

    public boolean runsTheFlows() {
        return flows;
    }

    public Cast cast() {
        return cast;
    }

    public Instant now() {
        return clock.instant();
    }

    // ---------------------------------------------------------------- inputs

    /** {@code who} writes {@code text} in their private chat or the group: a command when it starts with '/'. */
    public Answer say(Cast.Person who, boolean inGroup, String text) {
        Origin from = origin(who, inGroup);
        boolean command = LocalCommand.isCommand(text);
        long id = receive(command ? "command" : "text");
        Explainer.Before before = explainer.before(who, inGroup);
        if (command) {
            LocalCommand c = LocalCommand.parse(text);
            return answer(
                    router.person(
                            id, from, c.name(), null, 0, m -> new Received.Command(id, m, from, c.name(), c.args())),
                    before,
                    "the command /" + c.name(),
                    null);
        }
        return answer(
                router.person(id, from, null, null, 0, m -> new Received.Text(id, m, from, text)), before, "", text);
    }

    /** {@code who} presses a button (its number from 1, or its label) on the chat's latest message with buttons. */
    public Answer press(Cast.Person who, boolean inGroup, String button) {
        Origin from = origin(who, inGroup);
        LocalDelivery.OpenMessage m = delivery.latestOpen(from.chatId())
                .orElseThrow(() -> new IllegalArgumentException("there are no open buttons in " + where(who, inGroup)
                        + " (no message there has buttons that can still be pressed)"));
        OutboxMessage.Button b = LocalCommand.button(m.buttons(), button, where(who, inGroup));
        long id = receive("press");
        Explainer.Before before = explainer.before(who, inGroup);
        return answer(
                router.person(
                        id,
                        from,
                        null,
                        b.data(),
                        m.messageId(),
                        r -> new Received.Press(id, r, from, b.data(), m.messageId())),
                before,
                "the button \"" + b.label() + "\"",
                null);
    }

    /**
     * The safety detector raised a flow of {@code kind} for what {@code who} wrote: the core's safety hook, as for a
     * "not safe" answer to the screening question.
     */
    public Answer safety(Cast.Person who, boolean inGroup, SafetyKind kind) {
        Origin from = origin(who, inGroup);
        long id = receive("safety");
        Explainer.Before before = explainer.before(who, inGroup);
        return answer(router.safety(id, from, kind), before, "a safety flow " + kind.id(), null);
    }

    /** Whether the group of the two people exists yet (the first {@link #enterGroup} makes it). */
    public boolean groupMade() {
        return groupMade;
    }

    /**
     * {@code who} opens the group chat: the first time, they make the group with the other person and add the bot,
     * whose hello is what this returns.
     */
    public List<Delivered> enterGroup(Cast.Person who) {
        if (!cast.hasGroup()) {
            throw new IllegalArgumentException("there is no group: " + who.name()
                    + " is alone in this session (give two names, e.g. --names Sam,Alex, for a partner and a group)");
        }
        if (groupMade) {
            return List.of();
        }
        groupMade = true;
        await(router.botAdded(receive("bot added")));
        return delivery.deliver();
    }

    /**
     * Lets {@code d} pass: the clock moves to each stored timer due on the way, earliest first, and fires it (a
     * dialog's timer or a reminder), then to the end.
     */
    public List<Delivered> waitFor(Duration d) {
        Instant target = clock.instant().plus(d);
        List<Delivered> out = new ArrayList<>();
        for (int round = 0; round < MAX_TIMER_ROUNDS; round++) {
            Optional<Instant> next = store.timers().nextDue();
            if (next.isEmpty() || next.get().isAfter(target)) {
                clock.moveTo(target);
                out.addAll(delivery.deliver());
                return out;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.moveTo(next.get());
            }
            int fired = scheduler.fireDue();
            idle();
            out.addAll(delivery.deliver());
            if (fired == 0 && store.timers().nextDue().equals(next)) {
                throw new IllegalStateException("the timer due at " + next.get() + " does not fire; see the log above");
            }
        }
        throw new IllegalStateException("more than " + MAX_TIMER_ROUNDS + " timers fired within " + d
                + ": do timers keep rescheduling themselves?");
    }

    /** The code of the last invitation link the bot showed, if any: what opening that link sends. */
    public Optional<String> lastInviteCode() {
        return delivery.lastInviteCode();
    }

    /** Explain each update from now on (or stop): the intent, the safety reading, what it changed. */
    public void explain(boolean on) {
        explainer.on(on);
    }

    @Override
    public void close() {
        core.close();
        idle();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(TURN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Answer answer(LocalRouter.Routed routed, Explainer.Before before, String input, String text) {
        await(routed.work());
        List<Delivered> delivered = delivery.deliver();
        List<String> notes = new ArrayList<>();
        if (routed.ignored() != null) {
            notes.add("(no reply: " + routed.ignored() + ")");
        } else if (delivered.isEmpty()) {
            notes.add("(no reply)");
        }
        notes.addAll(explainer.after(before, input, text));
        return new Answer(delivered, notes);
    }

    private void await(CompletableFuture<Void> work) {
        try {
            work.get(TURN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the bot handled the update", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the bot did not answer within " + TURN_WAIT, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(
                    "the bot could not handle this (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                            + "); the running bot would keep it in the inbox and try again at its next start",
                    cause);
        }
        idle();
    }

    /** What a flow handed on to another couple's lane is handled too before anything is shown. */
    private void idle() {
        if (!core.awaitIdle(TURN_WAIT)) {
            throw new IllegalStateException("the bot was still busy after " + TURN_WAIT);
        }
    }

    /** Stores the update in the inbox first, as the Telegram receiver does; what it is, not what it says. */
    private long receive(String kind) {
        long id = nextUpdate++;
        if (!store.inbox().receive(id, "{\"terminal\":\"" + kind.toLowerCase(Locale.ROOT) + "\"}")) {
            throw new IllegalStateException(
                    "update " + id + " was in the inbox already; is another chat using this database?");
        }
        return id;
    }

    private Origin origin(Cast.Person who, boolean inGroup) {
        if (inGroup && !groupMade) {
            throw new IllegalArgumentException("there is no group yet: /in group makes it");
        }
        return new Origin(inGroup ? Cast.GROUP_ID : who.userId(), who.userId(), who.name());
    }

    private boolean isMember(long chatId, long userId) {
        return chatId == Cast.GROUP_ID && groupMade && cast.owner(userId).isPresent();
    }

    private static String where(Cast.Person who, boolean inGroup) {
        return inGroup ? "the group" : who.name() + "'s private chat";
    }

    private Onboarding onboarding(Engine engine, Understanding understanding, long seed) {
        return new Onboarding(
                store,
                engine,
                clock,
                BOT_USERNAME,
                repeatable(seed),
                delivery,
                // as the Telegram bot's: an answer to onboarding's own question is read as an answer
                text -> !(understanding.safety(text).asAnswer() instanceof SafetyDecision.Nothing),
                text -> understanding.detector().listed(text));
    }

    /** Invitation codes that are the same in every run of a script: a terminal session guards no one's couple. */
    private static SecureRandom repeatable(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA1PRNG, which every Java has", e);
        }
    }
}
