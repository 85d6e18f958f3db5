package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Source;

/** One thing wrong (or doubtful) in a dialog file, with where it is and what to do about it. */
public record Problem(Severity severity, Source source, String message, String hint) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static Problem error(Source source, String message, String hint) {
        return new Problem(Severity.ERROR, source, message, hint);
    }

    public static Problem warning(Source source, String message, String hint) {
        return new Problem(Severity.WARNING, source, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: error: message (hint)}, the form editors and CI logs understand. */
    @Override
    public String toString() {
        String level = severity == Severity.ERROR ? "error" : "warning";
        return source + ": " + level + ": " + message + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
