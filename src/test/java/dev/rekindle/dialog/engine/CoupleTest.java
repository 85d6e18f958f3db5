package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Partner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two-person sessions: roles, turns, rendezvous, consent and the journal. */
class CoupleTest {
    static final String TALK = """
            id: talk
            title: Talk
            description: Speaker and listener.
            audience: group
            triggers:
              commands: [/talk]
            roles: [speaker, listener]
            start: pick
            states:
              pick:
                assign_roles: {method: alternate, to: speak}
              speak:
                say: "{speaker.name} speaks, {listener.name} listens."
                actor: speaker
                buttons:
                  - {label: "I'm done", to: swap}
              swap:
                swap_roles: true
                say: "Now {speaker.name} speaks."
                actor: speaker
                buttons:
                  - {label: "I'm done", to: close}
              close:
                say: "Thank you both."
                end: true
            """;

    @Test
    void onlyTheSpeakerMayPressAndTheOtherIsAnsweredKindly() {
        Harness h = new Harness(Harness.library(TALK));
        h.say(Partner.A, GROUP, "/talk");
        String speakerName = h.texts(GROUP).get(0).split(" ")[0];
        Partner speaker = speakerName.equals("Sam") ? Partner.A : Partner.B;
        Session before = h.session;
        h.press(speaker.other(), GROUP, "I'm done");
        assertEquals(List.of(), h.texts(GROUP), "nothing is said to the group");
        assertEquals(List.of("NOT YOUR TURN"), h.refusals(speaker.other()), "the presser alone is told");
        assertEquals(before.runs(), h.session.runs(), "the wrong partner changes nothing");
        h.press(speaker, GROUP, "I'm done");
        String other = speaker == Partner.A ? "Alex" : "Sam";
        assertEquals(List.of("Now " + other + " speaks."), h.texts(GROUP), "roles swapped");
        h.press(speaker, GROUP, "I'm done");
        assertEquals(List.of(), h.texts(GROUP));
        assertEquals(List.of("NOT YOUR TURN"), h.refusals(speaker));
        h.press(speaker.other(), GROUP, "I'm done");
        assertEquals(List.of("Thank you both."), h.texts(GROUP));
    }

    @Test
    void alternateGivesTheFirstRoleToTheOtherPartnerNextTime() {
        Harness h = new Harness(Harness.library(TALK));
        h.say(Partner.A, GROUP, "/talk");
        String first = h.texts(GROUP).get(0);
        h.say(Partner.A, GROUP, "/stop");
        h.say(Partner.B, GROUP, "/talk");
        String second = h.texts(GROUP).get(0);
        assertNotEquals(first, second);
        h.say(Partner.A, GROUP, "/talk");
        assertEquals(first, h.texts(GROUP).get(0));
    }

    static final String CHOOSE = """
            id: choose
            title: Choose
            description: The couple chooses who starts.
            audience: group
            triggers:
              commands: [/choose]
            roles: [giver, receiver]
            start: pick
            states:
              pick:
                assign_roles: {method: chosen, ask: "Who will be the {first} first?", to: go}
              go:
                say: "{giver.name} gives, {receiver.name} receives."
                end: true
            """;
    static final String RANDOM = """
            id: coin
            title: Coin
            description: Random roles.
            audience: group
            triggers:
              commands: [/coin]
            roles: [giver, receiver]
            start: pick
            states:
              pick:
                assign_roles: {method: random, to: go}
              go:
                say: "{giver.name} gives."
                end: true
            """;

    @Test
    void rolesCanBeChosenByButtonOrDrawnFromTheSessionSeed() {
        Harness h = new Harness(Harness.library(CHOOSE, RANDOM));
        h.say(Partner.A, GROUP, "/choose");
        assertEquals(List.of("Who will be the giver first?"), h.texts(GROUP));
        assertEquals(List.of("Sam", "Alex"), h.labels(GROUP));
        h.press(Partner.A, GROUP, "Alex");
        assertEquals(List.of("Alex gives, Sam receives."), h.texts(GROUP));

        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            Harness r = new Harness(Harness.library(CHOOSE, RANDOM), true, seed);
            r.say(Partner.B, GROUP, "/coin");
            seen.add(r.texts(GROUP).get(0));
            Harness again = new Harness(Harness.library(CHOOSE, RANDOM), true, seed);
            again.say(Partner.B, GROUP, "/coin");
            assertEquals(r.texts(GROUP), again.texts(GROUP), "the same seed draws the same roles");
        }
        assertEquals(2, seen.size(), "both partners get drawn over 20 seeds: " + seen);
    }

    static final String REVEAL = """
            id: reveal
            title: Reveal
            description: Both answer privately, then a joint reveal.
            audience: group
            triggers:
              commands: [/reveal]
            start: ask
            states:
              ask:
                say: "Check your private chats."
                rendezvous:
                  ask: "One word for today, {me.name}?"
                  in: private
                  into: word
                  consent: {ask: "Show '{word}' to both of you?", with: group}
                  waiting: "Thanks. I'll share when you've both answered."
                  timer: {after: 1h, nudge: "Your word for today is still open.", to: late}
                  to: show
              show:
                say: "Sam: {A.word}. Alex: {B.word}."
                journal: {kind: word, text: "{word}", author: actor}
                end: true
              late:
                say: "Let's try another day."
                end: true
            """;

    @Test
    void bothAnswersAreRevealedTogetherOnlyAfterBothAnsweredAndAgreed() {
        Harness h = new Harness(Harness.library(REVEAL));
        h.say(Partner.A, GROUP, "/reveal");
        assertEquals(List.of("Check your private chats."), h.texts(GROUP));
        assertEquals(List.of("One word for today, Sam?"), h.texts(A));
        assertEquals(List.of("One word for today, Alex?"), h.texts(B));

        h.say(Partner.B, B, "tired");
        assertEquals(List.of("Show 'tired' to both of you?"), h.texts(B));
        assertTrue(h.texts(A).isEmpty() && h.texts(GROUP).isEmpty(), "nobody else learns that B answered");
        h.press(Partner.B, B, "Yes, share");
        assertEquals(List.of("Thanks. I'll share when you've both answered."), h.texts(B));
        assertTrue(h.texts(A).isEmpty() && h.texts(GROUP).isEmpty(), "nobody else learns that B answered");

        h.say(Partner.A, A, "hopeful");
        h.press(Partner.A, A, "Yes, share");
        assertEquals(List.of("Sam: hopeful. Alex: tired."), h.texts(GROUP));
        assertTrue(h.texts(A).isEmpty() && h.texts(B).isEmpty());
        Action.SaveJournal j = h.of(Action.SaveJournal.class).get(0);
        assertEquals(new Action.SaveJournal("reveal", "word", Partner.A, "hopeful"), j);
    }

    @Test
    void anAnswerItsAuthorKeptPrivateIsWithheldFromTheReveal() {
        Harness h = new Harness(Harness.library(REVEAL));
        h.say(Partner.A, GROUP, "/reveal");
        h.say(Partner.A, A, "secretword");
        h.press(Partner.A, A, "Keep private");
        h.say(Partner.B, B, "calm");
        h.press(Partner.B, B, "Yes, share");
        assertEquals(List.of("Sam: (kept private). Alex: calm."), h.texts(GROUP));
        assertTrue(
                h.all.stream()
                        .noneMatch(a -> a instanceof Action.Send s
                                && s.to() != A
                                && s.html().contains("secretword")),
                "A's word never leaves A's chat");
    }

    @Test
    void theNudgeGoesOnlyToWhoHasNotAnsweredAndTheTimeoutMovesOn() {
        Harness h = new Harness(Harness.library(REVEAL));
        h.say(Partner.A, GROUP, "/reveal");
        h.say(Partner.A, A, "light");
        h.press(Partner.A, A, "Yes, share");
        h.advance(Duration.ofHours(1));
        assertEquals(List.of("Your word for today is still open."), h.texts(B));
        assertTrue(h.texts(A).isEmpty() && h.texts(GROUP).isEmpty());
        h.advance(Duration.ofHours(1));
        assertEquals(List.of("Let's try another day."), h.texts(GROUP));
        assertNull(h.state(GROUP));
    }

    @Test
    void aPrivateAnswerGoesToTheRendezvousEvenWhileAPrivateDialogRuns() {
        Harness h = new Harness(Harness.library(REVEAL, MessagesAndInputTest.GREETING));
        h.say(Partner.A, A, "/greet");
        h.say(Partner.B, GROUP, "/reveal");
        h.say(Partner.A, A, "curious");
        assertEquals(List.of("Show 'curious' to both of you?"), h.texts(A));
        assertEquals("hello", h.state(A), "the private dialog waits where it was");
    }

    static final String GROUP_ROUND = """
            id: group_round
            title: Group round
            description: Both answer in the group itself.
            audience: group
            triggers:
              commands: [/round]
            start: ask
            states:
              ask:
                rendezvous:
                  ask: "Each of you: one thing you look forward to this week?"
                  in: group
                  into: hope
                  to: done
              done:
                say: "Both of you answered. {A.name}: {A.hope}"
                end: true
            """;

    @Test
    void aRendezvousInTheGroupTakesOneAnswerFromEachPartnerThere() {
        Harness h = new Harness(Harness.library(GROUP_ROUND));
        h.say(Partner.B, GROUP, "/round");
        assertEquals(List.of("Each of you: one thing you look forward to this week?"), h.texts(GROUP));
        h.say(Partner.B, B, "a private aside");
        assertEquals(List.of("NOT UNDERSTOOD"), h.texts(B), "a private message is not a group answer");
        h.say(Partner.B, GROUP, "the concert");
        assertEquals(List.of("WAITING"), h.texts(GROUP));
        h.say(Partner.B, GROUP, "and the hike");
        assertTrue(h.last.isEmpty(), "a second answer from the same partner is just talk: " + h.last);
        h.say(Partner.A, GROUP, "sleeping in");
        // written in the group, the answer is already seen there: showing it again needs no question
        assertEquals(List.of("Both of you answered. Sam: sleeping in"), h.texts(GROUP));
    }

    static final String APPRECIATE = """
            id: thanks_note
            title: Thanks note
            description: Capture, consent, share.
            audience: private
            triggers:
              commands: [/note]
            start: write
            states:
              write:
                say: "What did {partner.name} do that you valued?"
                capture: {into: note, length: {min: 3, max: 500}, to: ask}
              ask:
                journal: {kind: appreciation, text: "{note}"}
                share:
                  var: note
                  with: partner
                  ask: "Send this to {partner.name}?"
                  deliver: "{me.name} wanted you to know: {note}"
                  yes: sent
                  no: kept
              sent:
                say: "Sent."
                end: true
              kept:
                say: "Kept just for you."
                end: true
            """;

    @Test
    void sharingNeedsTheAuthorsYesAndDeliversToThePartnerOnly() {
        Harness h = new Harness(Harness.library(APPRECIATE));
        h.say(Partner.A, A, "/note");
        assertEquals(List.of("What did Alex do that you valued?"), h.texts(A));
        h.say(Partner.A, A, "the morning coffee");
        assertEquals(List.of("Send this to Alex?"), h.texts(A));
        assertEquals(
                new Action.SaveJournal("thanks_note", "appreciation", Partner.A, "the morning coffee"),
                h.of(Action.SaveJournal.class).get(0));
        assertTrue(h.texts(B).isEmpty());
        h.press(Partner.A, A, "Yes, share");
        assertEquals(List.of("Sam wanted you to know: the morning coffee"), h.texts(B));
        assertEquals(List.of("Sent."), h.texts(A));
        assertEquals(
                List.of(new Action.Shared(Partner.A, "note", dev.rekindle.dialog.model.ShareTarget.PARTNER)),
                h.of(Action.Shared.class));
    }

    @Test
    void aNoKeepsTheAnswerInTheAuthorsChat() {
        Harness h = new Harness(Harness.library(APPRECIATE));
        h.say(Partner.A, A, "/note");
        h.say(Partner.A, A, "the morning coffee");
        h.press(Partner.A, A, "Keep private");
        assertEquals(List.of("Kept just for you."), h.texts(A));
        assertTrue(h.all.stream().noneMatch(a -> a instanceof Action.Send s && s.to() != A));
        assertTrue(h.of(Action.Shared.class).isEmpty());
    }

    @Test
    void anUnpairedUserIsToldThereIsNobodyToShareWithYet() {
        Harness h = new Harness(Harness.library(APPRECIATE), false, 1);
        h.say(Partner.A, A, "/note");
        h.say(Partner.A, A, "my own kindness");
        assertEquals(List.of("NO PARTNER", "Kept just for you."), h.texts(A));
    }

    @Test
    void aGroupDialogNeedsTheGroupAndAPrivateOneAPrivateChat() {
        Harness h = new Harness(Harness.library(APPRECIATE, TALK));
        h.say(Partner.A, A, "/talk");
        assertEquals(List.of("GROUP ONLY"), h.texts(A));
        h.say(Partner.A, GROUP, "/note");
        assertEquals(List.of("PRIVATE ONLY"), h.texts(GROUP));
        assertFalse(h.session.runs().containsKey(GROUP));
        assertEquals(Map.of(), h.session.runs());
    }
}
