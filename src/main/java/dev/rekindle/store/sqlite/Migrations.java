package dev.rekindle.store.sqlite;

import dev.rekindle.store.SchemaTooNewException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema: {@code db/migration/V<n>__<what>.sql}, applied in order at open, each in one
 * transaction together with its row in {@code schema_version}, so a crash leaves the database at a version
 * and never between two. Scripts are never edited once released: a change is a new script.
 */
final class Migrations {
    /** In order; listed rather than discovered, because a fat jar cannot list a resource folder. */
    static final List<String> SCRIPTS = List.of(
            "V1__initial.sql",
            "V2__message_refs_and_indexes.sql",
            "V3__couples.sql",
            "V4__data_key.sql",
            "V5__inbox_outbox_encrypted.sql",
            "V6__outbox_parts_sent.sql",
            "V7__reminders.sql",
            "V8__inbox_failure.sql",
            "V9__outbox_author.sql");

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {}

    static int latest() {
        return SCRIPTS.size();
    }

    static void apply(Database db, int target) {
        if (target < 0 || target > latest()) {
            throw new IllegalArgumentException("schema version must be between 0 and " + latest() + ": " + target);
        }
        int current = db.write("read its schema version", c -> {
            Sql.on(
                            c,
                            "CREATE TABLE IF NOT EXISTS schema_version ("
                                    + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied INTEGER NOT NULL)")
                    .execute();
            return version(c);
        });
        if (current > target) {
            throw new SchemaTooNewException(db.file().toString(), current, target);
        }
        for (int v = current + 1; v <= target; v++) {
            int version = v;
            String script = SCRIPTS.get(v - 1);
            List<String> statements = statements(load(script));
            db.write("apply migration " + script, c -> {
                if (version(c) != version - 1) {
                    throw new SQLException("another program migrated the database meanwhile; open it again");
                }
                for (String sql : statements) {
                    Sql.on(c, sql).execute();
                }
                Sql.on(c, "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")
                        .bind(version, script, db.clock().millis())
                        .update();
                return null;
            });
        }
        if (target > current) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "database {0} migrated from schema version {1} to {2}",
                    db.file(),
                    current,
                    target);
        }
    }

    static int version(Connection c) throws SQLException {
        return Math.toIntExact(Sql.on(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version")
                .firstLong());
    }

    static String load(String script) {
        String path = "/db/migration/" + script;
        try (InputStream in = Migrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("migration " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("migration " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Splits a script at each {@code ;} that ends a line, dropping whole-line {@code --} comments. Our
     * scripts keep to that shape (no {@code ;} inside a literal, no triggers), so no SQL parser is needed.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException(
                    "migration ends without ';' after: " + current.toString().strip());
        }
        return out;
    }
}
