package dev.rekindle.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One lane per couple: tasks of a couple run one at a time, in the order they were submitted, while
 * different couples run in parallel on the injected (bounded) executor. The lane is the couple's lock:
 * its two private chats, its group and its timers all go through it. No thread of its own.
 */
final class CoupleLanes {
    private final Executor executor;
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    CoupleLanes(Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code task} after every task submitted before for the same couple; the future ends with it. */
    CompletableFuture<Void> submit(long coupleId, Runnable task) {
        return submitAsync(coupleId, () -> {
            task.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Starts {@code task} on the executor after every task submitted before for the same couple has ENDED,
     * i.e. after the future it returned completed (e.g. its commit is durable): the couple's next task sees
     * what this one wrote. The executor's thread is free while the future is pending, so other couples run.
     */
    CompletableFuture<Void> submitAsync(long coupleId, Supplier<CompletableFuture<Void>> task) {
        List<CompletableFuture<Void>> mine = new ArrayList<>(1);
        tails.compute(coupleId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null)
                    // a failed task must not stop the couple's later ones
                    : tail.handle((v, e) -> null);
            CompletableFuture<Void> next = previous.thenComposeAsync(v -> task.get(), executor);
            mine.add(next);
            return next;
        });
        CompletableFuture<Void> next = mine.get(0);
        next.whenComplete((v, e) -> tails.remove(coupleId, next));
        return next;
    }

    /** Waits until every lane is empty, at most {@code timeout}; false if work was still running then. */
    boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tails.isEmpty()) {
            List<CompletableFuture<Void>> running = new ArrayList<>(tails.values());
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                        .handle((v, e) -> null).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // handle() above swallows failures; nothing to do
            }
        }
        return true;
    }
}
