package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.validate.Problem;
import java.util.List;
import java.util.Optional;

/** What loading a folder of dialogs gave: the library when there was no error, and every problem found. */
public record LoadResult(Optional<DialogLibrary> library, List<Problem> problems) {
    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
