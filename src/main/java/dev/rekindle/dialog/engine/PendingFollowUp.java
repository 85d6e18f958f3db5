package dev.rekindle.dialog.engine;

/**
 * A dialog that ended with a {@code follow_up} and will come back: when timer {@code id} fires and nothing runs
 * in {@code chat}, {@code run} (the dialog as it ended, variables and answers kept) restarts at state {@code to}.
 * {@code tries} counts how often it found the chat busy and waited again.
 */
public record PendingFollowUp(String id, Chat chat, Run run, String to, int tries) {

    public String dialog() {
        return run.top().dialog();
    }
}
