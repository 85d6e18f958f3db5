package dev.rekindle.dialog.model;

/** A check on captured free text; a failed check keeps the state and says why. */
public sealed interface Validation {
    /** Text length in characters (code points), both ends inclusive. */
    record Length(int min, int max) implements Validation {}

    /** A number between min and max inclusive (decimal point or comma). */
    record NumberRange(double min, double max) implements Validation {}

    /** A time of day such as 19:30, 7pm or 7:30 am; stored as HH:MM. */
    record TimeOfDay() implements Validation {}
}
