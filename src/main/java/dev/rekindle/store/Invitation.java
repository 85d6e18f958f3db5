package dev.rekindle.store;

import java.time.Instant;

/** An invitation to join the inviter's couple, known by the hash of its code; single use, valid until expires. */
public record Invitation(String codeHash, long coupleId, long inviter, Instant created, Instant expires, Instant used) {

    public boolean usedOrExpired(Instant now) {
        return used != null || !now.isBefore(expires);
    }
}
