package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Profile.OnboardingStage;
import dev.rekindle.store.Profile.ScreeningAnswer;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import dev.rekindle.store.Writer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person's way into Rekindle, in their private chat, before and around the dialogs. It routes each update to
 * one flow: the onboarding questions (who the bot is for, 18+, the privacy note and consent, name, time zone, the
 * private safety question), invitations and pairing ({@code /invite}, {@code /start <code>}, accept),
 * {@code /unpair}, and data rights ({@code /export}, {@code /forget}); {@code /reminders} goes to the
 * {@link ReminderDesk}. Their sentences are in bot.yaml; their state is in the profile, and each step is one
 * transaction with its reply. What no flow takes goes on to the {@link BotCore}.
 */
public final class Onboarding {
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(2);
    /**
     * How long a "Yes, end it" or "Yes, delete it all" works after it was asked. These buttons stay on the
     * message; without a limit, a tap on an old question weeks later, by mistake, would end a pairing or delete
     * everything without a fresh question.
     */
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(1);

    private final Store store;
    private final Sentences say;
    private final InstantSource clock;
    private final Predicate<String> alarming;
    private final ReminderDesk reminders;
    private final OnboardingQuestions questions;
    private final Pairing pairing;
    private final Unpairing unpairing;
    private final DataRights dataRights;
    private final PartnerUnreachable unreachable;

    /**
     * @param alarming whether the safety detector flags a text: such a text is never taken as a name or a time
     *                 zone, but handed to the core, whose safety hook answers it
     */
    public Onboarding(
            Store store,
            Engine engine,
            InstantSource clock,
            String botUsername,
            SecureRandom random,
            Documents documents,
            Predicate<String> alarming) {
        this(store, engine, clock, botUsername, random, documents, alarming, alarming);
    }

    /**
     * @param alarming      whether the safety detector flags a text: such a text is never taken as a name or a time
     *                      zone, but handed to the core, whose safety hook answers it
     * @param alarmingWords whether the safety lexicon alone flags it: an answer to the name question that looks like
     *                      a name is the name unless the lexicon flags it, since the classifier, tuned for recall, can
     *                      take one unknown word for a disclosure ("Kim" was taken for abuse)
     */
    public Onboarding(
            Store store,
            Engine engine,
            InstantSource clock,
            String botUsername,
            SecureRandom random,
            Documents documents,
            Predicate<String> alarming,
            Predicate<String> alarmingWords) {
        this.store = store;
        this.clock = clock;
        this.alarming = alarming;
        this.say = new Sentences(engine);
        this.reminders = new ReminderDesk(store, engine, say, clock);
        PairingOffer offer = new PairingOffer(store, say);
        this.questions = new OnboardingQuestions(store, say, offer, clock, alarming, alarmingWords);
        this.pairing = new Pairing(store, say, clock, botUsername, random, questions, offer);
        this.unpairing = new Unpairing(store, say, clock);
        this.dataRights = new DataRights(store, say, clock, documents);
        this.unreachable = new PartnerUnreachable(store, say);
    }

    /** The commands of the bot's own flows; every other command of an onboarded person is the dialogs'. */
    private static final Set<String> FLOW_COMMANDS = Set.of("invite", "unpair", "export", "reminders", "forget");

    /**
     * Whether a private-chat update of {@code writer} goes straight to the dialogs: an onboarded person's words,
     * dialog buttons and commands, when no question of the bot's own waits for them (a reminder's new time). Decided
     * on the receiving thread from what the one read of the writer says: the updates that open such a question are
     * {@link #waitedFor waited for}, and an update this sends to {@link #route} instead is routed there again, which
     * is always right.
     */
    public static boolean forDialogs(Received r, Writer writer) {
        if (r instanceof Received.Command c
                && (FLOW_COMMANDS.contains(c.command()) || c.command().equals("start"))) {
            return false; // /start: an invitation, onboarding, or a returning person's welcome back
        }
        if (r instanceof Received.Press press && FlowButton.parse(press.data()).isPresent()) {
            return false;
        }
        return writer.onboarded() && !(r instanceof Received.Text && writer.awaitingTime());
    }

    /**
     * Takes a private-chat update of {@code r.who()} if it belongs to onboarding or pairing, committing its
     * reply; returns what the core should handle instead (the update itself, or a safety alert), or empty.
     */
    public Optional<Received> route(Received r) {
        long chatId = r.from().chatId();
        long userId = r.from().userId();
        String firstName = r.from().firstName();
        Profile p = store.pairings().profile(userId).orElse(null);
        boolean onboarded = p != null && p.onboarded();
        if (r instanceof Received.Command c) {
            return command(c, p, chatId, userId);
        }
        Optional<FlowButton> button =
                r instanceof Received.Press press ? FlowButton.parse(press.data()) : Optional.empty();
        if (button.isPresent()) {
            return press(r, p, chatId, userId, firstName, button.get());
        }
        if (onboarded
                && r instanceof Received.Text t
                && reminders.tookTime(r.updateId(), r.who(), chatId, t.text(), alarming)) {
            return Optional.empty();
        }
        if (onboarded) {
            return Optional.of(r);
        }
        if (r instanceof Received.Text t) {
            return questions.text(t, p, chatId, userId);
        }
        return questions.continueOnboarding(r, p, chatId, userId, List.of());
    }

    /**
     * The couples whose lanes {@code r} must hold: the writer's own, and for an accepted invitation also the
     * inviter's. An accept moves the invitee out of their couple of one into the inviter's couple, so it waits
     * for what is in hand in both (the invitee's earlier words, the inviter's dialogs) and both wait for it; the
     * couple it hands a safety alert to is the inviter's, which it holds. The pending invitation read here is
     * current: opening an invitation is {@link #waitedFor waited for} too.
     */
    public Set<Long> lanes(Received r) {
        if (r instanceof Received.Press p
                && FlowButton.parse(p.data()).equals(Optional.of(new FlowButton.Accept(true)))) {
            Optional<Long> theirs = pairing.inviterCouple(r.from().userId());
            if (theirs.isPresent() && theirs.get() != r.who().coupleId()) {
                return Set.of(r.who().coupleId(), theirs.get());
            }
        }
        return Set.of(r.who().coupleId());
    }

    /**
     * Whether {@code r} may change who is in which couple (accepting an invitation, unpairing, forgetting) or
     * what a later update of the person resolves to (opening an invitation, which a later accept reads; asking a
     * reminder's new time, which decides whether the next words go to the dialogs). The receiver waits for such an
     * update to be handled before it resolves the next one, so the next one goes where its writer is by then.
     */
    public static boolean waitedFor(Received r) {
        if (r instanceof Received.Press p) {
            FlowButton b = FlowButton.parse(p.data()).orElse(null);
            return (b instanceof FlowButton.Accept a && a.yes())
                    || (b instanceof FlowButton.Unpair u && u.confirmation().yes())
                    || (b instanceof FlowButton.Forget f && f.confirmation().yes())
                    || (b instanceof FlowButton.Reminder m && m.choice().startsWith("time."));
        }
        return r instanceof Received.Command c
                && c.command().equals("start")
                && !c.args().isBlank();
    }

    /**
     * The user blocked the bot: nothing more is sent to them until they write again, and their partner is told, once,
     * in the same commit.
     */
    public void blocked(long updateId, long userId) {
        Optional<User> user = store.couples().user(userId);
        if (user.isPresent()) {
            List<Outgoing> told = user.get().unreachable()
                    ? List.of()
                    : unreachable.notice(userId).map(n -> List.of(n.message())).orElse(List.of());
            store.pairings().markUnreachable(userId, Reply.of(told, updateId));
        } else {
            store.inbox().markDone(updateId);
        }
    }

    private Optional<Received> command(Received.Command c, Profile p, long chatId, long userId) {
        boolean onboarded = p != null && p.onboarded();
        return switch (c.command()) {
            case "start" -> {
                if (!c.args().isBlank()) {
                    yield pairing.open(c, p, chatId, userId, c.args().strip());
                }
                yield onboarded
                        ? welcomeBack(c, chatId, userId)
                        : questions.continueOnboarding(c, p, chatId, userId, List.of());
            }
            case "help", "stop", "support" -> Optional.of(c); // safety help never waits for onboarding
            case "invite" ->
                onboarded
                        ? pairing.invite(c, chatId, userId)
                        : questions.continueOnboarding(c, p, chatId, userId, List.of());
            case "unpair" -> unpairing.ask(c, chatId, userId);
            case "export" -> dataRights.export(c, chatId, userId);
            case "reminders" -> {
                if (!onboarded) {
                    yield questions.continueOnboarding(c, p, chatId, userId, List.of());
                }
                reminders.list(c.updateId(), c.who(), chatId);
                yield Optional.empty();
            }
            case "forget" -> dataRights.askForget(c, chatId);
            default -> onboarded ? Optional.of(c) : questions.continueOnboarding(c, p, chatId, userId, List.of());
        };
    }

    /**
     * {@code /start} from someone who is set up: no introduction again, a short welcome back, and the menu (the core's
     * {@code /menu}, handed on: it marks the update done with the menu's commit).
     */
    private Optional<Received> welcomeBack(Received.Command c, long chatId, long userId) {
        String name = store.couples().user(userId).map(User::displayName).orElse("");
        store.pairings()
                .say(new Reply(List.of(say.say(chatId, "welcome_back", Map.of("name", name))), OptionalLong.empty()));
        return Optional.of(new Received.Command(c.updateId(), c.who(), c.from(), "menu", ""));
    }

    private Optional<Received> press(
            Received r, Profile p, long chatId, long userId, String firstName, FlowButton button) {
        if (!answerable(button, p, clock.instant())) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "stale_button"))));
            return Optional.empty();
        }
        if (button instanceof FlowButton.Accept a) {
            return pairing.answer(r, p, chatId, userId, a.yes());
        }
        if (button instanceof FlowButton.Unpair u) {
            return unpairing.answer(r, chatId, userId, u.confirmation().yes());
        }
        if (button instanceof FlowButton.Forget f) {
            return dataRights.answerForget(r, chatId, userId, f.confirmation().yes());
        }
        if (button instanceof FlowButton.Reminder m) {
            reminders.press(r.updateId(), r.who(), chatId, m.choice());
            return Optional.empty();
        }
        return questions.press(r, p, chatId, userId, firstName, button);
    }

    /**
     * Whether {@code button} answers a question still open for the person: an onboarding question they are at,
     * an offer they have, a confirmation asked recently. Anything else is answered as a stale button; it may be
     * an old message's button, a second tap, or a press of an earlier version's button.
     */
    private static boolean answerable(FlowButton button, Profile p, Instant now) {
        OnboardingStage step = p == null ? OnboardingStage.ABOUT : p.step();
        if (button instanceof FlowButton.Age) {
            return step == OnboardingStage.AGE;
        }
        if (button instanceof FlowButton.AgeMistake) {
            return step == OnboardingStage.UNDER_AGE;
        }
        if (button instanceof FlowButton.Privacy) {
            return step == OnboardingStage.PRIVACY;
        }
        if (button instanceof FlowButton.TelegramName
                || button instanceof FlowButton.NameIsMine
                || button instanceof FlowButton.AnotherName
                || button instanceof FlowButton.NameNeedsHelp) {
            return step == OnboardingStage.NAME;
        }
        if (button instanceof FlowButton.Utc) {
            return step == OnboardingStage.ZONE;
        }
        if (button instanceof FlowButton.Screening s) {
            // also once onboarded: the same press handled again after a crash before the core's commit still brings
            // help
            return step == OnboardingStage.SAFETY
                    || (step == OnboardingStage.DONE && p.unsafe() && s.answer() == ScreeningAnswer.UNSAFE);
        }
        if (button instanceof FlowButton.Accept) {
            return p != null && p.onboarded() && p.pendingInvite() != null;
        }
        if (button instanceof FlowButton.Unpair u) {
            return !u.confirmation().expired(now, CONFIRMATION_LIFETIME);
        }
        if (button instanceof FlowButton.Forget f) {
            return !f.confirmation().expired(now, CONFIRMATION_LIFETIME);
        }
        if (button instanceof FlowButton.Reminder) {
            return p != null && p.onboarded();
        }
        return false; // FlowButton.Unknown
    }
}
