package dev.rekindle.dialog.model;

/** Where something was written: file, line and column, counted from 1. */
public record Source(String file, int line, int column) {
    public static final Source UNKNOWN = new Source("<unknown>", 0, 0);

    public static Source of(String file, int line, int column) {
        return new Source(file, line, column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
