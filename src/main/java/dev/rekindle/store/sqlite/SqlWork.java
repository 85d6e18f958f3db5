package dev.rekindle.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection inside one transaction; see {@link Database#write} and {@link Database#read}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
