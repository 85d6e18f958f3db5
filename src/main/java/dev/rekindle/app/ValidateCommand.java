package dev.rekindle.app;

import static dev.rekindle.app.Startup.count;

import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.validate.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rekindle validate [DIR]}: every problem of every dialog, then how many. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Check every dialog in DIR and list all problems (file:line:column). "
                + "Exits 1 when there is an error, 0 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "dialogs",
            paramLabel = "DIR",
            description = "the dialogs folder (default: ${DEFAULT-VALUE})")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            return new Startup("validate", spec.commandLine().getErr())
                    .missing(dir, "give the dialogs folder: rekindle validate path/to/dialogs");
        }
        LoadResult result = load(dir);
        int errors = 0;
        int warnings = 0;
        for (Problem p : result.problems()) {
            out.println(p);
            if (p.isError()) {
                errors++;
            } else {
                warnings++;
            }
        }
        out.println(
                count(errors, "error") + ", " + count(warnings, "warning") + " in " + count(dialogFiles(dir), "file"));
        return errors > 0 ? 1 : 0;
    }

    /**
     * Calls the loader. Declared {@code throws Exception} so this compiles whether or not the loader
     * declares a checked exception.
     */
    private static LoadResult load(Path dir) throws Exception {
        return DialogLoader.loadDirectory(dir);
    }

    private static int dialogFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .count();
        }
    }
}
