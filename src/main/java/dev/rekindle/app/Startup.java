package dev.rekindle.app;

import dev.rekindle.dialog.load.LoadResult;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.validate.Problem;
import dev.rekindle.nlu.understanding.Understanding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * What {@code chat}, {@code test} and {@code run} do before they start: load the models beside the dialogs,
 * refuse to start without the safety detector, and report the dialogs' problems, each message naming the command.
 */
final class Startup {

    static final String DIALOGS_HELP =
            "the dialogs folder (default: ./dialogs when there is one, else the " + "dialogs shipped in the jar)";
    static final String MODELS_HELP = "a language folder such as models/en: train the intent model from DIR/intents "
            + "(reused while DIR/intent-model.bin matches the data) and use DIR/safety.txt, instead of the model and "
            + "lexicon shipped in the jar";

    private final String command;
    private final PrintWriter err;

    /**
     * @param command the command's name, as its messages start: {@code rekindle <command>: ...}
     * @param err     where the problems go
     */
    Startup(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    /** Says that {@code dir} does not exist and what to give instead; returns the exit code 2. */
    int missing(Path dir, String hint) {
        err.println("rekindle " + command + ": no such folder: " + dir + " (" + hint + ")");
        return 2;
    }

    /**
     * The understanding and the dialogs, loaded side by side; when either cannot be used, the exit code and the
     * reason already said on stderr (2: no safety detector, 1: dialogs with errors).
     */
    record Loaded(Understanding understanding, DialogLibrary library, int refusal) {
        boolean ready() {
            return refusal == 0;
        }
    }

    Loaded load(ModelSource models, DialogSource dialogs) throws Exception {
        Future<Understanding> loading = loadInBackground(models);
        LoadResult dialogsLoaded = dialogs.load();
        Understanding understanding = understandingOrRefuse(loading);
        if (understanding == null) {
            return new Loaded(null, null, 2);
        }
        DialogLibrary library = libraryOrReport(dialogs, dialogsLoaded);
        return new Loaded(understanding, library, library == null ? 1 : 0);
    }

    /**
     * Starts loading the understanding of {@code source} on a thread of its own, so that the caller loads the
     * dialogs meanwhile: each takes one to two seconds in a new JVM, and a first start should answer quickly.
     */
    Future<Understanding> loadInBackground(ModelSource source) {
        FutureTask<Understanding> task = new FutureTask<>(() -> UnderstandingFactory.load(source, err));
        Thread t = new Thread(task, "rekindle-load-models");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /**
     * The understanding being loaded, or null after saying on stderr what is wrong and what to do: the bot, the
     * chat and the transcripts never run without the safety detector.
     */
    Understanding understandingOrRefuse(Future<Understanding> loading) throws Exception {
        try {
            return loading.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ModelsUnavailableException m)) {
                throw e.getCause() instanceof Exception c ? c : e;
            }
            err.println("rekindle " + command + ": " + m.getMessage());
            err.println("rekindle " + command + ": not started: it never runs without its safety detector");
            err.flush();
            return null;
        }
    }

    /** The library, or null after printing the problems when the dialogs have errors. */
    DialogLibrary libraryOrReport(DialogSource source, LoadResult r) {
        String where = source.describe();
        String check = source instanceof DialogFolder
                ? "rekindle validate " + where
                : "rebuild the jar with `mvn -B -q package -DskipTests`";
        if (r.hasErrors()) {
            for (Problem p : r.problems()) {
                err.println(p);
            }
            err.println("the dialogs in " + where + " have errors; fix them first (" + check + ")");
            return null;
        }
        long warnings = r.problems().size();
        if (warnings > 0 && source instanceof DialogFolder) {
            err.println("(" + count((int) warnings, "warning") + " in " + where + "; " + check + " lists them)");
        }
        if (r.library().isEmpty()) {
            throw new IllegalStateException("the loader found no errors in " + where + " but returned no dialogs");
        }
        return r.library().get();
    }

    /** {@code 1 file}, {@code 2 files}. */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
