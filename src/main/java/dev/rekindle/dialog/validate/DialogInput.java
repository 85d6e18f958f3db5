package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Dialog;

/** A dialog as read from its file (fields it could not read are null), with where each part was written. */
public record DialogInput(Dialog dialog, Locations where) {}
