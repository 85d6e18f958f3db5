package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.validate.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a state's {@code reminder:}: {@code at} (a time HH:MM or one placeholder), {@code days} ({@code daily}
 * by default, a weekday, a list of weekdays, or one placeholder), {@code text} (the sentence to send) and
 * {@code to} ({@code me} by default, or {@code both}). Literal times and day words are checked here, where
 * their position is known; what the placeholders name is checked by the validator.
 */
final class ReminderReader {
    static final List<String> KEYS = List.of("at", "days", "text", "to");
    private static final Map<String, Reminder.Recipient> RECIPIENTS =
            MappingReader.options(Reminder.Recipient.values());

    private final Problems problems;

    ReminderReader(Problems problems) {
        this.problems = problems;
    }

    Reminder read(YNode node, String stateWhat) {
        MappingReader r = MappingReader.of(node, "the reminder of " + stateWhat, KEYS, problems);
        String at = r.requiredText(
                "at", "add 'at: \"19:30\"' or the variable of a time_of_day capture, e.g. at: \"{ritual_time}\"");
        if (at != null && Reminder.clock(at).isEmpty() && !Reminder.isOnePlaceholder(at)) {
            problems.error(
                    r.node("at").source(),
                    "'" + at + "' is not a time for 'at' in " + r.what(),
                    "write a 24-hour time such as \"19:30\", or one placeholder such as \"{ritual_time}\"");
        }
        List<String> days = new ArrayList<>();
        if (r.has("days")) {
            YNode d = r.node("days");
            List<YNode> items = d instanceof YNode.Seq seq ? seq.items() : List.of(d);
            if (d instanceof YNode.Seq seq && seq.items().isEmpty()) {
                problems.error(
                        d.source(),
                        "'days' in " + r.what() + " is an empty list",
                        "write days: daily, or e.g. days: [fri]");
            }
            for (YNode item : items) {
                String t = r.scalarText("days", item);
                if (t == null) {
                    continue;
                }
                if (!Reminder.isOnePlaceholder(t) && Reminder.days(t).isEmpty()) {
                    problems.error(
                            item.source(),
                            "'" + t + "' is not a day for 'days' in " + r.what(),
                            "write " + Reminder.DAY_HINT + "; or one placeholder such as \"{ritual_day}\"");
                }
                days.add(t);
            }
        } else {
            days.add("daily");
        }
        Message text = r.requiredMessage(
                "text", "add 'text: \"...\"' with the sentence to send, e.g. text: \"Time for {ritual}.\"");
        Reminder.Recipient to = r.has("to") ? r.choice("to", RECIPIENTS) : Reminder.Recipient.ME;
        return new Reminder(at, days, text, to == null ? Reminder.Recipient.ME : to, node.source());
    }
}
