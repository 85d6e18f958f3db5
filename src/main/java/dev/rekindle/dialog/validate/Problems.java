package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Source;
import java.util.ArrayList;
import java.util.List;

/** Collects problems while reading and checking, so that one run reports everything instead of the first. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void error(Source source, String message, String hint) {
        found.add(Problem.error(source, message, hint));
    }

    public void warning(Source source, String message, String hint) {
        found.add(Problem.warning(source, message, hint));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    public int size() {
        return found.size();
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }
}
