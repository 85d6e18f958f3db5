package dev.rekindle.local;

import dev.rekindle.dialog.model.Partner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads conversation transcripts (format: docs/dialogs.md, "Conversation transcripts"). YAML is read by the
 * dialog loader's {@code SafeYaml}, with a dialog's limits (size, aliases, nesting, no recursive keys), and only
 * composed into nodes, never constructed into objects, so no tag can instantiate anything; duplicate keys are
 * refused. Every problem in a file is reported at once, each naming file:line:column (from 1).
 *
 * <p>The parts are read by package-private classes: {@code TranscriptNodes} (the YAML and its positions),
 * {@code TranscriptHeader} (name, partners, seed), {@code TranscriptSteps} (each step kind),
 * {@code TranscriptExpectations} (expect: and text checks) and {@code TranscriptChecks} (journal:, reminders:).
 */
public final class TranscriptLoader {

    static final List<String> TOP_KEYS = List.of("transcript", "partners", "seed", "steps");
    static final List<String> SAYERS = List.of("A", "B", "A@group", "B@group", "A@private", "B@private");
    static final List<String> ACTIONS = plus(SAYERS, "press", "wait", "safety", "journal", "reminders");
    static final List<String> STEP_KEYS = plus(ACTIONS, "expect", "intent", "answered", "unsure");
    static final List<String> EXPECT_KEYS = List.of("to", "popup", "text", "contains", "matches", "buttons");
    static final List<String> ENTRY_KEYS = List.of("kind", "author", "dialog", "text", "contains", "matches");
    static final List<String> REMINDER_KEYS = List.of("to", "at", "days", "text", "contains", "matches");
    static final Map<Partner, String> DEFAULT_PARTNERS = Map.of(Partner.A, "Sam", Partner.B, "Alex");

    private TranscriptLoader() {}

    /** The transcript files directly in {@code dir} ({@code *.yaml}, {@code *.yml}), sorted by name. */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        }
    }

    public static Transcript load(Path file) throws IOException, TranscriptException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses {@code content}; problems name {@code file}. */
    public static Transcript parse(String file, String content) throws TranscriptException {
        return parse(file, content, 1);
    }

    /**
     * Parses {@code content} that starts on line {@code firstLine} of {@code file} (a transcript quoted in
     * a Markdown document), so that positions point into that file.
     */
    public static Transcript parse(String file, String content, int firstLine) throws TranscriptException {
        TranscriptNodes nodes = new TranscriptNodes(file, firstLine);
        Node root = nodes.root(content);
        if (!(root instanceof MappingNode map)) {
            throw nodes.fail(
                    nodes.at(root), "a transcript is a mapping with transcript:, partners:, seed: and steps:", "");
        }
        Map<String, NodeTuple> top = nodes.keys(map, TOP_KEYS, "at the top of a transcript");
        TranscriptHeader header = TranscriptHeader.read(nodes, map, top);
        List<Transcript.TestStep> steps = new TranscriptSteps(nodes, header.partners()).read(map, top);
        nodes.throwIfAny();
        return new Transcript(header.name(), file, nodes.start(), header.partners(), header.seed(), steps);
    }

    private static List<String> plus(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more))
                .toList();
    }
}
