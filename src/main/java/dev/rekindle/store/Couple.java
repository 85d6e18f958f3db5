package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.time.Instant;
import java.util.Map;

/** A couple (or partner A alone while forming) and the Telegram user id of each partner present. */
public record Couple(long id, CoupleStatus status, Instant created, Map<Partner, Long> users) {
    public Couple {
        users = Map.copyOf(users);
    }
}
