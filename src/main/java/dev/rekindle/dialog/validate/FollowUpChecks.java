package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.FollowUp;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.time.Duration;
import java.util.List;

/**
 * Follow-ups ({@code follow_up: {after: 1d, to: check_back}} on an ending state). That the target state exists
 * is checked with every other transition; here: a length the bot can keep, and no follow-up in a dialog that
 * another one calls, since a called dialog's end returns to its caller and leaves nothing behind.
 */
final class FollowUpChecks {
    static final Duration SHORTEST = Duration.ofMinutes(1);
    static final Duration LONGEST = Duration.ofDays(30);

    private FollowUpChecks() {}

    static void check(List<DialogInput> dialogs, Problems problems) {
        for (DialogInput in : dialogs) {
            for (State s : in.dialog().states().values()) {
                FollowUp f = followUpOf(s);
                if (f == null) {
                    continue;
                }
                length(f, s, in.where(), problems);
                calledBy(in.dialog(), dialogs)
                        .ifPresent(caller -> problems.error(
                                in.where().key("states", s.name(), "follow_up"),
                                "state '" + s.name() + "' leaves a follow_up, but dialog '"
                                        + in.dialog().id()
                                        + "' is called by dialog '" + caller
                                        + "', and a called dialog's end returns to its caller,"
                                        + " so the follow-up would never be kept",
                                "move the follow_up to the calling dialog's ending state, or start this dialog with"
                                        + " 'handover:' instead of 'call:'"));
            }
        }
    }

    static FollowUp followUpOf(State s) {
        return s.step() instanceof Step.End e ? e.followUp() : null;
    }

    private static void length(FollowUp f, State s, Locations where, Problems problems) {
        if (f.after() == null) {
            return; // unreadable: already reported by the reader
        }
        if (f.after().compareTo(SHORTEST) < 0 || f.after().compareTo(LONGEST) > 0) {
            problems.error(
                    where.value("states", s.name(), "follow_up", "after"),
                    "the follow_up of state '" + s.name() + "' comes back after "
                            + dev.rekindle.dialog.model.Durations.format(f.after())
                            + ", but a follow-up waits between 1m and 30d",
                    "write a length from 1m to 30d, e.g. after: 1d; for something sooner, wait in the state with a timer");
        }
    }

    private static java.util.Optional<String> calledBy(Dialog callee, List<DialogInput> dialogs) {
        for (DialogInput in : dialogs) {
            for (State s : in.dialog().states().values()) {
                if (s.step() instanceof Step.Call c
                        && callee.id() != null
                        && callee.id().equals(c.dialog())) {
                    return java.util.Optional.of(in.dialog().id());
                }
            }
        }
        return java.util.Optional.empty();
    }
}
