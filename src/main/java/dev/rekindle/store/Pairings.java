package dev.rekindle.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How two people become a couple and a group becomes theirs: onboarding profiles, invitations, pairing and
 * unpairing, and linking the couple's group. Every change is one transaction with its {@link Reply}.
 */
public interface Pairings {

    Optional<Profile> profile(long userId);

    /** Writes the profile and, when given, the user's name and time zone (null: unchanged). */
    void save(Profile profile, String displayName, java.time.ZoneId timeZone, Reply reply);

    /** Queues the reply's messages and marks its update done, changing nothing else. */
    void say(Reply reply);

    /** A new invitation of {@code inviter} for their couple; their earlier unused invitations stop working. */
    void invite(String codeHash, long coupleId, long inviter, Instant expires, Reply reply);

    Optional<Invitation> invitation(String codeHash);

    /** The invitations a user made, oldest first. */
    java.util.List<Invitation> invitationsBy(long userId);

    /**
     * The invited user joins the inviter's couple as partner B, in one transaction: the invitation is marked
     * used (it must be unused, unexpired, and the inviter's couple still forming), the invited user leaves the
     * couple of one they had (their journal lines go with them; its session and timers are dropped), and
     * their private chat moves along. Returns the couple's id.
     *
     * @throws InvitationGoneException when the invitation was used, expired or its couple is no longer forming
     */
    long accept(String codeHash, long userB, long privateChatB, Instant now, Reply reply);

    /**
     * Ends a couple: each partner goes on alone in a new couple of one with only the journal lines they wrote;
     * the couple's session (with both partners' answers), timers, group link and invitations are dropped.
     * The reply's messages are queued after the split, so they may go to either partner's private chat.
     */
    void dissolve(long coupleId, Reply reply);

    void propose(GroupProposal proposal, Reply reply);

    Optional<GroupProposal> proposal(long chatId);

    /** The group becomes the couple's (replacing an earlier one); the proposal is done with. */
    void link(long chatId, long coupleId, Reply reply);

    /** The group is no longer the couple's; returns the couple it belonged to, if any. */
    OptionalLong unlink(long chatId, Reply reply);

    /** A group became a supergroup: a /link waiting for the other partner's yes moves to the new id. */
    void groupMigrated(long fromChatId, long toChatId);

    /** The couple whose group this chat is, if any. */
    OptionalLong coupleOfGroup(long chatId);

    /**
     * Deletes everything stored about a user: their couple is dissolved as by {@link #dissolve} (the partner goes
     * on alone with their own journal lines), then the user's own couple with their journal lines, session and
     * timers, their profile, invitations, the outbox rows of their private chat, failed inbox updates that name
     * them, and the user. The reply's messages are queued afterwards; then the write-ahead log is folded back and
     * emptied, so no trace is left in the file or its log.
     */
    void forget(long userId, Reply reply);

    /**
     * A user blocked the bot: nothing more is sent to them until they write again. The reply's messages are queued
     * only when this made them unreachable (its update is marked done either way), so a block is told of once.
     */
    void markUnreachable(long userId, Reply reply);
}
