package dev.rekindle.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a couple-life step (onboarding, pairing, the group) says, committed with the step's own change: the
 * messages to queue and the inbox update to mark done, so the step acts once and its words are never lost.
 */
public record Reply(List<Outgoing> messages, OptionalLong doneUpdate) {
    public Reply {
        messages = List.copyOf(messages);
    }

    public static Reply of(List<Outgoing> messages, long updateId) {
        return new Reply(messages, OptionalLong.of(updateId));
    }
}
