package dev.rekindle.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
        return submitAsync(Set.of(coupleId), task);
    }

    /**
     * As {@link #submitAsync(long, Supplier)}, holding several lanes at once: {@code task} starts after every
     * task submitted before to ANY of them has ended, and every later task of each of them waits for it (a
     * pairing, which moves a person from one couple into another, needs both couples still).
     *
     * <p>No deadlock: submissions are serialized here, and a task only ever waits for tasks submitted before it,
     * so the waits follow the order of submission and cannot form a cycle.
     */
    synchronized CompletableFuture<Void> submitAsync(Set<Long> lanes, Supplier<CompletableFuture<Void>> task) {
        if (lanes.isEmpty()) {
            throw new IllegalArgumentException("a task needs at least one lane: " + lanes);
        }
        List<CompletableFuture<Void>> before = new ArrayList<>(lanes.size());
        for (long lane : lanes) {
            CompletableFuture<Void> tail = tails.get(lane);
            if (tail != null) {
                before.add(tail.handle((v, e) -> null)); // a failed task must not stop the couple's later ones
            }
        }
        CompletableFuture<Void> previous = before.isEmpty()
                ? CompletableFuture.completedFuture(null)
                : before.size() == 1
                        ? before.get(0)
                        : CompletableFuture.allOf(before.toArray(CompletableFuture[]::new));
        CompletableFuture<Void> next = previous.thenComposeAsync(v -> task.get(), executor);
        for (long lane : lanes) {
            tails.put(lane, next);
        }
        var unused = next.whenComplete((v, e) -> lanes.forEach(lane -> tails.remove(lane, next))); // next is returned
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
                        .handle((v, e) -> null)
                        .get(left, TimeUnit.NANOSECONDS);
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
