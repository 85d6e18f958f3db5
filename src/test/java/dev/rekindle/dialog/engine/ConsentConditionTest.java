package dev.rekindle.dialog.engine;

import static dev.rekindle.dialog.engine.Chat.A;
import static dev.rekindle.dialog.engine.Chat.B;
import static dev.rekindle.dialog.engine.Chat.GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.ShareTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code shared(...)} in a branch: whether an author said yes to showing an answer, without reading it. */
class ConsentConditionTest {

    static final String BOTH_OR_NOTHING = """
            id: both_or_nothing
            title: Both or nothing
            description: Shows the two words only when both agreed.
            audience: group
            triggers:
              commands: [/both]
            start: ask
            states:
              ask:
                say: "Check your private chats."
                rendezvous:
                  ask: "One word for today?"
                  into: word
                  consent: {ask: "May both of you see '{word}'?", with: group}
                  to: decide
              decide:
                branch:
                  - {if: "shared(both.word)", to: show}
                  - {if: "shared(A.word) or shared(B.word, group)", to: one}
                  - {else: none}
              show:
                say: "Sam: {A.word}. Alex: {B.word}."
                end: true
              one:
                say: "Only one of you chose to show it, so neither is shown."
                end: true
              none:
                say: "Both kept it private."
                end: true
            """;

    static final String TO_PARTNER = """
            id: to_partner
            title: To the partner
            description: A yes to the partner is not a yes to the group.
            audience: private
            triggers:
              commands: [/note]
            start: write
            states:
              write:
                capture: {into: note, to: offer}
              offer:
                share: {var: note, with: partner, ask: "Send it?", deliver: "{note}", yes: check, no: check}
              check:
                branch:
                  - {if: "shared(note, group)", to: group_yes}
                  - {if: "shared(me.note, partner) and not shared(partner.note)", to: partner_yes}
                  - {else: kept}
              group_yes:
                say: "group"
                end: true
              partner_yes:
                say: "partner"
                end: true
              kept:
                say: "kept"
                end: true
            """;

    private static Harness answered(String a, String b) {
        Harness h = new Harness(Harness.library(BOTH_OR_NOTHING));
        h.say(Partner.A, GROUP, "/both");
        h.say(Partner.A, A, "warm");
        h.press(Partner.A, A, a);
        h.say(Partner.B, B, "tired");
        h.press(Partner.B, B, b);
        return h;
    }

    @Test
    void bothYesShowsBoth() {
        assertEquals(
                List.of("Sam: warm. Alex: tired."),
                answered("Yes, share", "Yes, share").texts(GROUP));
    }

    @Test
    void oneYesShowsNeitherAnswer() {
        for (Harness h : List.of(answered("Yes, share", "Keep private"), answered("Keep private", "Yes, share"))) {
            assertEquals(List.of("Only one of you chose to show it, so neither is shown."), h.texts(GROUP));
            assertTrue(h.all.stream()
                    .noneMatch(x -> x instanceof Action.Send s
                            && s.to() == GROUP
                            && (s.html().contains("warm") || s.html().contains("tired"))));
        }
    }

    @Test
    void twoNosShowNothing() {
        assertEquals(
                List.of("Both kept it private."),
                answered("Keep private", "Keep private").texts(GROUP));
    }

    @Test
    void aYesToThePartnerIsNotAYesToTheGroup() {
        Harness h = new Harness(Harness.library(TO_PARTNER));
        h.say(Partner.A, A, "/note");
        h.say(Partner.A, A, "thank you for Sunday");
        h.press(Partner.A, A, "Yes, share");
        assertEquals(List.of("partner"), h.texts(A));
        Harness kept = new Harness(Harness.library(TO_PARTNER));
        kept.say(Partner.A, A, "/note");
        kept.say(Partner.A, A, "thank you for Sunday");
        kept.press(Partner.A, A, "Keep private");
        assertEquals(List.of("kept"), kept.texts(A));
    }

    @Test
    void aPartnerWhoNeverJoinedHasSharedNothing() {
        Harness h = new Harness(Harness.library(TO_PARTNER), false, 1);
        h.say(Partner.A, A, "/note");
        h.say(Partner.A, A, "thank you for Sunday");
        assertEquals(
                List.of("NO PARTNER", "kept"), h.texts(A), "no partner: the share goes to no, and nothing was agreed");
    }

    @Test
    void sharedIsATestOnlyWhenFollowedByParentheses() throws Exception {
        assertEquals(new Condition.Truthy(new Condition.RefOperand(Ref.parse("shared"))), Condition.parse("shared"));
        assertEquals(
                new Condition.Shared(Ref.parse("A.close"), ShareTarget.GROUP, 8),
                Condition.parse("shared (A.close , Group)"));
        assertEquals(
                new Condition.Not(new Condition.Shared(Ref.parse("both.more"), null, 11)),
                Condition.parse("not shared(both.more)"));
    }
}
