package dev.rekindle.local;

import dev.rekindle.dialog.model.DialogLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every shipped transcript run once per test JVM against the shipped dialogs: whether each passed, and what
 * they cover together. {@link ShippedTranscriptsTest} and {@link TranscriptCoverageTest} read the same run,
 * so the slowest part of the unit tests (the real classifier on every message) is paid once.
 */
record ShippedRuns(int transcripts, List<String> failures, TranscriptCoverage coverage) {
    private static ShippedRuns done;

    static synchronized ShippedRuns get() throws Exception {
        if (done == null) {
            done = run();
        }
        return done;
    }

    private static ShippedRuns run() throws Exception {
        DialogLibrary library = TestDialogs.repoLibrary(ShippedTranscriptsTest.DIALOGS);
        TranscriptCoverage coverage = new TranscriptCoverage(library);
        List<String> failures = new ArrayList<>();
        if (!Files.isDirectory(ShippedTranscriptsTest.TESTS)) {
            return new ShippedRuns(0, failures, coverage);
        }
        List<Path> files = TranscriptLoader.list(ShippedTranscriptsTest.TESTS);
        TranscriptRunner runner = TranscriptRunner.of(library, ShippedTranscriptsTest.productionUnderstanding());
        for (Path f : files) {
            try {
                TranscriptRunner.Result r = runner.run(TranscriptLoader.load(f), coverage);
                if (!r.passed()) {
                    failures.add("FAIL " + r.name() + "\n  " + r.diff().replace("\n", "\n  "));
                }
            } catch (TranscriptException e) {
                failures.add("FAIL " + f + "\n  " + e.getMessage().replace("\n", "\n  "));
            }
        }
        return new ShippedRuns(files.size(), List.copyOf(failures), coverage);
    }
}
