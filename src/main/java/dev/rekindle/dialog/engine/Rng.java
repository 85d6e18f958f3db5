package dev.rekindle.dialog.engine;

/**
 * SplitMix64 as a pure step: the session keeps the state, so a replayed input draws the same numbers.
 */
final class Rng {
    private long state;

    Rng(long state) {
        this.state = state;
    }

    long state() {
        return state;
    }

    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) bound);
    }
}
