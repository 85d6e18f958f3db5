package dev.rekindle.local;

import dev.rekindle.dialog.validate.Problem;
import java.util.List;

/** A transcript file that cannot be run, with every problem found in it (each naming file:line:column). */
public final class TranscriptException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public TranscriptException(List<Problem> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String join(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        for (Problem p : problems) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(p);
        }
        return b.toString();
    }
}
