package dev.rekindle.bot;

import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A person's rights over their data, in their private chat: {@code /export} sends it all as a file, and
 * {@code /forget} asks "Yes, delete it all" or "No, keep it"; a yes deletes them (and ends their pairing, which
 * the partner is told).
 */
final class DataRights {
    private final Store store;
    private final Sentences say;
    private final InstantSource clock;
    private final Documents documents;

    DataRights(Store store, Sentences say, InstantSource clock, Documents documents) {
        this.store = store;
        this.say = say;
        this.clock = clock;
        this.documents = documents;
    }

    Optional<Received> export(Received r, long chatId, long userId) {
        byte[] file = new DataExport(store, say.plain("export_about")).of(userId, clock.instant());
        boolean sent = documents.send(chatId, "rekindle-export.json", file);
        store.pairings().say(Reply.of(List.of(say.say(chatId, sent ? "export_sent" : "export_failed")), r.updateId()));
        return Optional.empty();
    }

    Optional<Received> askForget(Received r, long chatId) {
        store.pairings()
                .say(Reply.of(
                        List.of(say.say(
                                chatId,
                                "forget_confirm",
                                Map.of(),
                                List.of(
                                        say.button(
                                                "label_forget",
                                                new FlowButton.Forget(
                                                        FlowButton.Confirmation.yesAsked(clock.instant()))),
                                        say.button(
                                                "label_keep", new FlowButton.Forget(FlowButton.Confirmation.no()))))),
                        r.updateId()));
        return Optional.empty();
    }

    /** {@code /forget}'s answer, pressed while it was still fresh ({@link Onboarding#CONFIRMATION_LIFETIME}). */
    Optional<Received> answerForget(Received r, long chatId, long userId, boolean yes) {
        if (!yes) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "forget_kept"))));
            return Optional.empty();
        }
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "forget_done"));
        store.couples()
                .coupleOf(userId)
                .filter(c -> c.status() == CoupleStatus.ACTIVE)
                .ifPresent(c -> Partners.otherPrivateChat(store.couples(), c, userId)
                        .ifPresent(id -> out.add(say.say(id, "unpair_told"))));
        store.pairings().forget(userId, say.reply(r, chatId, out));
        return Optional.empty();
    }
}
