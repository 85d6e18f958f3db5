package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.ShareTarget;
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
 */
public record Frame(String dialog, String version, String state, long step, String returnTo,
                    Map<String, String> vars, Map<Partner, Map<String, String>> answers,
                    List<Consent> consents, Waiting waiting, String buttonsRef) {
    public Frame {
        vars = Map.copyOf(vars);
        answers = Map.copyOf(answers);
        consents = List.copyOf(consents);
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
    }
}
