package dev.rekindle.dialog.validate;

import java.util.List;
import java.util.Optional;

/**
 * Checks dialogs and bot settings as a whole, after reading: targets, reachability, roles, placeholders,
 * conditions, intents, Telegram's limits, and what files refer to in each other. Works on the model plus
 * {@link Locations}, so it never looks at YAML itself. Reports every problem, never only the first.
 */
public final class Validator {
    private Validator() {}

    public static List<Problem> validate(List<DialogInput> dialogs, Optional<BotInput> bot) {
        Problems problems = new Problems();
        for (DialogInput in : dialogs) {
            StructureChecks.check(in.dialog(), in.where(), problems);
            ReferenceChecks.check(in.dialog(), in.where(), problems);
            SizeChecks.check(in.dialog(), in.where(), problems);
            TimerLengthChecks.check(in.dialog(), in.where(), problems);
            ReminderChecks.check(in.dialog(), in.where(), problems);
            ButtonActorChecks.check(in.dialog(), in.where(), problems);
            AudienceChecks.check(in.dialog(), in.where(), problems);
        }
        LibraryChecks.check(dialogs, bot, problems);
        FollowUpChecks.check(dialogs, problems);
        return problems.list();
    }
}
