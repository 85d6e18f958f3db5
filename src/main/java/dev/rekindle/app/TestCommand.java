package dev.rekindle.app;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.local.Transcript;
import dev.rekindle.local.TranscriptCoverage;
import dev.rekindle.local.TranscriptException;
import dev.rekindle.local.TranscriptLoader;
import dev.rekindle.local.TranscriptRunner;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle test [DIR | FILE]}: every conversation transcript of a folder (or one transcript file) against the
 * dialogs, and with {@code --coverage} what no transcript covers.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run every conversation transcript in DIR, or the one in FILE, against the dialogs. "
                + "Exits 1 when one fails or none was found.")
final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "dialogs/tests",
            paramLabel = "DIR|FILE",
            description = "the transcripts folder, or one transcript file (default: ${DEFAULT-VALUE})")
    private Path dir;

    @Option(
            names = "--dialogs",
            paramLabel = "DIR",
            description = "the dialogs folder (default: the parent of the transcripts folder)")
    private Path dialogs;

    @Option(names = "--models", paramLabel = "DIR", description = Startup.MODELS_HELP)
    private Path models;

    @Option(
            names = "--coverage",
            description = "also name each dialog with no transcript that ends it, stops it with /stop while it "
                    + "runs, or (with actor: states) refuses the wrong partner's press; exits 1 if one lacks any")
    private boolean coverage;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Startup start = new Startup("test", spec.commandLine().getErr());
        boolean one = Files.isRegularFile(dir);
        if (!one && !Files.isDirectory(dir)) {
            spec.commandLine()
                    .getErr()
                    .println("rekindle test: no such folder or file: " + dir
                            + " (give the transcripts folder, e.g. dialogs/tests, or one transcript, e.g. "
                            + "dialogs/tests/welcome_main.yaml)");
            return 2;
        }
        if (one && coverage) {
            spec.commandLine()
                    .getErr()
                    .println("rekindle test: --coverage counts what a whole folder of transcripts "
                            + "covers; give the folder, not the one file " + dir);
            return 2;
        }
        Path folder = one ? parentOf(dir) : dir;
        Path dialogDir = dialogs != null ? dialogs : parentOf(folder);
        if (!Files.isDirectory(dialogDir)) {
            return start.missing(dialogDir, "give the dialogs folder with --dialogs");
        }
        List<Path> files = one ? List.of(dir) : TranscriptLoader.list(dir);
        if (files.isEmpty()) {
            out.println("no transcripts (*.yaml) in " + dir);
            out.println("0 passed, 0 failed");
            return 1;
        }
        DialogSource dialogSource = new DialogFolder(dialogDir);
        Startup.Loaded loaded = start.load(ModelSource.of(models), dialogSource);
        if (!loaded.ready()) {
            return loaded.refusal();
        }
        Understanding understanding = loaded.understanding();
        DialogLibrary library = loaded.library();
        TranscriptRunner runner = TranscriptRunner.of(library, understanding);
        TranscriptCoverage covered = new TranscriptCoverage(library);
        int failed = runAll(runner, files, covered, out);
        if (!coverage) {
            return failed > 0 ? 1 : 0;
        }
        boolean gaps = reportGaps(covered, out);
        return failed > 0 || gaps ? 1 : 0;
    }

    /** Runs every transcript, printing PASS or FAIL (and what differs), then the totals; returns how many failed. */
    private static int runAll(TranscriptRunner runner, List<Path> files, TranscriptCoverage covered, PrintWriter out)
            throws IOException {
        int passed = 0;
        int failed = 0;
        for (Path f : files) {
            Transcript t;
            try {
                t = TranscriptLoader.load(f);
            } catch (TranscriptException e) {
                failed++;
                out.println("FAIL " + f);
                out.println(indent(e.getMessage()));
                continue;
            }
            TranscriptRunner.Result r = runner.run(t, covered);
            if (r.passed()) {
                passed++;
                out.println("PASS " + t.name());
            } else {
                failed++;
                out.println("FAIL " + t.name());
                out.println(indent(r.diff()));
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed;
    }

    /** Prints what no transcript covers; true when something is missing. */
    private static boolean reportGaps(TranscriptCoverage covered, PrintWriter out) {
        List<TranscriptCoverage.Gap> gaps = covered.gaps();
        for (TranscriptCoverage.Gap g : gaps) {
            out.println("MISSING " + g);
        }
        out.println(
                gaps.isEmpty()
                        ? "every dialog is ended, stopped and guarded by a transcript"
                        : gaps.size() + " transcript" + (gaps.size() == 1 ? "" : "s") + " missing");
        return !gaps.isEmpty();
    }

    private static Path parentOf(Path dir) {
        Path parent = dir.normalize().getParent();
        return parent != null ? parent : dir.toAbsolutePath().normalize().getParent();
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
