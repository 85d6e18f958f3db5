package dev.rekindle.dialog.model;

/** Saves an entry in the couple's journal when a state is entered. Author is a partner reference (me, actor, a role, A, B). */
public record Journal(String kind, Message text, String author, Source source) {}
