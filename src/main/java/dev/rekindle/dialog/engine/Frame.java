package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.ShareTarget;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One dialog on a run's stack, pinned to the version it started on.
 *
 * @param step       id of the current state's entry; buttons and timers carry it to detect staleness
 * @param returnTo   the caller's state to go back to when this (called) dialog ends; null for the bottom frame
 * @param vars       variables that belong to nobody (set, counters, button choices)
 * @param answers    captured free text, by author: private to its author unless a consent says otherwise
 * @param consents   what each author agreed to show, and to whom
 * @param waiting    progress of a rendezvous, share or role choice in the current state
 * @param buttonsRef ref of the message whose buttons are open in the current state, if any
 * @param held       answers the safety detector wants checked with their author before they are shown to
 *                   anyone, by author and answer name, with the kind to ask about
 */
public record Frame(
        String dialog,
        String version,
        String state,
        long step,
        String returnTo,
        Map<String, String> vars,
        Map<Partner, Map<String, String>> answers,
        List<Consent> consents,
        Waiting waiting,
        String buttonsRef,
        Map<Partner, Map<String, SafetyKind>> held) {
    /**
     * The {@code returnTo} of a frame shown on top of another without being called by it (a safety check): when it
     * ends, the frame below is left as it was, still waiting for what it waited for.
     */
    public static final String STAY = "~stay";

    /**
     * The {@code returnTo} of an exercise started while the frame below waited for its author's yes or no to sharing
     * an answer, which they chose to keep for later: when the exercise ends (or is stopped), that question is asked
     * again.
     */
    public static final String KEPT = "~kept";

    public Frame {
        vars = Map.copyOf(vars);
        answers = Map.copyOf(answers);
        consents = List.copyOf(consents);
        held = held == null ? Map.of() : Map.copyOf(held);
    }

    /** The kind to check with {@code author} before their answer {@code variable} is shown, or null. */
    public SafetyKind heldFor(Partner author, String variable) {
        return held.getOrDefault(author, Map.of()).get(variable);
    }

    /** The frame with an author's answer held back from sharing until a private check. */
    public Frame withHeld(Partner author, String variable, SafetyKind kind) {
        Map<Partner, Map<String, SafetyKind>> all = new EnumMap<>(Partner.class);
        all.putAll(held);
        Map<String, SafetyKind> mine = new LinkedHashMap<>(all.getOrDefault(author, Map.of()));
        mine.put(variable, kind);
        all.put(author, mine);
        return new Frame(dialog, version, state, step, returnTo, vars, answers, consents, waiting, buttonsRef, all);
    }

    /**
     * The frame with an answer stored under its author. A new answer needs a new yes (an earlier consent
     * covered the earlier text); one written in the group is already seen there, so it may be shown there.
     */
    public Frame withAnswer(Partner author, String variable, String value, Chat writtenIn) {
        Map<Partner, Map<String, String>> all = new EnumMap<>(Partner.class);
        all.putAll(answers);
        Map<String, String> mine = new LinkedHashMap<>(all.getOrDefault(author, Map.of()));
        mine.put(variable, value);
        all.put(author, mine);
        List<Consent> kept = new ArrayList<>();
        for (Consent c : consents) {
            if (!(c.author() == author && c.variable().equals(variable))) {
                kept.add(c);
            }
        }
        if (writtenIn.isGroup()) {
            kept.add(new Consent(author, variable, ShareTarget.GROUP));
        }
        // a new text is read afresh: whoever keeps it marks it held again if it must be
        Map<Partner, Map<String, SafetyKind>> stillHeld = new EnumMap<>(Partner.class);
        stillHeld.putAll(held);
        Map<String, SafetyKind> mineHeld = new LinkedHashMap<>(stillHeld.getOrDefault(author, Map.of()));
        mineHeld.remove(variable);
        stillHeld.put(author, mineHeld);
        return new Frame(dialog, version, state, step, returnTo, vars, all, kept, waiting, buttonsRef, stillHeld);
    }

    /** A dialog's first frame, before its start state is entered. */
    public static Frame start(dev.rekindle.dialog.model.Dialog d, String returnTo) {
        return new Frame(
                d.id(),
                d.version(),
                d.start(),
                0,
                returnTo,
                d.variables(),
                Map.of(),
                List.of(),
                Waiting.none(),
                null,
                Map.of());
    }

    /** The frame at another version, state or step, everything it holds kept. */
    public Frame at(String newVersion, String newState, long newStep) {
        return new Frame(
                dialog, newVersion, newState, newStep, returnTo, vars, answers, consents, waiting, buttonsRef, held);
    }

    public Frame withWaiting(Waiting w) {
        return new Frame(dialog, version, state, step, returnTo, vars, answers, consents, w, buttonsRef, held);
    }

    public Frame withButtonsRef(String ref) {
        return new Frame(dialog, version, state, step, returnTo, vars, answers, consents, waiting, ref, held);
    }

    public Frame withVars(Map<String, String> newVars) {
        return new Frame(dialog, version, state, step, returnTo, newVars, answers, consents, waiting, buttonsRef, held);
    }

    public Frame withConsents(List<Consent> newConsents, Waiting w) {
        return new Frame(dialog, version, state, step, returnTo, vars, answers, newConsents, w, buttonsRef, held);
    }

    /** The frame with one more yes to showing an answer, and the step's progress after it. */
    Frame withConsent(Consent consent, Waiting w) {
        List<Consent> all = new ArrayList<>(consents);
        all.add(consent);
        return withConsents(all, w);
    }

    /** An author's yes to showing one of their answers. */
    public record Consent(Partner author, String variable, ShareTarget with) {}

    /**
     * Who has answered a rendezvous, and who was asked for consent and still owes the answer.
     * Button refs are per partner because each partner may get their own consent question.
     */
    public record Waiting(Set<Partner> answered, Set<Partner> awaitingConsent, Map<Partner, String> refs) {
        public Waiting {
            answered = Set.copyOf(answered);
            awaitingConsent = Set.copyOf(awaitingConsent);
            refs = Map.copyOf(refs);
        }

        public static Waiting none() {
            return new Waiting(Set.of(), Set.of(), Map.of());
        }

        /** {@code p} is done: answered, or answered and then said yes or no to showing it. */
        Waiting answeredBy(Partner p) {
            Set<Partner> done = new HashSet<>(answered);
            done.add(p);
            return new Waiting(done, awaitingConsent, refs);
        }

        /** {@code p} was asked, on message {@code ref}, whether their answer may be shown. */
        Waiting askedForConsent(Partner p, String ref) {
            Set<Partner> awaiting = new HashSet<>(awaitingConsent);
            awaiting.add(p);
            return new Waiting(answered, awaiting, refsWith(p, ref));
        }

        /** {@code p} said yes or no to showing their answer; its message is closed. */
        Waiting consentGiven(Partner p) {
            Set<Partner> awaiting = new HashSet<>(awaitingConsent);
            awaiting.remove(p);
            return new Waiting(answered, awaiting, refsWith(p, null));
        }

        /** {@code p}'s message of this step is closed. */
        Waiting withoutRef(Partner p) {
            return new Waiting(answered, awaitingConsent, refsWith(p, null));
        }

        private Map<Partner, String> refsWith(Partner p, String ref) {
            Map<Partner, String> r = new EnumMap<>(Partner.class);
            r.putAll(refs);
            if (ref == null) {
                r.remove(p);
            } else {
                r.put(p, ref);
            }
            return r;
        }
    }
}
