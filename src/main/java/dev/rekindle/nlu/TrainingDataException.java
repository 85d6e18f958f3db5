package dev.rekindle.nlu;

import java.util.List;

/** Training or test data that cannot be read as written; the message lists every problem as {@code file:line: what}. */
public final class TrainingDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public TrainingDataException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own, as {@code path:line: what is wrong and what to write instead}. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        int shown = Math.min(problems.size(), 10);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(problems.get(i));
        }
        if (problems.size() > shown) {
            b.append("\n(and ").append(problems.size() - shown).append(" more)");
        }
        return b.toString();
    }
}
