package dev.rekindle.local;

import dev.rekindle.store.Couples;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;

/**
 * People who start where onboarding, pairing and {@code /link} would have left them: each onboarded (18 or older,
 * the privacy note agreed to now, "safe" to the screening question, their first name as their name, UTC), the two
 * paired with the first as partner A, and their group linked. For trying a dialog without the flows before it.
 */
final class ReadyCouple {
    private final Store store;
    private final InstantSource clock;

    ReadyCouple(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    void write(Cast cast) {
        Couples couples = store.couples();
        for (Cast.Person p : cast.people()) {
            couples.createUser(p.userId(), p.name(), ZoneOffset.UTC);
        }
        long a = cast.first().userId();
        long couple =
                cast.hasGroup() ? couples.createCouple(a, cast.people().get(1).userId()) : couples.startCouple(a);
        for (Cast.Person p : cast.people()) {
            couples.registerPrivateChat(p.userId(), p.userId());
            store.pairings()
                    .save(
                            new Profile(
                                    p.userId(),
                                    Profile.OnboardingStage.DONE,
                                    true,
                                    clock.instant(),
                                    Profile.ScreeningAnswer.SAFE,
                                    clock.instant(),
                                    null),
                            null,
                            null,
                            new Reply(List.of(), OptionalLong.empty()));
        }
        if (cast.hasGroup()) {
            couples.registerGroupChat(Cast.GROUP_ID, couple);
        }
    }
}
