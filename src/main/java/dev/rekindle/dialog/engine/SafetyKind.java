package dev.rekindle.dialog.engine;

/** What the safety detector found in a message. */
public enum SafetyKind { CRISIS, ABUSE }
