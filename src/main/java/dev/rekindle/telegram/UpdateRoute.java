package dev.rekindle.telegram;

import dev.rekindle.bot.Received;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Where one stored update goes: the one decision {@link UpdateRouter} makes, which the receiver submits in one place. */
sealed interface UpdateRoute {
    long updateId();

    /** To the dialogs, on the couple's lane. */
    record ToDialogs(Received received) implements UpdateRoute {
        @Override
        public long updateId() {
            return received.updateId();
        }
    }

    /**
     * To one of the bot's own flows, on {@code lanes}; what it returns goes on to the dialogs in the same turn.
     * {@code waited}: the update may change who is in which couple, so the next one is resolved only after it.
     */
    record ToFlow(long updateId, Set<Long> lanes, boolean waited, Supplier<Optional<Received>> flow)
            implements UpdateRoute {}

    /** Nothing to do (not ours, or someone who is not a partner there): marked done untouched. */
    record Done(long updateId) implements UpdateRoute {}
}
