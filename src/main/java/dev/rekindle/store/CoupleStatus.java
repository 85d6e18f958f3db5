package dev.rekindle.store;

/** Where a couple stands: partner A alone so far, or both partners joined. */
public enum CoupleStatus {
    FORMING,
    ACTIVE
}
