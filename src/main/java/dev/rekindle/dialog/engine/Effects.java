package dev.rekindle.dialog.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an outcome asks of the world, read once for every adapter: the running bot's commit and the terminal
 * chat both carry out these, so the two cannot drift (a timer set and cancelled in one turn, the order of a
 * turn's messages).
 *
 * @param toChats   messages and closings, in the order said
 * @param timersSet the timers to set, each id once with its last schedule; it replaces an earlier one of that id
 * @param timersCancelled the ids whose last word in the turn was a cancel
 * @param journal   journal lines to keep
 * @param reminders reminders to set (an adapter turns their local time into instants)
 * @param refusals  presses refused, each to be answered to its presser alone
 * @param notices   what only informs: dialogs started and ended, trouble, the safety hook, an answer shared
 */
public record Effects(
        List<Action.ToChat> toChats,
        List<Action.ScheduleTimer> timersSet,
        List<String> timersCancelled,
        List<Action.SaveJournal> journal,
        List<Action.SetReminder> reminders,
        List<Action.Refusal> refusals,
        List<Action> notices) {
    public Effects {
        toChats = List.copyOf(toChats);
        timersSet = List.copyOf(timersSet);
        timersCancelled = List.copyOf(timersCancelled);
        journal = List.copyOf(journal);
        reminders = List.copyOf(reminders);
        refusals = List.copyOf(refusals);
        notices = List.copyOf(notices);
    }

    public static Effects of(Outcome outcome) {
        List<Action.ToChat> toChats = new ArrayList<>();
        Map<String, Action> timers = new LinkedHashMap<>();
        List<Action.SaveJournal> journal = new ArrayList<>();
        List<Action.SetReminder> reminders = new ArrayList<>();
        List<Action.Refusal> refusals = new ArrayList<>();
        List<Action> notices = new ArrayList<>();
        for (Action a : outcome.actions()) {
            if (a instanceof Action.ToChat m) {
                toChats.add(m);
            } else if (a instanceof Action.ScheduleTimer t) {
                timers.remove(t.id()); // the last word on an id counts, in the order it was said
                timers.put(t.id(), t);
            } else if (a instanceof Action.CancelTimer t) {
                timers.remove(t.id());
                timers.put(t.id(), t);
            } else if (a instanceof Action.SaveJournal j) {
                journal.add(j);
            } else if (a instanceof Action.SetReminder r) {
                reminders.add(r);
            } else if (a instanceof Action.Refusal r) {
                refusals.add(r);
            } else {
                notices.add(a);
            }
        }
        List<Action.ScheduleTimer> set = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        for (Action t : timers.values()) {
            if (t instanceof Action.ScheduleTimer s) {
                set.add(s);
            } else {
                cancelled.add(((Action.CancelTimer) t).id());
            }
        }
        return new Effects(toChats, set, cancelled, journal, reminders, refusals, notices);
    }
}
