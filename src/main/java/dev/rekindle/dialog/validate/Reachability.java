package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * States that nothing leads to, reported once per mistake. A target that does not exist is already an error of
 * its own: when it is a likely typo, the state it names is followed as if spelt right; when it is not, the state
 * it meant is unknown, so no state is called unreachable (any of them might be the one meant). A chain of states
 * cut off together is one error, on the state the chain starts from.
 */
final class Reachability {
    private final Dialog d;

    private Reachability(Dialog d) {
        this.d = d;
    }

    static void check(Dialog d, Problems problems) {
        Reachability r = new Reachability(d);
        Optional<String> start = r.resolved(d.start());
        if (start.isEmpty()) {
            return; // 'start' is wrong and no state is close: reported as such
        }
        List<String> roots = new ArrayList<>(List.of(start.get()));
        r.resolved(d.onChange()).ifPresent(roots::add);
        Walk walk = r.from(roots);
        if (!walk.unknownTarget()) {
            r.report(walk.reached(), start.get(), problems);
        }
    }

    /** A state by its written name, or the state a likely typo of it means; empty when neither. */
    private Optional<String> resolved(String target) {
        if (target == null) {
            return Optional.empty();
        }
        if (d.states().containsKey(target)) {
            return Optional.of(target);
        }
        return Suggest.closest(target, d.states().keySet());
    }

    /** The states reached from some roots, and whether one of them goes to a target nobody can guess. */
    private record Walk(Set<String> reached, boolean unknownTarget) {}

    private Walk from(Collection<String> roots) {
        Set<String> reached = new LinkedHashSet<>();
        boolean unknown = false;
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String n = todo.poll();
            State s = d.states().get(n);
            if (s == null || !reached.add(n)) {
                continue;
            }
            for (Transitions.Transition t : Transitions.of(s)) {
                Optional<String> next = resolved(t.target());
                if (next.isPresent()) {
                    todo.add(next.get());
                } else {
                    unknown = true;
                }
            }
        }
        return new Walk(reached, unknown);
    }

    /**
     * One error per state that starts a part cut off from start (in file order, so a loop cut off as a whole is
     * reported at its first state), naming the states only reached through it.
     */
    private void report(Set<String> reached, String start, Problems problems) {
        List<String> unreached =
                d.states().keySet().stream().filter(n -> !reached.contains(n)).toList();
        Set<String> covered = new LinkedHashSet<>();
        for (String n : unreached) {
            if (covered.contains(n) || leadsTo(unreached, n)) {
                continue;
            }
            Set<String> after = new LinkedHashSet<>(from(List.of(n)).reached());
            after.retainAll(unreached);
            after.remove(n);
            covered.addAll(after);
            String also = after.isEmpty() ? "" : ", and so neither can " + names(after) + ", which it leads to";
            problems.error(
                    d.states().get(n).source(),
                    "state '" + n + "' can never be reached from start '" + start + "'" + also,
                    "lead to it from another state (to, buttons, routes, branch, timer...), or remove it");
        }
    }

    /** Whether another cut-off state leads to {@code n} without {@code n} leading back to it. */
    private boolean leadsTo(List<String> unreached, String n) {
        Set<String> fromN = from(List.of(n)).reached();
        for (String other : unreached) {
            if (!other.equals(n)
                    && !fromN.contains(other)
                    && from(List.of(other)).reached().contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** 'c', 'c' and 'd', 'c', 'd' and 'e'. */
    private static String names(Collection<String> states) {
        List<String> quoted = states.stream().map(s -> "'" + s + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }
}
