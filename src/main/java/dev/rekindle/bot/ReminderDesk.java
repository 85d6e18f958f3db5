package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.store.Member;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredReminder;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /reminders} in a private chat: the person's own reminders in plain words, each with a button to change
 * its time and one to stop it, and one to stop them all. "Change the time" asks for a time; the next message
 * that reads as a time (19:30, 7pm) is taken, anything else goes on to the dialogs as usual and the question
 * is dropped. Only the recipient sees or changes a reminder. Its sentences are in bot.yaml.
 */
final class ReminderDesk {
    static final String WHAT = "reminder";

    private final Store store;
    private final Sentences say;
    private final ReminderDelivery delivery;
    private final InstantSource clock;

    ReminderDesk(Store store, Engine engine, Sentences say, InstantSource clock) {
        this.store = store;
        this.say = say;
        this.delivery = new ReminderDelivery(engine, store, clock);
        this.clock = clock;
    }

    /** {@code /reminders}: the list, or a word that there is none. */
    void list(long updateId, Member who, long chatId) {
        store.reminders().clearAwaiting(who.coupleId(), who.partner());
        List<StoredReminder> mine = store.reminders().of(who.coupleId(), who.partner());
        List<Outgoing> out = new ArrayList<>();
        if (mine.isEmpty()) {
            out.add(say.say(chatId, "reminders_none"));
        } else {
            out.add(say.say(
                    chatId,
                    "reminders_list",
                    Map.of(),
                    mine.size() > 1 ? List.of(say.button("label_stop_all", WHAT, "all")) : List.of()));
            for (StoredReminder r : mine) {
                out.add(say.say(
                        chatId,
                        "reminder_item",
                        Map.of(
                                "days",
                                days(r),
                                "time",
                                ReminderDelivery.CLOCK.format(r.at()),
                                "text",
                                Engine.plainText(r.html())),
                        List.of(
                                say.button("label_change_time", WHAT, "time." + r.id()),
                                say.button("label_stop_reminder", WHAT, "stop." + r.id()))));
            }
        }
        store.pairings().say(Reply.of(out, updateId));
    }

    /** A press on one of the list's buttons ({@code all}, {@code stop.<id>}, {@code time.<id>}). */
    void press(long updateId, Member who, long chatId, String choice) {
        long coupleId = who.coupleId();
        if (choice.equals("all")) {
            store.reminders()
                    .stopAll(
                            coupleId,
                            who.partner(),
                            Reply.of(List.of(say.say(chatId, "reminders_all_stopped")), updateId));
            return;
        }
        String[] parts = choice.split("\\.", 2);
        Optional<Long> id = parts.length == 2 ? parse(parts[1]) : Optional.empty();
        Optional<StoredReminder> r =
                id.flatMap(i -> store.reminders().find(coupleId, i)).filter(x -> x.recipient() == who.partner());
        if (r.isEmpty()) {
            store.pairings().say(Reply.of(List.of(say.say(chatId, "reminder_gone")), updateId));
            return;
        }
        if (parts[0].equals("stop")) {
            store.reminders()
                    .stop(
                            coupleId,
                            who.partner(),
                            r.get().id(),
                            Reply.of(List.of(say.say(chatId, "reminder_stopped")), updateId));
        } else {
            String from = ReminderDelivery.CLOCK.format(delivery.quietHours().from());
            String until = ReminderDelivery.CLOCK.format(delivery.quietHours().until());
            store.reminders()
                    .awaitTime(
                            coupleId,
                            who.partner(),
                            r.get().id(),
                            Reply.of(
                                    List.of(say.say(chatId, "reminder_ask_time", Map.of("from", from, "until", until))),
                                    updateId));
        }
    }

    /**
     * Takes {@code text} as the new time of the reminder waiting for one, if any; false (and no longer waiting)
     * when nothing waits or the text is not a time, so the text goes on to the dialogs. A text {@code alarming}
     * flags is never taken (and leaves the question waiting); it is asked only when a reminder waits, so the
     * safety detector does not run twice on every other text (the core runs it again).
     */
    boolean tookTime(
            long updateId, Member who, long chatId, String text, java.util.function.Predicate<String> alarming) {
        Optional<Long> awaiting = store.reminders().awaitingTime(who.coupleId(), who.partner());
        if (awaiting.isEmpty() || alarming.test(text)) {
            return false;
        }
        Optional<StoredReminder> waiting = store.reminders().find(who.coupleId(), awaiting.get());
        if (waiting.isEmpty()) {
            return false;
        }
        // read the way a time_of_day capture reads it: "19:30", "7pm", "7:30 am"
        Optional<LocalTime> at = Engine.timeOfDay(text).flatMap(Reminder::clock);
        if (at.isEmpty()) {
            store.reminders().clearAwaiting(who.coupleId(), who.partner());
            return false;
        }
        StoredReminder r = waiting.get();
        Instant now = clock.instant();
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(
                chatId,
                "reminder_time_changed",
                Map.of("days", days(r), "time", ReminderDelivery.CLOCK.format(at.get()))));
        if (delivery.inQuietHours(r, at.get(), now)) {
            out.add(say.say(
                    chatId,
                    "reminder_quiet",
                    Map.of(
                            "time",
                            ReminderDelivery.CLOCK.format(at.get()),
                            "from",
                            ReminderDelivery.CLOCK.format(delivery.quietHours().from()),
                            "until",
                            ReminderDelivery.CLOCK.format(delivery.quietHours().until()))));
        }
        store.reminders()
                .changeTime(
                        who.coupleId(),
                        who.partner(),
                        r.id(),
                        at.get(),
                        delivery.next(r, at.get(), now),
                        Reply.of(out, updateId));
        return true;
    }

    private String days(StoredReminder r) {
        if (r.days().size() == 7) {
            return say.plain("reminder_daily");
        }
        return r.days().stream()
                .sorted()
                .map(d -> say.plain("reminder_day_" + short3(d)))
                .collect(Collectors.joining(", "));
    }

    private static String short3(DayOfWeek d) {
        return d.name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static Optional<Long> parse(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
