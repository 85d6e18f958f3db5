package dev.rekindle.app;

import dev.rekindle.store.sqlite.KeyRotation;
import dev.rekindle.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rekindle key rotate}: the data key's upkeep. */
@Command(
        name = "key",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Look after the key that encrypts what partners write.",
        subcommands = KeyCommand.Rotate.class)
final class KeyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code rekindle key rotate [--db FILE]}. */
    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            versionProvider = Main.Version.class,
            description = "Re-encrypt everything under a new data key. Stop the bot first. If it is interrupted,"
                    + " run it again with the same keys: it goes on where it stopped.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(
                names = "--db",
                paramLabel = "FILE",
                description = "the database file (default: $REKINDLE_DB, else data/rekindle.db)")
        private Path db;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = db != null ? db : SqliteStore.file(System.getenv());
            KeyRotation.Done done = KeyRotation.rotate(file, System.getenv(), out::println);
            out.println("Rotated: " + done.rows() + " values re-encrypted. " + done.nextStep() + ".");
            if (done.unreadable() > 0) {
                out.println(done.unreadable() + " values could not be read with the old key either and were left"
                        + " as they were.");
            }
            return 0;
        }
    }
}
