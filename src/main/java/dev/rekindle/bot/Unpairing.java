package dev.rekindle.bot;

import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /unpair}: a question with "Yes, end it" and "No, keep it"; a yes dissolves the couple and tells the partner. */
final class Unpairing {
    private final Store store;
    private final Sentences say;
    private final InstantSource clock;

    Unpairing(Store store, Sentences say, InstantSource clock) {
        this.store = store;
        this.say = say;
        this.clock = clock;
    }

    Optional<Received> ask(Received r, long chatId, long userId) {
        Optional<Couple> couple = activeCoupleOf(userId);
        if (couple.isEmpty()) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "unpair_not_paired"))));
            return Optional.empty();
        }
        store.pairings()
                .say(Reply.of(
                        List.of(say.say(
                                chatId,
                                "unpair_confirm",
                                Map.of("partner", Partners.otherName(store.couples(), couple.get(), userId)),
                                List.of(
                                        say.button(
                                                "label_unpair",
                                                new FlowButton.Unpair(
                                                        FlowButton.Confirmation.yesAsked(clock.instant()))),
                                        say.button(
                                                "label_keep", new FlowButton.Unpair(FlowButton.Confirmation.no()))))),
                        r.updateId()));
        return Optional.empty();
    }

    /** The question's answer, pressed while it was still fresh ({@link Onboarding#CONFIRMATION_LIFETIME}). */
    Optional<Received> answer(Received r, long chatId, long userId, boolean yes) {
        Optional<Couple> couple = activeCoupleOf(userId);
        if (couple.isEmpty()) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "unpair_not_paired"))));
            return Optional.empty();
        }
        if (!yes) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "unpair_kept"))));
            return Optional.empty();
        }
        Couple c = couple.get();
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "unpair_done"));
        Partners.otherPrivateChat(store.couples(), c, userId).ifPresent(id -> out.add(say.say(id, "unpair_told")));
        store.pairings().dissolve(c.id(), say.reply(r, chatId, out));
        return Optional.empty();
    }

    private Optional<Couple> activeCoupleOf(long userId) {
        return store.couples().coupleOf(userId).filter(c -> c.status() == CoupleStatus.ACTIVE);
    }
}
