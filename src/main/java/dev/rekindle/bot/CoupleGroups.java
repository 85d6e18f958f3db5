package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.GroupProposal;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The couple's group: a hello when the bot is added, {@code /link} by one partner confirmed by the other (only
 * when both are members), and what follows when a partner leaves or the bot is removed (the group is unlinked
 * and each partner is told privately). Only the couple's two partners act; anyone else is ignored without a
 * word. Sentences are in bot.yaml; each step is one transaction with its reply.
 */
public final class CoupleGroups {
    private final Store store;
    private final Sentences say;
    private final GroupMembership membership;

    public CoupleGroups(Store store, Engine engine, GroupMembership membership) {
        this.store = store;
        this.say = new Sentences(engine);
        this.membership = membership;
    }

    /** Whether a group update from a person is one of ours (/link or a press of our buttons), not the dialogs'. */
    public static boolean isOurs(String command, String pressData) {
        return "link".equals(command) || (pressData != null && pressData.startsWith(Sentences.PREFIX));
    }

    /**
     * The lane of an update about a group as a whole (the bot added or removed, a member left, a migration): the
     * linked couple's, or, for a group no couple has linked, the group's own (its chat id, negative, never a
     * couple's id).
     */
    public long lane(long chatId) {
        return store.pairings().coupleOfGroup(chatId).orElse(chatId);
    }

    /**
     * The lane of {@code /link} or a press of its button by {@code userId}: the couple of the person, whose
     * group it proposes or links (a press by someone outside the proposing couple only reads); the group's own
     * lane for someone in no couple.
     */
    public long lane(long chatId, long userId) {
        return store.couples().coupleOf(userId).map(Couple::id).orElse(chatId);
    }

    public void botAdded(long updateId, long chatId) {
        store.pairings().say(Reply.of(List.of(say.say(chatId, "group_hello")), updateId));
    }

    /** /link in a group, sent by {@code userId}. */
    public void link(long updateId, long chatId, long userId) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        OptionalLong linkedTo = store.pairings().coupleOfGroup(chatId);
        if (linkedTo.isPresent() && (couple.isEmpty() || couple.get().id() != linkedTo.getAsLong())) {
            store.inbox().markDone(updateId); // another couple's group: not theirs to take
            return;
        }
        if (couple.isEmpty() || couple.get().status() != CoupleStatus.ACTIVE) {
            store.pairings().say(Reply.of(List.of(say.say(chatId, "link_not_paired")), updateId));
            return;
        }
        Couple c = couple.get();
        Partner me = partnerOf(c, userId);
        long other = c.users().get(me.other());
        if (!membership.isMember(chatId, other)) {
            store.pairings().say(Reply.of(List.of(say.say(chatId, "link_partner_missing")), updateId));
            return;
        }
        store.pairings()
                .propose(
                        new GroupProposal(chatId, c.id(), me),
                        Reply.of(
                                List.of(say.say(
                                        chatId,
                                        "link_confirm",
                                        Map.of("name", name(userId), "partner", name(other)),
                                        List.of(say.button("label_link", "link", "y")))),
                                updateId));
    }

    /**
     * A press on one of our buttons in a group; {@code answerId} answers it (null: answered already). Whoever it
     * is not for hears why in a pop-up only they see, not the group.
     */
    public void press(long updateId, long chatId, long userId, String data, long messageId, String answerId) {
        Optional<GroupProposal> proposal = store.pairings().proposal(chatId);
        Optional<Couple> couple = proposal.flatMap(p -> store.couples().couple(p.coupleId()));
        if (!data.equals(Sentences.PREFIX + "link:y")
                || couple.isEmpty()
                || !couple.get().users().containsValue(userId)) {
            // not a partner of the proposing couple, or nothing to confirm: the press is taken, without a word
            store.pairings().say(Reply.of(say.answer(chatId, answerId, null), updateId));
            return;
        }
        Couple c = couple.get();
        if (partnerOf(c, userId) == proposal.get().proposedBy()) {
            store.pairings().say(Reply.of(say.answer(chatId, answerId, "link_other_confirms"), updateId));
            return;
        }
        List<Outgoing> out = new ArrayList<>(say.answer(chatId, answerId, null));
        if (!membership.isMember(chatId, c.users().get(proposal.get().proposedBy()))) {
            out.add(say.say(chatId, "link_partner_missing"));
            store.pairings().say(Reply.of(out, updateId));
            return;
        }
        // linked: the Confirm button has done its work (before that, the other partner may still need it)
        out.addAll(say.closePressed(chatId, messageId));
        out.add(say.say(chatId, "link_done"));
        store.pairings().link(chatId, c.id(), Reply.of(out, updateId));
    }

    /** The group became a supergroup (its chat and outbox moved already): a pending /link follows it. */
    public void migrated(long fromChatId, long toChatId) {
        store.pairings().groupMigrated(fromChatId, toChatId);
    }

    /** A member left the group: if it was one of the couple's partners, the group is unlinked and both told. */
    public void memberLeft(long updateId, long chatId, long userId) {
        OptionalLong coupleId = store.pairings().coupleOfGroup(chatId);
        Optional<Couple> couple =
                coupleId.isPresent() ? store.couples().couple(coupleId.getAsLong()) : Optional.empty();
        if (couple.isEmpty() || !couple.get().users().containsValue(userId)) {
            store.inbox().markDone(updateId);
            return;
        }
        store.pairings().unlink(chatId, Reply.of(toBoth(couple.get(), "group_partner_left"), updateId));
    }

    /** The bot was removed from a group: if it was a couple's, it is unlinked and both partners told privately. */
    public void botRemoved(long updateId, long chatId) {
        OptionalLong coupleId = store.pairings().coupleOfGroup(chatId);
        Optional<Couple> couple =
                coupleId.isPresent() ? store.couples().couple(coupleId.getAsLong()) : Optional.empty();
        List<Outgoing> out = couple.map(c -> toBoth(c, "group_bot_removed")).orElse(List.of());
        store.pairings().unlink(chatId, Reply.of(out, updateId));
    }

    private List<Outgoing> toBoth(Couple c, String key) {
        List<Outgoing> out = new ArrayList<>();
        for (Partner p : Partner.values()) {
            store.couples().chatId(c.id(), Chat.privateOf(p)).ifPresent(id -> out.add(say.say(id, key)));
        }
        return out;
    }

    private String name(long userId) {
        return store.couples().user(userId).map(User::displayName).orElse("");
    }

    private static Partner partnerOf(Couple c, long userId) {
        return c.users().entrySet().stream()
                .filter(e -> e.getValue() == userId)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("user " + userId + " is not in couple " + c.id()));
    }
}
