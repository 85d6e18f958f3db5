package dev.rekindle.store;

/**
 * An optimistic check failed: another commit changed the couple's session after it was loaded. Nothing of
 * the rejected commit was written; reload the session and handle the input again.
 */
public final class StaleSessionException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StaleSessionException(long coupleId, long expected, long found) {
        super("session of couple " + coupleId + " is at version " + found + " but the commit expected " + expected
                + ": another update changed it first; reload the session and handle the input again");
    }
}
