package dev.rekindle.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timers a {@link LocalCouple}'s engine scheduled and that have not fired or been cancelled yet, in the
 * order they fire: earliest first, timers due at the same instant in the order they were scheduled.
 */
final class PendingTimers {

    private record Entry(LocalCouple.ScheduledTimer timer, long order) {}

    private final Map<String, Entry> timers = new LinkedHashMap<>();
    private long scheduleOrder;

    /** Schedules {@code timer}, replacing (and scheduling anew) one with the same id. */
    void schedule(LocalCouple.ScheduledTimer timer) {
        timers.remove(timer.id());
        timers.put(timer.id(), new Entry(timer, ++scheduleOrder));
    }

    void cancel(String id) {
        timers.remove(id);
    }

    /** The timer that fires next among those due at or before {@code target}, or null when none is. */
    LocalCouple.ScheduledTimer nextDueBy(Instant target) {
        Entry next = null;
        for (Entry s : timers.values()) {
            if (!s.timer().due().isAfter(target)
                    && (next == null
                            || s.timer().due().isBefore(next.timer().due())
                            || (s.timer().due().equals(next.timer().due()) && s.order() < next.order()))) {
                next = s;
            }
        }
        return next == null ? null : next.timer();
    }

    /** Every pending timer, earliest first. */
    List<LocalCouple.ScheduledTimer> list() {
        List<Entry> s = new ArrayList<>(timers.values());
        s.sort((x, y) -> {
            int c = x.timer().due().compareTo(y.timer().due());
            return c != 0 ? c : Long.compare(x.order(), y.order());
        });
        List<LocalCouple.ScheduledTimer> out = new ArrayList<>();
        for (Entry t : s) {
            out.add(t.timer());
        }
        return out;
    }
}
