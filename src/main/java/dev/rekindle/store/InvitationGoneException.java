package dev.rekindle.store;

/** An invitation could not be accepted: used, expired, or its couple is complete or gone. */
public final class InvitationGoneException extends RuntimeException {
    public InvitationGoneException(String message) {
        super(message);
    }
}
