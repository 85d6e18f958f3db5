package dev.rekindle.store;

/** Where a couple stands: partner A alone so far, or both partners joined. */
public enum CoupleStatus {
    FORMING, ACTIVE;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static CoupleStatus ofColumn(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
