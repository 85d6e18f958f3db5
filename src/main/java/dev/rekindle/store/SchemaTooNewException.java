package dev.rekindle.store;

/** The database file was written by a newer Rekindle than this one; opening it would risk its data. */
public final class SchemaTooNewException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final int found;
    private final int known;

    public SchemaTooNewException(String file, int found, int known) {
        super("database " + file + " is at schema version " + found + " but this Rekindle knows up to " + known
                + ": upgrade Rekindle or restore a backup made by this version");
        this.found = found;
        this.known = known;
    }

    public int found() {
        return found;
    }

    public int known() {
        return known;
    }
}
