package dev.rekindle.telegram;

import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Members;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.bot.Received;
import dev.rekindle.bot.Received.Origin;
import dev.rekindle.store.Inbox;
import dev.rekindle.store.Member;
import dev.rekindle.store.Outbox;
import dev.rekindle.store.Writer;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each stored update goes, on the receiving thread, in order: who wrote where (a person's update
 * becomes a {@link Received} here and nowhere else), then the dialogs, one of the bot's own flows, or nothing.
 * An onboarded person's private words go straight to the dialogs; onboarding, pairing, data rights, the group's
 * {@code /link} and membership changes are flows on the lanes of the couples they read or change.
 */
final class UpdateRouter {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramReceiver.class);

    private final Members members;
    private final Onboarding onboarding;
    private final CoupleGroups groups;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Runnable committed;

    /** {@code onboarding} and {@code groups} null: every person is partner A of a couple of one (tests of the runtime). */
    UpdateRouter(
            Members members,
            Onboarding onboarding,
            CoupleGroups groups,
            Inbox inbox,
            Outbox outbox,
            Runnable committed) {
        this.members = members;
        this.onboarding = onboarding;
        this.groups = groups;
        this.inbox = inbox;
        this.outbox = outbox;
        this.committed = committed;
    }

    UpdateRoute route(IncomingUpdate update) {
        long id = update.updateId();
        if (update instanceof IncomingUpdate.TextMessage t) {
            Origin from = new Origin(t.chatId(), t.userId(), t.firstName());
            return person(id, t.chatType(), from, null, m -> new Received.Text(id, m, from, t.text()));
        }
        if (update instanceof IncomingUpdate.Command c) {
            Origin from = new Origin(c.chatId(), c.userId(), c.firstName());
            return person(
                    id, c.chatType(), from, c.command(), m -> new Received.Command(id, m, from, c.command(), c.args()));
        }
        if (update instanceof IncomingUpdate.ButtonPress p) {
            Origin from = new Origin(p.chatId(), p.userId(), p.firstName());
            if (groups != null && p.chatType().isGroup() && CoupleGroups.isOurs(null, p.data())) {
                long lane = groups.lane(from.chatId(), from.userId());
                // the press that links changes which couple the group is: the group's next message waits for it
                return new UpdateRoute.ToFlow(id, Set.of(lane), true, true, () -> {
                    groups.press(id, p.chatId(), p.userId(), p.data(), p.messageId(), p.callbackQueryId());
                    committed.run();
                    return Optional.empty();
                });
            }
            return person(
                    id,
                    p.chatType(),
                    from,
                    null,
                    m -> new Received.Press(
                            id, m, from, p.data(), p.messageId(), p.callbackQueryId(), p.messageHtml()));
        }
        if (update instanceof IncomingUpdate.NonTextMessage n) {
            Origin from = new Origin(n.chatId(), n.userId(), "");
            return person(id, n.chatType(), from, null, m -> new Received.NonText(id, m, from));
        }
        return membership(update);
    }

    /**
     * A person's update: the group's own {@code /link} to the group flow; a private update of someone not
     * onboarded, or for a flow, through onboarding; everything else to the dialogs.
     */
    private UpdateRoute person(long id, ChatType type, Origin from, String command, Function<Member, Received> make) {
        if (groups != null && type.isGroup() && CoupleGroups.isOurs(command, null)) {
            long lane = groups.lane(from.chatId(), from.userId());
            return flow(id, lane, false, () -> groups.link(id, from.chatId(), from.userId()));
        }
        Optional<Writer> w = writer(type, from);
        if (w.isEmpty()) {
            return new UpdateRoute.Done(id);
        }
        Received made = make.apply(w.get().member());
        if (onboarding == null || type != ChatType.PRIVATE || Onboarding.forDialogs(made, w.get())) {
            return new UpdateRoute.ToDialogs(made);
        }
        // the receiver stops the spinner of a press for onboarding's own flows, which answer with messages
        Received r = made instanceof Received.Press p ? p.answered() : made;
        return new UpdateRoute.ToFlow(id, onboarding.lanes(r), Onboarding.waitedFor(r), false, () -> {
            Optional<Received> next = onboarding.route(r);
            if (next.isEmpty()) {
                committed.run();
            }
            return next;
        });
    }

    /** The bot added or removed, a member left, a group migrated; anything else needs no action. */
    private UpdateRoute membership(IncomingUpdate update) {
        long id = update.updateId();
        if (groups != null
                && update instanceof IncomingUpdate.BotAdded a
                && a.chatType().isGroup()) {
            return flow(id, groups.lane(a.chatId()), false, () -> groups.botAdded(id, a.chatId()));
        }
        if (groups != null && update instanceof IncomingUpdate.BotRemoved b) {
            if (b.chatType().isGroup()) {
                return flow(id, groups.lane(b.chatId()), true, () -> groups.botRemoved(id, b.chatId()));
            }
            // a private chat's id is its user's: they blocked the bot. Waited for, so that a message they write
            // next (which marks them reachable again, here) comes after it
            Optional<Long> couple = members.coupleOf(b.chatId());
            return couple.isEmpty()
                    ? new UpdateRoute.Done(id)
                    : flow(id, couple.get(), true, () -> onboarding.blocked(id, b.chatId()));
        }
        if (groups != null && update instanceof IncomingUpdate.MemberLeft l) {
            return flow(id, groups.lane(l.chatId()), true, () -> groups.memberLeft(id, l.chatId(), l.userId()));
        }
        if (update instanceof IncomingUpdate.GroupMigrated g) {
            Set<Long> lanes = groups == null
                    ? Set.of(g.oldChatId())
                    : Set.of(groups.lane(g.oldChatId()), groups.lane(g.newChatId()));
            return flow(id, lanes, true, () -> {
                // said twice (old and new chat); moving an already moved chat changes nothing
                outbox.moveChat(g.oldChatId(), g.newChatId());
                if (groups != null) {
                    groups.migrated(g.oldChatId(), g.newChatId());
                }
                inbox.markDone(id);
                LOG.info("group {} became supergroup {}", g.oldChatId(), g.newChatId());
            });
        }
        LOG.debug("update {} ({}) needs no action", id, update);
        return new UpdateRoute.Done(id);
    }

    private UpdateRoute flow(long id, long lane, boolean waited, Runnable work) {
        return flow(id, Set.of(lane), waited, work);
    }

    /** A flow of the bot's own that ends with its commit (or a mark done); the sender wakes after it. */
    private UpdateRoute flow(long id, Set<Long> lanes, boolean waited, Runnable work) {
        return new UpdateRoute.ToFlow(id, lanes, waited, false, () -> {
            work.run();
            committed.run();
            return Optional.empty();
        });
    }

    private Optional<Writer> writer(ChatType type, Origin from) {
        if (type == ChatType.PRIVATE) {
            return Optional.of(members.inPrivateChat(from.chatId(), from.userId(), from.firstName()));
        }
        if (type.isGroup()) {
            Optional<Writer> m = members.inGroup(from.chatId(), from.userId());
            if (m.isEmpty()) {
                // not a couple's group, or someone other than its two partners: no state changes, no reply
                LOG.debug(
                        "a message in group {} from user {}, who is not a partner there, is ignored",
                        from.chatId(),
                        from.userId());
            }
            return m;
        }
        return Optional.empty();
    }
}
