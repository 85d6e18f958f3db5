package dev.rekindle.dialog.load;

/** One dialog file's name (as it should appear in problems, e.g. {@code dialogs/checkin.yaml}) and its text. */
public record SourceFile(String name, String content) {}
