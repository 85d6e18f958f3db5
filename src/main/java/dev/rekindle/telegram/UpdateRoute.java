package dev.rekindle.telegram;

import dev.rekindle.bot.Received;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Where one stored update goes: the one decision {@link UpdateRouter} makes, which the receiver submits in one place. */
sealed interface UpdateRoute {
    long updateId();

    /**
     * Whether what handles the update answers its press, in the commit that decides what to say (a refusal in a
     * pop-up); otherwise the receiver stops the press's spinner at once.
     */
    boolean answersPress();

    /** To the dialogs, on the couple's lane. */
    record ToDialogs(Received received) implements UpdateRoute {
        @Override
        public long updateId() {
            return received.updateId();
        }

        @Override
        public boolean answersPress() {
            return received instanceof Received.Press p && p.answerId() != null;
        }
    }

    /**
     * To one of the bot's own flows, on {@code lanes}; what it returns goes on to the dialogs in the same turn.
     * {@code waited}: the update may change who is in which couple, so the next one is resolved only after it.
     * {@code answersPress}: the flow answers the press itself.
     */
    record ToFlow(
            long updateId, Set<Long> lanes, boolean waited, boolean answersPress, Supplier<Optional<Received>> flow)
            implements UpdateRoute {}

    /** Nothing to do (not ours, or someone who is not a partner there): marked done untouched. */
    record Done(long updateId) implements UpdateRoute {
        @Override
        public boolean answersPress() {
            return false;
        }
    }
}
