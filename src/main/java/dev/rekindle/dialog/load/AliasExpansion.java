package dev.rekindle.dialog.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;

/**
 * How many values a file's aliases would add once each is written out, counted from the parser's events before any
 * node is built. Counting aliases is not enough: eighteen aliases that each repeat a list of the one before hold
 * millions of values in a few kilobytes (the "billion laughs"), and reading them as a dialog writes every one out.
 * An alias adds the whole size of what it names, aliases inside that included, so the count is what reading would
 * build.
 */
final class AliasExpansion {
    /** Values the aliases of one file may add: a dialog that repeats a list of buttons a dozen times adds hundreds. */
    static final long MAX_VALUES = 10_000;

    private final Map<String, Long> sizes = new HashMap<>();
    /** The collections open around the current event: their anchor (or null) and their size so far. */
    private final Deque<Open> open = new ArrayDeque<>();

    private long added;

    private static final class Open {
        final String anchor;
        long size = 1;

        Open(String anchor) {
            this.anchor = anchor;
        }
    }

    /** Takes the next event; false once the aliases add more than {@link #MAX_VALUES} values. */
    boolean accept(Event e) {
        if (e instanceof CollectionStartEvent c) {
            open.push(new Open(c.getAnchor().map(a -> a.getValue()).orElse(null)));
        } else if (e instanceof CollectionEndEvent) {
            Open done = open.pop();
            if (done.anchor != null) {
                sizes.put(done.anchor, done.size);
            }
            grow(done.size);
        } else if (e instanceof AliasEvent a) {
            long size = sizes.getOrDefault(a.getAlias().getValue(), 1L);
            added += size;
            grow(size);
        } else if (e instanceof NodeEvent scalar) {
            scalar.getAnchor().ifPresent(a -> sizes.put(a.getValue(), 1L));
            grow(1);
        }
        return added <= MAX_VALUES;
    }

    /** The values an alias would add, as counted so far. */
    long added() {
        return added;
    }

    private void grow(long values) {
        Open parent = open.peek();
        if (parent != null) {
            parent.size += values; // the parent passes its whole size on to its own parent when it ends
        }
    }
}
