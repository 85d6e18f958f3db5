package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.validate.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads conversation transcripts (format: docs/dialogs.md, "Conversation transcripts"). YAML is only
 * composed into nodes, never constructed into objects, so no tag can instantiate anything; duplicate keys
 * and recursive keys are refused and aliases are limited. Every problem in a file is reported at once, each
 * naming file:line:column (from 1).
 */
public final class TranscriptLoader {

    static final List<String> TOP_KEYS = List.of("transcript", "partners", "seed", "steps");
    static final List<String> SAYERS = List.of("A", "B", "A@group", "B@group", "A@private", "B@private");
    static final List<String> ACTIONS = List.of("A", "B", "A@group", "B@group", "A@private", "B@private",
            "press", "wait", "safety", "journal", "reminders");
    static final List<String> STEP_KEYS = List.of("A", "B", "A@group", "B@group", "A@private", "B@private",
            "press", "wait", "safety", "journal", "reminders", "expect", "intent");
    static final List<String> EXPECT_KEYS = List.of("to", "text", "contains", "matches", "buttons");
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
        return new Parser(file, firstLine).parse(content);
    }

    /** Who acts, and where. */
    private record Who(Partner partner, Chat chat) {}

    private static final class Parser {
        private final String file;
        private final int firstLine;
        private final List<Problem> problems = new ArrayList<>();
        private Map<Partner, String> partners = DEFAULT_PARTNERS;

        Parser(String file, int firstLine) {
            this.file = file;
            this.firstLine = firstLine;
        }

        Transcript parse(String content) throws TranscriptException {
            Optional<Node> composed;
            try {
                LoadSettings settings = LoadSettings.builder()
                        .setLabel(file)
                        .setSchema(new CoreSchema())
                        .setAllowDuplicateKeys(false)
                        .setAllowRecursiveKeys(false)
                        .setMaxAliasesForCollections(20)
                        .setCodePointLimit(2 * 1024 * 1024)
                        .build();
                composed = new Compose(settings).composeString(content);
            } catch (MarkedYamlEngineException e) {
                Source where = e.getProblemMark().or(e::getContextMark).map(this::at).orElse(start());
                String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
                String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
                throw fail(where, "this is not valid YAML: " + what + context,
                        "check the indentation and quotes around this place");
            } catch (YamlEngineException e) {
                throw fail(start(), "this is not valid YAML: " + e.getMessage(), "");
            }
            if (composed.isEmpty()) {
                throw fail(start(), "the transcript is empty",
                        "start with transcript: <what it checks>, then steps:");
            }
            Node root = composed.get();
            if (!(root instanceof MappingNode)) {
                throw fail(at(root), "a transcript is a mapping with transcript:, partners:, seed: and steps:", "");
            }
            Map<String, NodeTuple> top = keys((MappingNode) root, TOP_KEYS, "at the top of a transcript");

            String name = null;
            if (!top.containsKey("transcript")) {
                error(at(root), "the transcript has no name",
                        "add a first line such as transcript: appreciation is shared after a yes");
            } else {
                name = text(top.get("transcript").getValueNode(), "transcript");
            }
            if (top.containsKey("partners")) {
                partners = partners(top.get("partners").getValueNode());
            }
            long seed = 1;
            if (top.containsKey("seed")) {
                Node s = top.get("seed").getValueNode();
                String v = text(s, "seed");
                if (v != null) {
                    try {
                        seed = Long.parseLong(v.strip());
                    } catch (NumberFormatException e) {
                        error(at(s), "seed must be a whole number, not '" + v + "'", "for example seed: 7");
                    }
                }
            }
            List<Transcript.Step> steps = new ArrayList<>();
            if (!top.containsKey("steps")) {
                error(at(root), "the transcript has no steps", "add steps: with at least one step, e.g. - A: /help");
            } else {
                Node s = top.get("steps").getValueNode();
                if (!(s instanceof SequenceNode)) {
                    error(at(s), "steps must be a list (each step starts with '- ')", "");
                } else if (((SequenceNode) s).getValue().isEmpty()) {
                    error(at(s), "steps is empty", "add at least one step, e.g. - A: /help");
                } else {
                    int number = 0;
                    for (Node n : ((SequenceNode) s).getValue()) {
                        Transcript.Step step = step(n, ++number);
                        if (step != null) {
                            steps.add(step);
                        }
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new TranscriptException(problems);
            }
            return new Transcript(name, file, start(), partners, seed, steps);
        }

        private Map<Partner, String> partners(Node n) {
            if (!(n instanceof MappingNode)) {
                error(at(n), "partners must map A (and B) to names", "for example partners: {A: Sam, B: Alex}");
                return DEFAULT_PARTNERS;
            }
            Map<String, NodeTuple> k = keys((MappingNode) n, List.of("A", "B"), "in partners");
            Map<Partner, String> out = new EnumMap<>(Partner.class);
            for (Map.Entry<String, NodeTuple> e : k.entrySet()) {
                String v = text(e.getValue().getValueNode(), "the name of " + e.getKey());
                if (v != null && v.isBlank()) {
                    error(at(e.getValue().getValueNode()), "the name of " + e.getKey() + " is empty", "");
                } else if (v != null) {
                    out.put(Partner.valueOf(e.getKey()), v.strip());
                }
            }
            if (!out.containsKey(Partner.A)) {
                error(at(n), "partners needs A", "for example partners: {A: Sam} for a user who is not paired yet");
                return DEFAULT_PARTNERS;
            }
            return out;
        }

        private Transcript.Step step(Node n, int number) {
            String where = "in step " + number;
            if (!(n instanceof MappingNode)) {
                error(at(n), "step " + number + " must be a mapping",
                        "for example - A: hello   or   - press: {A: \"Yes\"}");
                return null;
            }
            int before = problems.size();
            Map<String, NodeTuple> k = keys((MappingNode) n, STEP_KEYS, where);
            List<String> acts = new ArrayList<>();
            for (String key : k.keySet()) {
                if (ACTIONS.contains(key)) {
                    acts.add(key);
                }
            }
            if (acts.isEmpty()) {
                if (problems.size() > before) {
                    return null; // a misspelt action key was reported already
                }
                error(at(n), "step " + number + " does nothing",
                        "write one of A:, B:, A@group:, B@group:, press:, wait:, safety:, journal:, reminders:");
                return null;
            }
            if (acts.size() > 1) {
                error(at(k.get(acts.get(1)).getKeyNode()), "step " + number + " does " + String.join(" and ", acts)
                        + ": a step does one thing", "split it into separate steps");
                return null;
            }
            String act = acts.get(0);
            NodeTuple t = k.get(act);
            Source src = at(t.getKeyNode());
            List<Transcript.ExpectedMessage> expect = null;
            if (k.containsKey("expect")) {
                if (act.equals("journal") || act.equals("reminders")) {
                    error(at(k.get("expect").getKeyNode()), act + ": checks the " + act + " and has no expect:",
                            "put expect: on the step that sends the messages");
                } else {
                    expect = expectations(k.get("expect").getValueNode(), number);
                }
            }
            String intent = null;
            if (k.containsKey("intent")) {
                Node in = k.get("intent").getValueNode();
                if (!SAYERS.contains(act)) {
                    error(at(k.get("intent").getKeyNode()),
                            "intent: applies to text a partner writes, not to " + act + ":",
                            "remove it, or put it on a step such as - A: I loved the coffee");
                } else {
                    intent = intent(in);
                }
            }
            if (SAYERS.contains(act)) {
                Who who = who(act, t.getKeyNode());
                String text = text(t.getValueNode(), act);
                if (text != null && text.isBlank()) {
                    error(at(t.getValueNode()), act + ": is empty", "write what " + act + " says");
                    return null;
                }
                if (text != null && intent != null && LocalCouple.isCommand(text)) {
                    error(at(k.get("intent").getKeyNode()), "intent: applies to free text, and " + text.strip()
                            + " is a command", "remove intent:");
                    return null;
                }
                if (who == null || text == null) {
                    return null;
                }
                return new Transcript.Say(who.partner(), who.chat(), text, intent, expect, src);
            }
            if (act.equals("press")) {
                return press(t.getValueNode(), expect, src);
            }
            if (act.equals("wait")) {
                String v = text(t.getValueNode(), "wait");
                if (v == null) {
                    return null;
                }
                Optional<Duration> d = Durations.parse(v);
                if (d.isEmpty()) {
                    error(at(t.getValueNode()), "wait needs a duration such as 90s, 10m, 2h or 1d, not '" + v + "'",
                            "one number from 1 to 999999 and one unit s, m, h or d");
                    return null;
                }
                return new Transcript.Wait(d.get(), expect, src);
            }
            if (act.equals("safety")) {
                return safety(t.getValueNode(), expect, src);
            }
            if (act.equals("reminders")) {
                return reminders(t.getValueNode(), src);
            }
            return journal(t.getValueNode(), src);
        }

        private Transcript.Step reminders(Node n, Source src) {
            String example = "for example reminders: [{to: A, at: \"19:30\", days: [fri], contains: date night}]";
            if (!(n instanceof SequenceNode)) {
                error(at(n), "reminders must be a list of reminders ([] for none)", example);
                return null;
            }
            List<Transcript.ExpectedReminder> out = new ArrayList<>();
            boolean ok = true;
            for (Node e : ((SequenceNode) n).getValue()) {
                if (!(e instanceof MappingNode)) {
                    error(at(e), "a reminder is a mapping", example);
                    ok = false;
                    continue;
                }
                Map<String, NodeTuple> k = keys((MappingNode) e, REMINDER_KEYS, "in a reminder");
                Partner to = null;
                if (k.containsKey("to")) {
                    String v = text(k.get("to").getValueNode(), "to");
                    if ("A".equals(v) || "B".equals(v)) {
                        to = Partner.valueOf(v);
                    } else if (v != null) {
                        error(at(k.get("to").getValueNode()), "to is A or B, not '" + v + "'", "");
                        ok = false;
                    }
                }
                String atTime = null;
                if (k.containsKey("at")) {
                    String v = text(k.get("at").getValueNode(), "at");
                    if (v != null && dev.rekindle.dialog.model.Reminder.clock(v).isPresent()) {
                        atTime = dev.rekindle.dialog.model.Reminder.clock(v).get().toString();
                    } else if (v != null) {
                        error(at(k.get("at").getValueNode()), "at is a time such as \"19:30\", not '" + v + "'", "");
                        ok = false;
                    }
                }
                java.util.Set<java.time.DayOfWeek> days = null;
                if (k.containsKey("days")) {
                    Node dn = k.get("days").getValueNode();
                    List<String> words = new ArrayList<>();
                    if (dn instanceof SequenceNode s) {
                        for (Node d : s.getValue()) {
                            String w = text(d, "days");
                            if (w != null) {
                                words.add(w);
                            }
                        }
                    } else {
                        String w = text(dn, "days");
                        if (w != null) {
                            words.add(w);
                        }
                    }
                    days = dev.rekindle.dialog.model.Reminder.days(String.join(",", words)).orElse(null);
                    if (days == null) {
                        error(at(dn), "days are " + dev.rekindle.dialog.model.Reminder.DAY_HINT + ", not " + words, "");
                        ok = false;
                    }
                }
                out.add(new Transcript.ExpectedReminder(to, atTime, days, textCheck(k, (MappingNode) e), at(e)));
            }
            return ok ? new Transcript.RemindersCheck(out, src) : null;
        }

        private Transcript.Step press(Node n, List<Transcript.ExpectedMessage> expect, Source src) {
            NodeTuple only = single(n, "press", "press: {A: \"Send it\"}   or   press: {B@group: 2}");
            if (only == null) {
                return null;
            }
            Who who = who(keyText(only), only.getKeyNode());
            Node v = only.getValueNode();
            if (!(v instanceof ScalarNode) || Tag.NULL.equals(v.getTag())) {
                error(at(v), "press needs a button label or number", "press: {A: \"Send it\"}   or   press: {A: 2}");
                return null;
            }
            ScalarNode s = (ScalarNode) v;
            if (who == null) {
                return null;
            }
            if (Tag.INT.equals(s.getTag())) {
                int number;
                try {
                    number = Integer.parseInt(s.getValue().strip());
                } catch (NumberFormatException e) {
                    number = 0;
                }
                if (number < 1) {
                    error(at(v), "button numbers count from 1, not " + s.getValue(),
                            "or write the label in quotes to press a button labelled " + s.getValue());
                    return null;
                }
                return new Transcript.Press(who.partner(), who.chat(), null, number, expect, src);
            }
            if (s.getValue().isBlank()) {
                error(at(v), "press needs a button label or number", "press: {A: \"Send it\"}");
                return null;
            }
            return new Transcript.Press(who.partner(), who.chat(), s.getValue(), 0, expect, src);
        }

        private Transcript.Step safety(Node n, List<Transcript.ExpectedMessage> expect, Source src) {
            NodeTuple only = single(n, "safety", "safety: {A: crisis}   or   safety: {B@group: abuse}");
            if (only == null) {
                return null;
            }
            Who who = who(keyText(only), only.getKeyNode());
            String v = text(only.getValueNode(), "safety");
            if (v == null || who == null) {
                return null;
            }
            String value = v.strip().toLowerCase(java.util.Locale.ROOT);
            boolean check = value.startsWith("check ");
            java.util.Optional<SafetyKind> parsed = SafetyKind.parse(check ? value.substring(6).strip() : value);
            if (parsed.isEmpty()) {
                error(at(only.getValueNode()), "safety is one of " + SafetyKind.ids() + ", or 'check' and one of them"
                        + " for the gentle check, not '" + v + "'", "");
                return null;
            }
            return new Transcript.Safety(who.partner(), who.chat(), parsed.get(), check, expect, src);
        }

        private Transcript.Step journal(Node n, Source src) {
            if (!(n instanceof SequenceNode)) {
                error(at(n), "journal must be a list of entries ([] for none)",
                        "for example journal: [{kind: appreciation, author: A, contains: coffee}]");
                return null;
            }
            List<Transcript.ExpectedEntry> entries = new ArrayList<>();
            boolean ok = true;
            for (Node e : ((SequenceNode) n).getValue()) {
                if (!(e instanceof MappingNode)) {
                    error(at(e), "a journal entry is a mapping", "{kind: appreciation, author: A, contains: coffee}");
                    ok = false;
                    continue;
                }
                Map<String, NodeTuple> k = keys((MappingNode) e, ENTRY_KEYS, "in a journal entry");
                String kind = k.containsKey("kind") ? text(k.get("kind").getValueNode(), "kind") : null;
                String dialog = k.containsKey("dialog") ? text(k.get("dialog").getValueNode(), "dialog") : null;
                Partner author = null;
                if (k.containsKey("author")) {
                    Node a = k.get("author").getValueNode();
                    String v = text(a, "author");
                    if ("A".equals(v) || "B".equals(v)) {
                        author = Partner.valueOf(v);
                    } else if (v != null) {
                        error(at(a), "author is A or B, not '" + v + "'", "");
                        ok = false;
                    }
                }
                Transcript.TextCheck check = textCheck(k, (MappingNode) e);
                entries.add(new Transcript.ExpectedEntry(kind, author, dialog, check, at(e)));
            }
            return ok ? new Transcript.JournalCheck(entries, src) : null;
        }

        private List<Transcript.ExpectedMessage> expectations(Node n, int number) {
            if (!(n instanceof SequenceNode)) {
                error(at(n), "expect must be a list of messages ([] when the bot says nothing)",
                        "for example expect: [{to: A, contains: Hello}]");
                return null;
            }
            List<Transcript.ExpectedMessage> out = new ArrayList<>();
            for (Node e : ((SequenceNode) n).getValue()) {
                if (!(e instanceof MappingNode)) {
                    error(at(e), "an expected message is a mapping with to: and text:, contains: or matches:",
                            "for example - {to: A, contains: Hello}");
                    continue;
                }
                MappingNode m = (MappingNode) e;
                Map<String, NodeTuple> k = keys(m, EXPECT_KEYS, "in an expected message of step " + number);
                Chat to = null;
                if (!k.containsKey("to")) {
                    error(at(m), "an expected message needs to: (A, B or group)", "");
                } else {
                    Node tn = k.get("to").getValueNode();
                    String v = text(tn, "to");
                    if ("A".equals(v)) {
                        to = Chat.A;
                    } else if ("B".equals(v)) {
                        to = Chat.B;
                    } else if ("group".equals(v)) {
                        to = Chat.GROUP;
                    } else if (v != null) {
                        error(at(tn), "to: is A, B or group, not '" + v + "'",
                                v.equalsIgnoreCase("group") ? "write group in lower case" : "");
                    }
                    if (to == Chat.B && !partners.containsKey(Partner.B)) {
                        error(at(tn), "to: B, but B is not in partners (this transcript is an unpaired user)",
                                "add B under partners, e.g. partners: {A: Sam, B: Alex}");
                    }
                }
                Transcript.TextCheck check = textCheck(k, m);
                List<String> buttons = null;
                if (k.containsKey("buttons")) {
                    Node b = k.get("buttons").getValueNode();
                    if (!(b instanceof SequenceNode)) {
                        error(at(b), "buttons must be a list of labels ([] for none)", "buttons: [Yes, No]");
                    } else {
                        buttons = new ArrayList<>();
                        for (Node label : ((SequenceNode) b).getValue()) {
                            String l = text(label, "a button label");
                            if (l != null) {
                                buttons.add(l);
                            }
                        }
                    }
                }
                if (to != null) {
                    out.add(new Transcript.ExpectedMessage(to, check, buttons, at(m)));
                }
            }
            return out;
        }

        /** At most one of text:, contains:, matches: (null when none). */
        private Transcript.TextCheck textCheck(Map<String, NodeTuple> k, MappingNode m) {
            List<String> given = new ArrayList<>();
            for (String key : List.of("text", "contains", "matches")) {
                if (k.containsKey(key)) {
                    given.add(key);
                }
            }
            if (given.isEmpty()) {
                return null;
            }
            if (given.size() > 1) {
                error(at(k.get(given.get(1)).getKeyNode()), "use one of text:, contains: and matches:, not "
                        + String.join(" and ", given), "");
                return null;
            }
            String key = given.get(0);
            Node vn = k.get(key).getValueNode();
            String v = text(vn, key);
            if (v == null) {
                return null;
            }
            if (key.equals("text")) {
                return Transcript.TextCheck.text(v);
            }
            if (key.equals("contains")) {
                return Transcript.TextCheck.contains(v);
            }
            try {
                return Transcript.TextCheck.matches(v);
            } catch (PatternSyntaxException e) {
                error(at(vn), "matches: is not a valid Java regular expression: " + e.getDescription()
                        + " near character " + (e.getIndex() + 1), "quote special characters with \\\\");
                return null;
            }
        }

        private String intent(Node n) {
            String v = text(n, "intent");
            if (v == null) {
                return null;
            }
            if (IntentTaxonomy.SAFETY.contains(v)) {
                error(at(n), "intent " + v + " belongs to the safety detector, not the classifier",
                        "simulate it with a step - safety: {A: " + v + "}");
                return null;
            }
            if (!IntentTaxonomy.contains(v)) {
                String hint = Suggest.hint(v, IntentTaxonomy.NAMES);
                error(at(n), "intent '" + v + "' is not in the taxonomy",
                        hint.isEmpty() ? "known intents: " + String.join(", ", IntentTaxonomy.NAMES) : hint);
                return null;
            }
            return v;
        }

        private Who who(String key, Node keyNode) {
            if (key == null) {
                return null;
            }
            if (!SAYERS.contains(key)) {
                String hint = Suggest.hint(key, SAYERS);
                error(at(keyNode), "'" + key + "' is not a partner and chat",
                        hint.isEmpty() ? "write A, B, A@group or B@group" : hint);
                return null;
            }
            Partner p = Partner.valueOf(key.substring(0, 1));
            if (!partners.containsKey(p)) {
                error(at(keyNode), p + " is not in partners (this transcript is an unpaired user)",
                        "add B under partners, e.g. partners: {A: Sam, B: Alex}");
                return null;
            }
            Chat chat = key.endsWith("@group") ? Chat.GROUP : Chat.privateOf(p);
            return new Who(p, chat);
        }

        /** A mapping with exactly one entry, like {@code {A: "Send it"}}. */
        private NodeTuple single(Node n, String what, String example) {
            if (!(n instanceof MappingNode) || ((MappingNode) n).getValue().size() != 1) {
                error(at(n), what + " needs exactly one partner and value", example);
                return null;
            }
            return ((MappingNode) n).getValue().get(0);
        }

        private String keyText(NodeTuple t) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode)) {
                error(at(k), "expected a partner such as A or B@group here", "");
                return null;
            }
            return ((ScalarNode) k).getValue();
        }

        /** The mapping's keys (scalars), refusing duplicates and keys not in {@code allowed}. */
        private Map<String, NodeTuple> keys(MappingNode m, List<String> allowed, String where) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode) || Tag.NULL.equals(k.getTag())) {
                    error(at(k), "expected a key such as " + allowed.get(0) + ": " + where, "");
                    continue;
                }
                String key = ((ScalarNode) k).getValue();
                if (out.containsKey(key)) {
                    error(at(k), "'" + key + "' is given twice " + where, "keep one");
                    continue;
                }
                if (!allowed.contains(key)) {
                    String hint = Suggest.hint(key, allowed);
                    error(at(k), "unknown key '" + key + "' " + where,
                            hint.isEmpty() ? "known keys: " + String.join(", ", allowed) : hint);
                    continue;
                }
                out.put(key, t);
            }
            return out;
        }

        /** A scalar's text; null (with a problem) when the node is missing, empty or not a scalar. */
        private String text(Node n, String what) {
            if (!(n instanceof ScalarNode)) {
                String kind = n instanceof SequenceNode ? "list" : "mapping";
                error(at(n), what + " must be a single value, not a " + kind,
                        "put quotes around text that contains ': ' or starts with [ or {");
                return null;
            }
            if (Tag.NULL.equals(n.getTag()) && ((ScalarNode) n).isPlain()) {
                error(at(n), what + " has no value", "");
                return null;
            }
            return ((ScalarNode) n).getValue();
        }

        private Source at(Node n) {
            return n.getStartMark().map(this::at).orElse(start());
        }

        private Source at(Mark m) {
            return Source.of(file, m.getLine() + firstLine, m.getColumn() + 1);
        }

        private Source start() {
            return Source.of(file, firstLine, 1);
        }

        private void error(Source where, String message, String hint) {
            problems.add(Problem.error(where, message, hint));
        }

        private TranscriptException fail(Source where, String message, String hint) {
            error(where, message, hint);
            return new TranscriptException(problems);
        }
    }
}
