package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import java.util.Map;

/** Who a reference (me, partner, actor, A, B or a role) names in a run. */
final class People {
    private People() {}

    /** "me" is the owner of a private run, or whoever acted last in the group. Null when nobody fits. */
    static Partner person(Run run, String who) {
        Partner me = run.owner() != null ? run.owner() : run.lastActor();
        return switch (who) {
            case "me" -> me;
            case "partner" -> me == null ? null : me.other();
            case "actor" -> run.lastActor();
            case "A" -> Partner.A;
            case "B" -> Partner.B;
            default -> run.roles().get(who);
        };
    }

    /** The partner a journal entry or a share belongs to; null and unassigned roles mean "me". */
    static Partner author(Run run, String who) {
        Partner p = person(run, who == null ? "me" : who);
        return p != null ? p : (run.owner() != null ? run.owner() : run.lastActor());
    }

    static String roleOf(Run run, Partner p) {
        for (Map.Entry<String, Partner> e : run.roles().entrySet()) {
            if (e.getValue() == p) {
                return e.getKey();
            }
        }
        return "";
    }
}
