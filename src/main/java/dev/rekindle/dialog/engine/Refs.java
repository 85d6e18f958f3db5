package dev.rekindle.dialog.engine;

/** Names the engine gives to messages and timers, derived from the session's counter. */
final class Refs {
    private Refs() {}

    static String message(long seq) {
        return "m" + seq;
    }

    static String timer(long seq) {
        return "t" + seq;
    }

    static long messageSeq(String ref) {
        return Long.parseLong(ref.substring(1));
    }
}
