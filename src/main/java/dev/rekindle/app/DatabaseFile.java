package dev.rekindle.app;

import dev.rekindle.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --db} option of the commands that work on the bot's own database ({@code run}, {@code key rotate}). */
final class DatabaseFile {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            description = "the database file (default: $REKINDLE_DB, else data/rekindle.db)")
    private Path db;

    /** The file given, else the one {@code env} names, else the default. */
    Path in(Map<String, String> env) {
        return db != null ? db : SqliteStore.file(env);
    }
}
