package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the engine remembers about one couple (or one partner who is not paired yet): the
 * dialog running in each of their chats, pending timers, and the small memories that make the bot
 * feel consistent (last message variant, who spoke first last time). Immutable; the engine returns
 * a new one for every input. Serialised as JSON by {@code SessionJson} with {@link #SCHEMA}.
 *
 * @param names       display names of the partners present (B absent while unpaired)
 * @param rng         state of the session's own random generator (variants, random roles)
 * @param seq         counter for step ids, message refs and timer ids
 * @param runs        the dialog running in each chat, if any
 * @param timers      pending timers by id
 * @param lastVariant last variant index used, by message key, so a variant is not repeated twice in a row
 * @param firstRole   by dialog id: the partner who held the dialog's first role last time
 * @param holds       partners whose words paused the couple's shared exercises, with the kind of flow that did
 * @param followUps   dialogs that ended and will come back, by timer id (absent in sessions saved before them)
 * @param resumeAt    partners who asked to turn shared exercises back on: when (epoch second) their pause lifts
 * @param closedQuestions by partner: the private question that last closed on them unanswered (a dialog stopped,
 *                    timed out or paused), so that a late answer is told so instead of being read as a new request
 *                    (absent in sessions saved before it)
 */
public record Session(
        int schema,
        Map<Partner, String> names,
        long rng,
        long seq,
        Map<Chat, Run> runs,
        Map<String, PendingTimer> timers,
        Map<String, Integer> lastVariant,
        Map<String, Partner> firstRole,
        Map<Partner, SafetyKind> holds,
        Map<String, PendingFollowUp> followUps,
        Map<Partner, Long> resumeAt,
        Map<Partner, ClosedQuestion> closedQuestions) {

    public static final int SCHEMA = 1;

    public Session {
        names = Map.copyOf(names);
        runs = Map.copyOf(runs);
        timers = Map.copyOf(timers);
        lastVariant = Map.copyOf(lastVariant);
        firstRole = Map.copyOf(firstRole);
        holds = Map.copyOf(holds);
        followUps = followUps == null ? Map.of() : Map.copyOf(followUps);
        resumeAt = resumeAt == null ? Map.of() : Map.copyOf(resumeAt);
        closedQuestions = closedQuestions == null ? Map.of() : Map.copyOf(closedQuestions);
    }

    /**
     * Whether the couple's shared exercises are paused at {@code now}: someone's words paused them (a kind that
     * pauses; a crisis does not) and that person's cooling-off time, if they asked to resume, has not passed.
     */
    public boolean sharedPaused(java.time.Instant now) {
        return sharedPaused(holds, resumeAt, now);
    }

    /** Whether {@code p}'s own words paused the shared exercises, and the pause still holds at {@code now}. */
    public boolean pausedBy(Partner p, java.time.Instant now) {
        return pausedBy(p, holds, resumeAt, now);
    }

    /** The rule of {@link #sharedPaused(java.time.Instant)}, also for the engine's working copy of a session. */
    static boolean sharedPaused(Map<Partner, SafetyKind> holds, Map<Partner, Long> resumeAt, java.time.Instant now) {
        for (Partner p : holds.keySet()) {
            if (pausedBy(p, holds, resumeAt, now)) {
                return true;
            }
        }
        return false;
    }

    static boolean pausedBy(
            Partner p, Map<Partner, SafetyKind> holds, Map<Partner, Long> resumeAt, java.time.Instant now) {
        SafetyKind k = holds.get(p);
        Long at = resumeAt.get(p);
        return k != null && k.pausesShared() && (at == null || now.getEpochSecond() < at);
    }

    /** A new session for a couple (or a single partner: pass only A). The seed makes randomness repeatable. */
    public static Session start(Map<Partner, String> names, long seed) {
        if (!names.containsKey(Partner.A)) {
            throw new IllegalArgumentException("a session needs partner A: " + names);
        }
        return new Session(
                SCHEMA,
                names,
                seed == 0 ? 0x9E3779B97F4A7C15L : seed,
                0,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of());
    }

    public boolean isPaired() {
        return names.containsKey(Partner.B);
    }

    public String name(Partner p) {
        return names.getOrDefault(p, "");
    }

    public Run run(Chat chat) {
        return runs.get(chat);
    }

    /** The same session with a partner's name changed or the second partner joined. */
    public Session withName(Partner p, String name) {
        Map<Partner, String> n = new EnumMap<>(Partner.class);
        n.putAll(names);
        n.put(p, name);
        return new Session(
                schema, n, rng, seq, runs, timers, lastVariant, firstRole, holds, followUps, resumeAt, closedQuestions);
    }

    Session withRun(Chat chat, Run run) {
        Map<Chat, Run> r = new EnumMap<>(Chat.class);
        r.putAll(runs);
        if (run == null) {
            r.remove(chat);
        } else {
            r.put(chat, run);
        }
        return new Session(
                schema,
                names,
                rng,
                seq,
                r,
                timers,
                lastVariant,
                firstRole,
                holds,
                followUps,
                resumeAt,
                closedQuestions);
    }

    Session with(
            long newRng,
            long newSeq,
            Map<String, PendingTimer> newTimers,
            Map<String, Integer> newLastVariant,
            Map<String, Partner> newFirstRole,
            Map<Partner, SafetyKind> newHolds) {
        return new Session(
                schema,
                names,
                newRng,
                newSeq,
                runs,
                newTimers,
                newLastVariant,
                newFirstRole,
                newHolds,
                followUps,
                resumeAt,
                closedQuestions);
    }

    static <K, V> Map<K, V> copy(Map<K, V> m) {
        return new LinkedHashMap<>(m);
    }
}
