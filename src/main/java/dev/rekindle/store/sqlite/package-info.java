/**
 * The store on SQLite (java.sql and org.sqlite only here). {@link dev.rekindle.store.sqlite.SqliteStore} is the one
 * public type: it opens a file (creating and migrating it) and hands out the ports. Everything behind it is
 * package-private: {@code Database} (one writer and a pool of readers, each transaction all or nothing) with
 * {@code GroupCommit} (many writes, one COMMIT) and {@code CachedStatements} (each connection keeps its prepared
 * statements); {@code Sql} (one prepared statement's bind, run and map); {@code Migrations} (the scripts in
 * {@code db/migration/} on the classpath); {@code DataKey} and {@code KeyCheck} (partners' words encrypted at
 * rest); {@code Columns} (how the ports' enums are spelled in their columns); one {@code Sqlite*} class per port,
 * {@code SqlitePairings} with {@code CoupleSurgery} (join, split, drop a couple) and {@code Forgetting}.
 */
package dev.rekindle.store.sqlite;
