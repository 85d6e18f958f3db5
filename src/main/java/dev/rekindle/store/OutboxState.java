package dev.rekindle.store;

/** An outbox entry waits (pending), went out (sent), or was given up (failed, with a reason). */
public enum OutboxState {
    PENDING, SENT, FAILED;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static OutboxState ofColumn(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
