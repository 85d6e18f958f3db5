package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Invitation;
import dev.rekindle.store.InvitationGoneException;
import dev.rekindle.store.Member;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Invitations and pairing: {@code /invite} makes a link, {@code /start <code>} opens it (after onboarding, for
 * someone who has not finished it), and the invitee accepts or declines the offer. Only the code's hash is
 * stored ({@link InviteCode}).
 */
final class Pairing {
    private final Store store;
    private final Sentences say;
    private final InstantSource clock;
    private final String botUsername;
    private final SecureRandom random;
    private final OnboardingQuestions questions;
    private final PairingOffer offer;

    Pairing(
            Store store,
            Sentences say,
            InstantSource clock,
            String botUsername,
            SecureRandom random,
            OnboardingQuestions questions,
            PairingOffer offer) {
        this.store = store;
        this.say = say;
        this.clock = clock;
        this.botUsername = botUsername;
        this.random = random;
        this.questions = questions;
        this.offer = offer;
    }

    /** {@code /invite} from someone onboarded: a link valid for {@link Onboarding#INVITATION_LIFETIME}. */
    Optional<Received> invite(Received r, long chatId, long userId) {
        Couple couple = store.couples().coupleOf(userId).orElseThrow();
        if (couple.status() == CoupleStatus.ACTIVE) {
            store.pairings()
                    .say(say.reply(
                            r,
                            chatId,
                            List.of(say.say(
                                    chatId,
                                    "invite_already_paired",
                                    Map.of("partner", Partners.otherName(store.couples(), couple, userId))))));
            return Optional.empty();
        }
        InviteCode code = InviteCode.random(random);
        String link = "https://t.me/" + botUsername + "?start=" + code.code();
        store.pairings()
                .invite(
                        code.hash(),
                        couple.id(),
                        userId,
                        clock.instant().plus(Onboarding.INVITATION_LIFETIME),
                        say.reply(r, chatId, List.of(say.say(chatId, "invite_link", Map.of("link", link)))));
        return Optional.empty();
    }

    /** {@code /start <code>}: the offer, or onboarding first with the invitation kept for its end. */
    Optional<Received> open(Received r, Profile p, long chatId, long userId, String code) {
        String problem = invitationProblem(code, userId);
        if (problem != null) {
            List<Outgoing> out = List.of(say.say(chatId, problem));
            if (p == null) {
                return questions.continueOnboarding(r, null, chatId, userId, out);
            }
            store.pairings().say(say.reply(r, chatId, out));
            return Optional.empty();
        }
        String hash = new InviteCode(code).hash();
        if (p == null || !p.onboarded()) {
            Profile base = p == null ? Profile.start(userId) : p;
            return questions.continueOnboarding(r, base.pendingInvite(hash), chatId, userId, List.of());
        }
        store.pairings().save(p.pendingInvite(hash), null, null, say.reply(r, chatId, List.of(offer.of(chatId, hash))));
        return Optional.empty();
    }

    /** The couple of the invitation {@code userId} opened, if it still exists. */
    Optional<Long> inviterCouple(long userId) {
        return store.pairings()
                .profile(userId)
                .map(Profile::pendingInvite)
                .flatMap(hash -> store.pairings().invitation(hash))
                .map(Invitation::coupleId);
    }

    /** The offer's Accept or Decline, pressed by someone onboarded with an invitation pending. */
    Optional<Received> answer(Received r, Profile p, long chatId, long userId, boolean accepted) {
        if (!accepted) {
            store.pairings()
                    .save(
                            p.pendingInvite(null),
                            null,
                            null,
                            say.reply(r, chatId, List.of(say.say(chatId, "pairing_declined"))));
            return Optional.empty();
        }
        return accept(r, p, chatId, userId);
    }

    /** The bot.yaml key that says why this code cannot be used by this user, or null when it can. */
    private String invitationProblem(String code, long userId) {
        if (!InviteCode.wellFormed(code)) {
            return "code_malformed";
        }
        Optional<Invitation> inv = store.pairings().invitation(new InviteCode(code).hash());
        if (inv.isEmpty()) {
            return "code_unknown";
        }
        if (inv.get().inviter() == userId) {
            return "code_own";
        }
        if (inv.get().used() != null) {
            return "code_used";
        }
        if (!clock.instant().isBefore(inv.get().expires())) {
            return "code_expired";
        }
        Optional<Couple> mine = store.couples().coupleOf(userId);
        if (mine.isPresent() && mine.get().status() == CoupleStatus.ACTIVE) {
            return "code_already_paired";
        }
        Optional<Couple> theirs = store.couples().couple(inv.get().coupleId());
        if (theirs.isEmpty()
                || theirs.get().status() != CoupleStatus.FORMING
                || !theirs.get().users().containsValue(inv.get().inviter())) {
            return "code_used";
        }
        return null;
    }

    private Optional<Received> accept(Received r, Profile p, long chatId, long userId) {
        String hash = p.pendingInvite();
        Optional<Invitation> inv = store.pairings().invitation(hash);
        if (inv.isEmpty()) {
            return gone(r, p, chatId, "code_unknown");
        }
        long inviter = inv.get().inviter();
        String inviterName =
                store.couples().user(inviter).map(User::displayName).orElse("");
        String myName = store.couples().user(userId).map(User::displayName).orElse("");
        OptionalLong inviterChat = store.couples().chatId(inv.get().coupleId(), Chat.A);
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "pairing_done_invited", Map.of("partner", inviterName)));
        inviterChat.ifPresent(id -> out.add(say.say(id, "pairing_done_inviter", Map.of("partner", myName))));
        boolean unsafe = p.unsafe();
        long coupleId;
        try {
            coupleId = store.pairings()
                    .accept(
                            hash,
                            userId,
                            chatId,
                            clock.instant(),
                            unsafe
                                    ? new Reply(say.closing(r, chatId, out), OptionalLong.empty())
                                    : say.reply(r, chatId, out));
        } catch (InvitationGoneException e) {
            Invitation i = inv.get();
            return gone(
                    r,
                    p,
                    chatId,
                    i.used() != null
                            ? "code_used"
                            : !clock.instant().isBefore(i.expires()) ? "code_expired" : "code_used");
        }
        if (unsafe) {
            // the screening's answer belongs to the person, not to a couple: the new couple's shared exercises pause
            // too
            return Optional.of(new Received.ScreenedUnsafe(
                    r.updateId(), new Member(coupleId, Partner.B, Chat.B), r.from(), SafetyKind.ABUSE));
        }
        return Optional.empty();
    }

    private Optional<Received> gone(Received r, Profile p, long chatId, String key) {
        store.pairings().save(p.pendingInvite(null), null, null, say.reply(r, chatId, List.of(say.say(chatId, key))));
        return Optional.empty();
    }
}
