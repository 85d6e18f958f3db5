package dev.rekindle.local;

import dev.rekindle.bot.BotCore;
import dev.rekindle.bot.CoupleGroups;
import dev.rekindle.bot.Members;
import dev.rekindle.bot.Onboarding;
import dev.rekindle.bot.Received;
import dev.rekindle.bot.Received.Origin;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.store.Member;
import dev.rekindle.store.Store;
import dev.rekindle.store.Writer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Where a terminal update goes, decided as the Telegram adapter's router decides it: the group's {@code /link} and
 * its button to the group flow, a private update of someone not onboarded (or of the bot's own flows: /invite,
 * /export, /forget, ...) through onboarding, everything else to the dialogs; each on its couple's lane in the core.
 * A group message from someone who is not a partner of the couple whose group it is (or in a group no couple has
 * linked) is ignored, as Telegram's would be; the terminal says why instead of staying silent.
 */
final class LocalRouter {
    /** A routed update: the work in hand, or why it was ignored. */
    record Routed(CompletableFuture<Void> work, String ignored) {
        static Routed ignored(String why) {
            return new Routed(CompletableFuture.completedFuture(null), why);
        }
    }

    private final Store store;
    private final BotCore core;
    private final Members members;
    private final Onboarding onboarding;
    private final CoupleGroups groups;

    /** {@code onboarding} and {@code groups} null: the dialogs' sentences lack the bot's own flows (see LocalBot). */
    LocalRouter(Store store, BotCore core, Onboarding onboarding, CoupleGroups groups) {
        this.store = store;
        this.core = core;
        this.members = new Members(store.couples());
        this.onboarding = onboarding;
        this.groups = groups;
    }

    /**
     * A person's update in their private chat or the group: {@code command} (without the slash) or {@code pressData}
     * say what it is for the group's own flow; {@code make} builds it once who wrote where is known.
     */
    Routed person(
            long updateId,
            Origin from,
            String command,
            String pressData,
            long pressedMessage,
            Function<Member, Received> make) {
        boolean inGroup = from.chatId() == Cast.GROUP_ID;
        if (groups != null && inGroup && CoupleGroups.isOurs(command, pressData)) {
            long lane = groups.lane(from.chatId(), from.userId());
            return new Routed(
                    core.submitFlow(Set.of(lane), () -> {
                        if (command != null) {
                            groups.link(updateId, from.chatId(), from.userId());
                        } else {
                            groups.press(updateId, from.chatId(), from.userId(), pressData, pressedMessage);
                        }
                        return Optional.empty();
                    }),
                    null);
        }
        Optional<Writer> w = inGroup
                ? members.inGroup(from.chatId(), from.userId())
                : Optional.of(members.inPrivateChat(from.chatId(), from.userId(), from.firstName()));
        if (w.isEmpty()) {
            store.inbox().markDone(updateId);
            return Routed.ignored(notInTheGroup(from.userId()));
        }
        Received r = make.apply(w.get().member());
        if (onboarding == null || inGroup || Onboarding.forDialogs(r, w.get())) {
            return new Routed(core.submit(r), null);
        }
        return new Routed(core.submitFlow(onboarding.lanes(r), () -> onboarding.route(r)), null);
    }

    /**
     * The safety detector raised a flow of {@code kind} for what the person wrote: straight to the core's safety hook
     * (as a "not safe" answer to the screening question is), whatever flow they are in.
     */
    Routed safety(long updateId, Origin from, SafetyKind kind) {
        boolean inGroup = from.chatId() == Cast.GROUP_ID;
        Optional<Writer> w = inGroup
                ? members.inGroup(from.chatId(), from.userId())
                : Optional.of(members.inPrivateChat(from.chatId(), from.userId(), from.firstName()));
        if (w.isEmpty()) {
            store.inbox().markDone(updateId);
            return Routed.ignored(notInTheGroup(from.userId()));
        }
        return new Routed(
                core.submit(new Received.ScreenedUnsafe(updateId, w.get().member(), from, kind)), null);
    }

    /** The bot was added to the couple's group: its hello, on the group's lane. */
    CompletableFuture<Void> botAdded(long updateId) {
        if (groups == null) {
            store.inbox().markDone(updateId);
            return CompletableFuture.completedFuture(null);
        }
        return core.submitFlow(Set.of(groups.lane(Cast.GROUP_ID)), () -> {
            groups.botAdded(updateId, Cast.GROUP_ID);
            return Optional.empty();
        });
    }

    /** Why the bot does not answer {@code userId} in the group. */
    private String notInTheGroup(long userId) {
        boolean linked = store.pairings().coupleOfGroup(Cast.GROUP_ID).isPresent();
        if (linked) {
            return "the bot answers only the two partners of the couple whose group this is";
        }
        boolean paired =
                store.couples().coupleOf(userId).map(c -> c.users().size() == 2).orElse(false);
        return paired
                ? "this group is not linked to your couple yet: send /link here, and your partner confirms"
                : "this group is not linked to a couple: pair up first (/invite in a private chat), then send /link here";
    }
}
