package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.model.State;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A state's {@code reminder:}, turned into the reminders the adapter sets, as each recipient may see them. */
final class Reminders {
    private final Turn t;

    Reminders(Turn t) {
        this.t = t;
    }

    /**
     * One {@link Action.SetReminder} per recipient, its time, days and text rendered as that recipient may see
     * them: a time that is another person's answer they did not agree to show is withheld, so no reminder is set.
     */
    void set(Chat chat, Run run, Frame frame, Dialog dialog, State state) {
        Reminder r = state.reminder();
        Partner setter = People.author(run, "me");
        List<Partner> recipients = r.to() == Reminder.Recipient.BOTH ? t.presentPartners() : List.of(setter);
        String key = Rendering.variantKey(frame, "reminder");
        for (Partner p : recipients) {
            Values.Ctx seen = Rendering.ctxFor(chat, p, Chat.privateOf(p));
            Optional<LocalTime> at = Reminder.clock(plainValue(r.at(), r, key + "/at", seen));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            boolean daysKnown = true;
            for (String d : r.days()) {
                Optional<Set<DayOfWeek>> parsed = Reminder.days(plainValue(d, r, key + "/days", seen));
                daysKnown &= parsed.isPresent();
                parsed.ifPresent(days::addAll);
            }
            if (at.isEmpty() || !daysKnown) {
                t.emit(new Action.Trouble(
                        chat,
                        dialog.id(),
                        state.name(),
                        "the reminder for partner " + p
                                + (at.isEmpty()
                                        ? " has no time of day (not a time, or not shown to them)"
                                        : " has a value in days that is not a day")
                                + "; no reminder was set"));
                continue;
            }
            String html = t.rendering.render(r.text(), key, seen);
            t.emit(new Action.SetReminder(
                    p, r.to() == Reminder.Recipient.BOTH ? setter : p, dialog.id(), at.get(), days, html));
        }
    }

    /** A reminder's time or days with its placeholder filled, as plain text. */
    private String plainValue(String written, Reminder r, String key, Values.Ctx seen) {
        return Html.plain(t.rendering.render(new Message(List.of(written), r.source()), key, seen));
    }
}
