package dev.rekindle.bot;

import dev.rekindle.store.Invitation;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Pair with {partner}?" with Accept and Decline, for an invitation the person opened: asked when they open it,
 * or at the end of their onboarding when they opened it before finishing.
 */
final class PairingOffer {
    private final Store store;
    private final Sentences say;

    PairingOffer(Store store, Sentences say) {
        this.store = store;
        this.say = say;
    }

    Outgoing of(long chatId, String invitationHash) {
        Optional<Invitation> inv = store.pairings().invitation(invitationHash);
        String inviter = inv.flatMap(i -> store.couples().user(i.inviter()))
                .map(User::displayName)
                .orElse("");
        return say.say(
                chatId,
                "pairing_offer",
                Map.of("partner", inviter),
                List.of(
                        say.button("label_accept", new FlowButton.Accept(true)),
                        say.button("label_decline", new FlowButton.Accept(false))));
    }
}
