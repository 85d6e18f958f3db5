package dev.rekindle.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One prepared statement on a connection, in the shape of Jdbi's {@code Handle}:
 * {@code Sql.on(c, "SELECT name FROM users WHERE id = ?").bind(id).one(rs -> rs.getString(1))}. Each call prepares
 * the statement (the connection keeps it, see {@link CachedStatements}), binds the values by position, runs it,
 * maps the rows while the results are open, and closes both. Values are bound, never written into the SQL text.
 * This is the store's one place that opens and closes statements and results.
 */
final class Sql {
    /** Reads the current row. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Results<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Run<T> {
        T on(PreparedStatement p) throws SQLException;
    }

    private final Connection c;
    private final String sql;
    private Object[] values = {};

    private Sql(Connection c, String sql) {
        this.c = c;
        this.sql = sql;
    }

    static Sql on(Connection c, String sql) {
        return new Sql(c, sql);
    }

    /** The values of the ?s, in order: Long, Integer, String, byte[] or null. */
    Sql bind(Object... values) {
        this.values = values;
        return this;
    }

    /** Runs an INSERT, UPDATE, DELETE or a statement without rows; the number of rows changed. */
    int update() throws SQLException {
        return run(PreparedStatement::executeUpdate);
    }

    /** The first row, or empty when there is none. */
    <T> Optional<T> one(Row<T> row) throws SQLException {
        return query(rs -> rs.next() ? Optional.of(row.map(rs)) : Optional.empty());
    }

    /**
     * The first column of the first row as a long, or empty when there is no row or it holds NULL (as MAX and MIN
     * give over no rows).
     */
    OptionalLong oneLong() throws SQLException {
        return query(rs -> {
            if (!rs.next()) {
                return OptionalLong.empty();
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
        });
    }

    /** The first column of the one row a COUNT or an INSERT ... RETURNING always gives. */
    long firstLong() throws SQLException {
        return one(rs -> rs.getLong(1)).orElseThrow(() -> new SQLException("no row from: " + sql));
    }

    /** Every row, in the order the query gives them. */
    <T> List<T> list(Row<T> row) throws SQLException {
        return query(rs -> {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.map(rs));
            }
            return out;
        });
    }

    /**
     * Runs SQL that binds no values and whose rows, if any, are not wanted (a migration's DDL, a PRAGMA) as a plain
     * statement, which the connection does not keep: such SQL runs once, or seldom.
     */
    void execute() throws SQLException {
        if (values.length > 0) {
            throw new IllegalStateException("execute() binds no values; use update() for: " + sql);
        }
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs the query and reads its results, all of them or only the first row, while they are open. */
    private <T> T query(Results<T> results) throws SQLException {
        return run(p -> {
            try (ResultSet rs = p.executeQuery()) {
                return results.read(rs);
            }
        });
    }

    private <T> T run(Run<T> run) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(p, i + 1, values[i]);
            }
            return run.on(p);
        }
    }

    private static void bind(PreparedStatement p, int i, Object v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.NULL);
        } else if (v instanceof Long l) {
            p.setLong(i, l);
        } else if (v instanceof Integer n) {
            p.setInt(i, n);
        } else if (v instanceof String s) {
            p.setString(i, s);
        } else if (v instanceof byte[] b) {
            p.setBytes(i, b);
        } else {
            throw new IllegalArgumentException("cannot bind a " + v.getClass().getSimpleName() + " (parameter " + i
                    + "): bind a Long, Integer, String, byte[] or null");
        }
    }
}
