package dev.rekindle.local;

import dev.rekindle.dialog.load.SafeYaml;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.Problem;
import dev.rekindle.dialog.validate.Problems;
import dev.rekindle.dialog.validate.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One transcript file's YAML, as the readers of its parts see it: the node tree (composed by the dialog
 * loader's {@link SafeYaml}, with its limits), typed access to keys and values, and the problems found so far,
 * each at file:line:column (lines counted from {@code firstLine}).
 */
final class TranscriptNodes {
    private final String file;
    private final int firstLine;
    private final List<Problem> problems = new ArrayList<>();

    TranscriptNodes(String file, int firstLine) {
        this.file = file;
        this.firstLine = firstLine;
    }

    /** The root of {@code content}; a syntax error, a broken limit or an empty file ends the reading. */
    Node root(String content) throws TranscriptException {
        Problems limits = new Problems();
        Optional<Node> composed;
        try {
            composed = SafeYaml.compose(file, content, limits);
        } catch (MarkedYamlEngineException e) {
            Source where =
                    e.getProblemMark().or(e::getContextMark).map(this::at).orElse(start());
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw fail(
                    where,
                    "this is not valid YAML: " + what + context,
                    "check the indentation and quotes around this place");
        } catch (YamlEngineException e) {
            throw fail(start(), "this is not valid YAML: " + e.getMessage(), "");
        }
        if (limits.size() > 0) {
            limits.list().forEach(p -> problems.add(fromFirstLine(p)));
            throw new TranscriptException(problems);
        }
        if (composed.isEmpty()) {
            throw fail(start(), "the transcript is empty", "start with transcript: <what it checks>, then steps:");
        }
        return composed.get();
    }

    /** SafeYaml counts lines from 1; a transcript quoted in a document starts on {@code firstLine}. */
    private Problem fromFirstLine(Problem p) {
        Source s = p.source();
        return new Problem(
                p.severity(), Source.of(s.file(), s.line() + firstLine - 1, s.column()), p.message(), p.hint());
    }

    /** The mapping's keys (scalars), refusing duplicates and keys not in {@code allowed}. */
    Map<String, NodeTuple> keys(MappingNode m, List<String> allowed, String where) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode sk) || Tag.NULL.equals(k.getTag())) {
                error(at(k), "expected a key such as " + allowed.get(0) + ": " + where, "");
                continue;
            }
            String key = sk.getValue();
            if (out.containsKey(key)) {
                error(at(k), "'" + key + "' is given twice " + where, "keep one");
                continue;
            }
            if (!allowed.contains(key)) {
                String hint = didYouMean(key, allowed);
                error(
                        at(k),
                        "unknown key '" + key + "' " + where,
                        hint.isEmpty() ? "known keys: " + String.join(", ", allowed) : hint);
                continue;
            }
            out.put(key, t);
        }
        return out;
    }

    /** A scalar's text; null (with a problem) when the node is missing, empty or not a scalar. */
    String text(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            String kind = n instanceof SequenceNode ? "list" : "mapping";
            error(
                    at(n),
                    what + " must be a single value, not a " + kind,
                    "put quotes around text that contains ': ' or starts with [ or {");
            return null;
        }
        if (Tag.NULL.equals(n.getTag()) && s.isPlain()) {
            error(at(n), what + " has no value", "");
            return null;
        }
        return s.getValue();
    }

    /** A mapping with exactly one entry, like {@code {A: "Send it"}}. */
    NodeTuple single(Node n, String what, String example) {
        if (!(n instanceof MappingNode m) || m.getValue().size() != 1) {
            error(at(n), what + " needs exactly one partner and value", example);
            return null;
        }
        return m.getValue().get(0);
    }

    String keyText(NodeTuple t) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode sk)) {
            error(at(k), "expected a partner such as A or B@group here", "");
            return null;
        }
        return sk.getValue();
    }

    Source at(Node n) {
        return n.getStartMark().map(this::at).orElse(start());
    }

    private Source at(Mark m) {
        return Source.of(file, m.getLine() + firstLine, m.getColumn() + 1);
    }

    Source start() {
        return Source.of(file, firstLine, 1);
    }

    void error(Source where, String message, String hint) {
        problems.add(Problem.error(where, message, hint));
    }

    TranscriptException fail(Source where, String message, String hint) {
        error(where, message, hint);
        return new TranscriptException(problems);
    }

    /**
     * "did you mean 'expect'?" for a misspelt key or name of a transcript, or "" when nothing is close: the
     * closest candidate at most two edits away (one for words of up to three letters).
     */
    static String didYouMean(String word, Collection<String> candidates) {
        return Suggest.closest(word, candidates, word.length() <= 3 ? 1 : 2)
                .map(c -> "did you mean '" + c + "'?")
                .orElse("");
    }

    /** How many problems were found so far (to tell whether a part added one). */
    int problemCount() {
        return problems.size();
    }

    /** Ends the reading with every problem found, if there is any. */
    void throwIfAny() throws TranscriptException {
        if (!problems.isEmpty()) {
            throw new TranscriptException(problems);
        }
    }
}
