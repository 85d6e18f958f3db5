package dev.rekindle.local;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Effects;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.Outcome;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.understanding.Understanding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One simulated couple running on the engine, entirely in memory: the local stand-in for Telegram, the
 * store and the scheduler. It keeps the session, a fake clock, the pending timers, every message sent, the
 * buttons still open in each chat and the journal. Each call feeds one input to the engine and returns
 * the messages the bot sent in response, in order. Not thread-safe: one caller drives it.
 *
 * <p>The clock starts at {@link #START} (a Monday morning) and only moves with {@link #advance}.
 */
public final class LocalCouple {

    /** Where every simulated couple's clock starts: Monday 2026-01-05, 09:00 UTC. */
    public static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    /** A guard against timers that keep rescheduling themselves at the same instant. */
    static final int MAX_TIMER_FIRES_PER_ADVANCE = 10_000;

    /** What runs the dialogs: {@code new Engine(library)::handle}, or a scripted fake in tests. */
    @FunctionalInterface
    public interface Handler {
        Outcome handle(Session session, Input input, Instant now);
    }

    /** A journal entry the engine asked to save, stamped with the simulated time. */
    public record JournalEntry(String dialog, String kind, Partner author, String text, Instant at) {}

    /** A reminder a dialog set, as plain text; the transcripts check it is set (the terminal chat fires them). */
    public record SetReminder(
            Partner recipient,
            String dialog,
            java.time.LocalTime at,
            java.util.Set<java.time.DayOfWeek> days,
            String text) {}

    /** A timer the engine scheduled and that has not fired or been cancelled yet. */
    public record ScheduledTimer(String id, Instant due, Duration grace) {}

    /** The engine threw: names the input it was handling, so the run that broke can be found. */
    public static final class EngineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineFailure(Input input, RuntimeException cause) {
            super("the engine failed on " + input + ": " + cause, cause);
        }
    }

    private final Handler engine;
    private final Understanding understanding;
    private Session session;
    private Instant now;
    private final PendingTimers timers = new PendingTimers();
    private final List<Sent> sent = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final OpenButtons open = new OpenButtons();
    private final List<JournalEntry> journal = new ArrayList<>();
    private final List<SetReminder> reminders = new ArrayList<>();

    /**
     * A couple with the given display names (only A: a partner who is not paired yet) whose session
     * randomness starts from {@code seed}.
     */
    public LocalCouple(Handler engine, Understanding understanding, Map<Partner, String> names, long seed) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.understanding = Objects.requireNonNull(understanding, "understanding");
        this.session = Session.start(names, seed);
        this.now = START;
    }

    /** A couple on the real engine over {@code library}. */
    public static LocalCouple of(
            DialogLibrary library, Understanding understanding, Map<Partner, String> names, long seed) {
        Engine e = new Engine(library);
        return new LocalCouple(e::handle, understanding, names, seed);
    }

    // ---- inputs -------------------------------------------------------------------------------------

    /**
     * {@code from} writes {@code text} in {@code chat}. Text starting with '/' is a command (lower-cased,
     * any {@code @botname} dropped, the rest as arguments); other text passes the safety detector, then goes in with the classifier's intent.
     */
    public List<Sent> say(Partner from, Chat chat, String text) {
        Objects.requireNonNull(text, "text");
        checkCanAct(from, chat);
        Input input = isCommand(text) ? command(from, chat, text) : understanding.input(from, chat, text);
        return handle(input);
    }

    /** Like {@link #say(Partner, Chat, String)}, but with the classifier's verdict given (tests, transcripts). */
    public List<Sent> say(Partner from, Chat chat, String text, String intent) {
        Objects.requireNonNull(text, "text");
        checkCanAct(from, chat);
        if (isCommand(text)) {
            throw new IllegalArgumentException("an intent applies to free text, not to the command " + text.strip());
        }
        // the safety detector has the first word on every message; only what it lets through is routed
        return handle(understanding.input(from, chat, text, intent));
    }

    /** {@code from} presses button {@code oneBasedIndex} of the latest message in {@code chat} with open buttons. */
    public List<Sent> press(Partner from, Chat chat, int oneBasedIndex) {
        checkCanAct(from, chat);
        String where = describe(chat);
        OpenButtons.OpenMessage m = open.latestOrThrow(chat, where);
        return handle(new Input.Press(
                from, chat, OpenButtons.numbered(m, oneBasedIndex, where).data()));
    }

    /**
     * {@code from} presses the button labelled {@code label} (exactly, or else ignoring case) on the latest
     * message in {@code chat} with open buttons.
     */
    public List<Sent> press(Partner from, Chat chat, String label) {
        Objects.requireNonNull(label, "label");
        checkCanAct(from, chat);
        String where = describe(chat);
        OpenButtons.OpenMessage m = open.latestOrThrow(chat, where);
        return handle(new Input.Press(
                from, chat, OpenButtons.labelled(m, label, where).data()));
    }

    /**
     * Moves the clock on by {@code duration}, firing every timer that comes due on the way, earliest first
     * (timers due at the same instant in the order they were scheduled); for each, the clock is first set
     * to the timer's due instant. Timers scheduled by a fired timer fire too if they fall in the window.
     */
    public List<Sent> advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        Instant target = now.plus(duration);
        List<Sent> out = new ArrayList<>();
        int fired = 0;
        ScheduledTimer next;
        while ((next = timers.nextDueBy(target)) != null) {
            if (++fired > MAX_TIMER_FIRES_PER_ADVANCE) {
                throw new IllegalStateException("more than " + MAX_TIMER_FIRES_PER_ADVANCE + " timers fired within "
                        + duration + ": do timers keep rescheduling themselves? last: " + next);
            }
            timers.cancel(next.id());
            if (next.due().isAfter(now)) {
                now = next.due();
            }
            out.addAll(handle(new Input.TimerFired(next.id())));
        }
        if (target.isAfter(now)) {
            now = target;
        }
        return out;
    }

    /** The safety detector raised a flow of {@code kind} for what {@code from} wrote in {@code chat}. */
    public List<Sent> safety(Partner from, Chat chat, SafetyKind kind) {
        checkCanAct(from, chat);
        return handle(new Input.SafetyAlert(from, chat, Objects.requireNonNull(kind, "kind")));
    }

    /** The safety detector was unsure: {@code from} is asked the gentle check of {@code kind}. */
    public List<Sent> check(Partner from, Chat chat, SafetyKind kind) {
        checkCanAct(from, chat);
        return handle(new Input.SafetyCheck(from, chat, Objects.requireNonNull(kind, "kind")));
    }

    /**
     * Feeds any input to the engine and carries out its actions; returns the messages sent. The other
     * methods are shorthands for this one.
     */
    public List<Sent> handle(Input input) {
        Outcome outcome;
        try {
            outcome = engine.handle(session, input, now);
        } catch (RuntimeException e) {
            throw new EngineFailure(input, e);
        }
        if (outcome == null || outcome.session() == null) {
            throw new EngineFailure(input, new IllegalStateException("the engine returned no session"));
        }
        session = outcome.session();
        actions.addAll(outcome.actions());
        return apply(Effects.of(outcome));
    }

    /** Carries out what the outcome asks, as the running bot's commit does; notices are in actions() only. */
    private List<Sent> apply(Effects effects) {
        List<Sent> out = new ArrayList<>();
        for (Action.ToChat m : effects.toChats()) {
            if (m instanceof Action.Send s) {
                Sent message = Sent.of(s);
                sent.add(message);
                out.add(message);
                open.sent(s, message);
            } else {
                open.close((Action.CloseButtons) m);
            }
        }
        effects.timersCancelled().forEach(timers::cancel);
        effects.timersSet().forEach(t -> timers.schedule(new ScheduledTimer(t.id(), t.due(), t.grace())));
        effects.journal().forEach(j -> journal.add(new JournalEntry(j.dialog(), j.kind(), j.author(), j.text(), now)));
        for (Action.SetReminder r : effects.reminders()) {
            String text = dev.rekindle.dialog.engine.Engine.plainText(r.html());
            // the same person, dialog and text: a new time for the same reminder, as the store keeps it
            reminders.removeIf(old -> old.recipient() == r.recipient()
                    && old.dialog().equals(r.dialog())
                    && old.text().equals(text));
            reminders.add(new SetReminder(r.recipient(), r.dialog(), r.at(), r.days(), text));
        }
        return out;
    }

    // ---- what happened so far ------------------------------------------------------------------------

    public Session session() {
        return session;
    }

    public Instant now() {
        return now;
    }

    public boolean isPaired() {
        return session.isPaired();
    }

    /** The display name of a partner ("" when B has not joined). */
    public String name(Partner p) {
        return session.name(p);
    }

    /** Every message sent since the start, in order. */
    public List<Sent> sent() {
        return Collections.unmodifiableList(sent);
    }

    /** Every action the engine returned since the start, in order. */
    public List<Action> actions() {
        return Collections.unmodifiableList(actions);
    }

    /** The reminders set so far, oldest first. */
    public List<SetReminder> reminders() {
        return List.copyOf(reminders);
    }

    /** Journal entries saved since the start, in order. */
    public List<JournalEntry> journal() {
        return Collections.unmodifiableList(journal);
    }

    /** Timers not yet fired or cancelled, earliest first. */
    public List<ScheduledTimer> pendingTimers() {
        return timers.list();
    }

    /** The latest message in {@code chat} whose buttons are still open, if any (what a press acts on). */
    public java.util.Optional<Sent> openButtons(Chat chat) {
        return open.latest(chat).map(OpenButtons.OpenMessage::sent);
    }

    /** "Sam's private chat" or "the group". */
    public String describe(Chat chat) {
        if (chat.isGroup()) {
            return "the group";
        }
        String n = session.name(chat.owner());
        return (n.isEmpty() ? chat.owner().name() : n) + "'s private chat";
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void checkCanAct(Partner from, Chat chat) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(chat, "chat");
        if (!session.names().containsKey(from)) {
            throw new IllegalArgumentException("partner " + from + " has not joined: this is an unpaired user ("
                    + session.name(Partner.A) + " alone)");
        }
        if (chat.owner() != null && chat.owner() != from) {
            throw new IllegalArgumentException(name(from) + " (" + from + ") cannot write in " + describe(chat));
        }
    }

    static boolean isCommand(String text) {
        String t = text.strip();
        return t.length() > 1 && t.charAt(0) == '/' && !Character.isWhitespace(t.charAt(1));
    }

    /** {@code /Appreciate@RekindleBot now} gives command {@code /appreciate}, args {@code now}. */
    static Input.Command command(Partner from, Chat chat, String text) {
        String t = text.strip();
        int space = indexOfWhitespace(t);
        String head = space < 0 ? t : t.substring(0, space);
        String args = space < 0 ? "" : t.substring(space).strip();
        int at = head.indexOf('@');
        if (at > 0) {
            head = head.substring(0, at);
        }
        return new Input.Command(from, chat, head.toLowerCase(Locale.ROOT), args);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
