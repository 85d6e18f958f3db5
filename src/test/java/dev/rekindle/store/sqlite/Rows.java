package dev.rekindle.store.sqlite;

/** Reads rows directly, for tests that check what the SQLite file holds rather than what the ports answer. */
final class Rows {
    private Rows() {}

    /** The first column of the first row of a query, as text. */
    static String text(SqliteStore store, String sql) {
        return store.database().read("test query", c -> {
            try (java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }
}
