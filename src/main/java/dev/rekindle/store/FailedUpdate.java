package dev.rekindle.store;

/**
 * A Telegram update kept as failed, for a person to look at: its JSON as received (encrypted at rest) and why, in
 * the bot's own words (field names, never what someone wrote). {@code reason} is null when the update failed while
 * being handled: the log line of that moment names it by update id.
 */
public record FailedUpdate(long updateId, String rawJson, String reason) {
    /** Without the JSON, which holds what a partner wrote. */
    @Override
    public String toString() {
        return "FailedUpdate[updateId=" + updateId + ", reason=" + reason + ", rawJson=(" + rawJson.length()
                + " chars)]";
    }
}
