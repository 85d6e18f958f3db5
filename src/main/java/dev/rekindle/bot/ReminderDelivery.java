package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.schedule.QuietHours;
import dev.rekindle.schedule.ReminderTimes;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reminders;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredReminder;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.User;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's side of reminders: what a dialog's {@link Action.SetReminder} becomes (a kept reminder whose first
 * delivery is computed in the right time zones, and a note to its recipient when it falls in their quiet hours),
 * and a reminder's timer firing under the couple's lane: the sentence is queued in the recipient's private chat
 * and the reminder moves to its next day, in one transaction, so each occurrence arrives once. A reminder the
 * bot missed by more than {@link ReminderTimes#GRACE} (it was down) waits for its next day instead. While the
 * couple's shared exercises are paused by the safety hook, the reminders of shared exercises (set by a group dialog)
 * and every reminder of the person who paused are not sent (their days go on); the partner's own reminders (set in a
 * private dialog) still come, so the partner does not lose them without anyone knowing.
 */
final class ReminderDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderDelivery.class);
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Engine engine;
    private final Store store;
    private final InstantSource clock;
    private final QuietHours quiet = QuietHours.DEFAULT;

    ReminderDelivery(Engine engine, Store store, InstantSource clock) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
    }

    /** A reminder set by a dialog, ready for the dialog's commit, and the notes to queue with it. */
    record Planned(NewReminder reminder, List<Outgoing> notes) {}

    Optional<Planned> plan(long coupleId, Action.SetReminder set, Instant now) {
        Optional<ZoneId> recipient = zone(coupleId, set.recipient());
        if (recipient.isEmpty()) {
            LOG.warn(
                    "couple {}: a reminder for partner {} is not set: they are not a member",
                    coupleId,
                    set.recipient());
            return Optional.empty();
        }
        ZoneId anchor = zone(coupleId, set.anchor()).orElse(recipient.get());
        Instant next = ReminderTimes.next(set.at(), set.days(), anchor, recipient.get(), quiet, now);
        NewReminder r = new NewReminder(set.recipient(), set.dialog(), set.at(), set.days(), anchor, set.html(), next);
        List<Outgoing> notes = List.of();
        // only the person who set it is told now: a partner's copy of a ritual both chose may land in their night
        if (set.recipient() == set.anchor()
                && ReminderTimes.inQuietHours(set.at(), set.days(), anchor, recipient.get(), quiet, now)
                && engine.library().bot().messages().containsKey("reminder_quiet")) {
            LocalTime local = ReminderTimes.occurrenceAfter(set.at(), set.days(), anchor, now)
                    .atZone(recipient.get())
                    .toLocalTime();
            notes = store.couples().chatId(coupleId, Chat.privateOf(set.recipient())).stream()
                    .mapToObj(chat -> send(
                            chat,
                            engine.botSentence(
                                    "reminder_quiet",
                                    Map.of(
                                            "time",
                                            CLOCK.format(local),
                                            "from",
                                            CLOCK.format(quiet.from()),
                                            "until",
                                            CLOCK.format(quiet.until())))))
                    .toList();
        }
        return Optional.of(new Planned(r, notes));
    }

    /** The next delivery of {@code r} after {@code after}, with {@code at} as its time. */
    Instant next(StoredReminder r, LocalTime at, Instant after) {
        ZoneId recipient = zone(r.coupleId(), r.recipient()).orElse(r.zone());
        return ReminderTimes.next(at, r.days(), r.zone(), recipient, quiet, after);
    }

    boolean inQuietHours(StoredReminder r, LocalTime at, Instant now) {
        ZoneId recipient = zone(r.coupleId(), r.recipient()).orElse(r.zone());
        return ReminderTimes.inQuietHours(at, r.days(), r.zone(), recipient, quiet, now);
    }

    QuietHours quietHours() {
        return quiet;
    }

    /** Fires the reminder of a due timers row; called under the couple's lane. */
    void fire(DueTimer t) {
        long coupleId = t.coupleId();
        Optional<StoredReminder> found =
                Reminders.idOf(t.timerId()).flatMap(id -> store.reminders().find(coupleId, id));
        if (found.isEmpty()) {
            store.timers().markFired(coupleId, t.timerId()); // its reminder was stopped in a way that left the row
            return;
        }
        StoredReminder r = found.get();
        Instant now = clock.instant();
        boolean late = now.isAfter(t.due().plus(ReminderTimes.GRACE));
        boolean paused = paused(coupleId, r, now);
        Outgoing message = null;
        if (!late && !paused) {
            Chat to = Chat.privateOf(r.recipient());
            message = store.couples().chatId(coupleId, to).stream()
                    .mapToObj(chat -> send(chat, r.html()))
                    .findFirst()
                    .orElse(null);
        }
        Instant next = next(r, r.at(), now.isAfter(t.due()) ? now : t.due());
        boolean done = store.reminders().delivered(coupleId, r.id(), t.due(), message, next);
        if (done && late) {
            LOG.info(
                    "couple {}: reminder {} was due at {}, beyond its grace of {}: skipped to {}",
                    coupleId,
                    r.id(),
                    t.due(),
                    ReminderTimes.GRACE,
                    next);
        } else if (done && paused) {
            LOG.info(
                    "couple {}: reminder {} not sent while shared exercises are paused; next {}",
                    coupleId,
                    r.id(),
                    next);
        } else if (!done) {
            LOG.debug("couple {}: reminder {} was stopped or changed before it fired", coupleId, r.id());
        }
    }

    /**
     * Whether {@code r} waits: while shared exercises are paused, the reminders of shared exercises wait, and so do
     * all of the reminders of the person whose words paused them (their flow tells them so); the partner's own
     * reminders still come.
     */
    private boolean paused(long coupleId, StoredReminder r, Instant now) {
        return store.sessions()
                .load(coupleId)
                .map(StoredSession::session)
                .map(s -> s.sharedPaused(now) && (shared(r) || s.pausedBy(r.recipient(), now)))
                .orElse(false);
    }

    /** A reminder of a shared exercise: set by a group dialog (or one no longer loaded, to be safe). */
    private boolean shared(StoredReminder r) {
        return engine.library()
                .current(r.dialog())
                .map(d -> d.audience() == dev.rekindle.dialog.model.Audience.GROUP)
                .orElse(true);
    }

    Optional<ZoneId> zone(long coupleId, Partner p) {
        return store.couples()
                .couple(coupleId)
                .map(c -> c.users().get(p))
                .flatMap(store.couples()::user)
                .map(User::timeZone);
    }

    private static Outgoing send(long chatId, String html) {
        return OutboxPayload.entry(chatId, new OutboxMessage.Text(html, List.of()), null);
    }
}
