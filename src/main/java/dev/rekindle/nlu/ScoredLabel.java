package dev.rekindle.nlu;

/** A label with the probability a model gave it. */
public record ScoredLabel(String label, double probability) {}
