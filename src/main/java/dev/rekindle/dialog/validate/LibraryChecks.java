package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks across files: unique ids and commands, dialogs that call each other, and bot.yaml's references. */
final class LibraryChecks {
    /** A resume that comes at once would undo the pause of the person it protects before anyone could notice. */
    private static final java.time.Duration MIN_RESUME_AFTER = java.time.Duration.ofHours(1);

    /** Telegram sends it for everyone who opens the bot: a dialog it starts is found without the menu. */
    private static final String TELEGRAM_START = "/start";

    private final List<DialogInput> dialogs;
    private final Optional<BotInput> bot;
    private final Problems problems;
    /** The first dialog with each id; later ones with the same id are reported and ignored. */
    private final Map<String, DialogInput> byId = new LinkedHashMap<>();

    private final Set<String> startedByOthers = new HashSet<>();

    private LibraryChecks(List<DialogInput> dialogs, Optional<BotInput> bot, Problems problems) {
        this.dialogs = dialogs;
        this.bot = bot;
        this.problems = problems;
    }

    static void check(List<DialogInput> dialogs, Optional<BotInput> bot, Problems problems) {
        LibraryChecks c = new LibraryChecks(dialogs, bot, problems);
        c.uniqueIds();
        c.uniqueCommands();
        for (DialogInput in : c.byId.values()) {
            c.callsAndHandovers(in);
        }
        new CallCycles(c.byId, problems).report();
        bot.ifPresent(c::botSettings);
        if (bot.isPresent()) {
            c.unstartable();
        }
    }

    private void uniqueIds() {
        for (DialogInput in : dialogs) {
            String id = in.dialog().id();
            if (id == null) {
                continue;
            }
            DialogInput first = byId.putIfAbsent(id, in);
            if (first != null) {
                problems.error(
                        in.where().value("id"),
                        "dialog id '" + id + "' is already used by "
                                + first.where().file(),
                        "give each dialog its own id");
            }
        }
    }

    private void uniqueCommands() {
        Map<String, Integer> owner = new LinkedHashMap<>(); // command -> index of the first dialog that lists it
        for (int d = 0; d < dialogs.size(); d++) {
            DialogInput in = dialogs.get(d);
            List<String> commands = in.dialog().triggers().commands();
            for (int i = 0; i < commands.size(); i++) {
                Integer firstIndex = owner.putIfAbsent(commands.get(i), d);
                if (firstIndex != null && firstIndex != d) {
                    DialogInput first = dialogs.get(firstIndex);
                    problems.error(
                            in.where().value("triggers", "commands", i),
                            "command '" + commands.get(i) + "' already starts dialog '"
                                    + first.dialog().id() + "' ("
                                    + first.where().file() + ")",
                            "choose another command; each command starts one dialog");
                }
            }
        }
    }

    private void callsAndHandovers(DialogInput in) {
        Dialog d = in.dialog();
        for (State s : d.states().values()) {
            if (s.step() instanceof Step.Call c && c.dialog() != null) {
                startedByOthers.add(c.dialog());
                other(in, c.dialog(), "calls", in.where().value("states", s.name(), "call", "dialog"), s.name());
            } else if (s.step() instanceof Step.Handover h && h.dialog() != null) {
                startedByOthers.add(h.dialog());
                other(in, h.dialog(), "hands over to", in.where().value("states", s.name(), "handover"), s.name());
            }
        }
    }

    private void other(DialogInput from, String target, String verb, Source at, String state) {
        DialogInput to = byId.get(target);
        if (to == null) {
            problems.error(
                    at,
                    "state '" + state + "' " + verb + " dialog '" + target + "', which does not exist",
                    Suggest.hint(target, byId.keySet(), "dialogs"));
            return;
        }
        Audience a = from.dialog().audience();
        Audience b = to.dialog().audience();
        if (a != null && b != null && a != b) {
            problems.error(
                    at,
                    "state '" + state + "' " + verb + " dialog '" + target + "', which is a " + b.yamlName()
                            + " dialog, but '" + from.dialog().id() + "' is " + a.yamlName(),
                    "a call or handover stays in the same chat: use a " + a.yamlName() + " dialog");
        }
    }

    private void botSettings(BotInput in) {
        BotSettings b = in.bot();
        Locations where = in.where();
        for (int i = 0; i < b.menu().size(); i++) {
            String id = b.menu().get(i);
            if (!byId.containsKey(id)) {
                problems.error(
                        where.value("bot", "menu", i),
                        "menu lists dialog '" + id + "', which does not exist",
                        Suggest.hint(id, byId.keySet(), "dialogs"));
            }
        }
        for (Map.Entry<SafetyKind, String> e : b.flows().entrySet()) {
            safety(e.getValue(), "safety", e.getKey().id(), where);
        }
        for (Map.Entry<SafetyKind, String> e : b.checks().entrySet()) {
            safety(e.getValue(), "checks", e.getKey().id(), where);
        }
        if (b.support() != null) {
            safety(b.support(), "support", null, where);
        }
        if (b.resumeAfter().compareTo(MIN_RESUME_AFTER) < 0) {
            problems.error(
                    where.value("bot", "resume_after"),
                    "resume_after is " + b.resumeAfter().toMinutes()
                            + " minutes: the cooling-off time before shared exercises come back on must be at least an hour,"
                            + " so that nobody can make it happen on the spot",
                    "write resume_after: 24h (the default) or at least 1h");
        }
        for (Map.Entry<String, Message> e : b.messages().entrySet()) {
            for (Texts.Text t : Texts.variants(
                    e.getValue(), "bot message '" + e.getKey() + "'", where, false, "bot", "messages", e.getKey())) {
                SizeChecks.message(t, where, problems);
                try {
                    Template parsed = Template.parse(t.text());
                    if (BotSettings.COUPLE_KEYS.contains(e.getKey())
                            || BotSettings.COUPLE_PLACEHOLDERS.containsKey(e.getKey())) {
                        couplePlaceholders(e.getKey(), parsed, t, where);
                    }
                } catch (Template.SyntaxException ex) {
                    problems.error(
                            where.inValue(ex.offset(), t.path().toArray()),
                            "bad placeholder in " + t.what() + ": " + ex.getMessage(),
                            "write {{ and }} for literal braces");
                }
            }
        }
    }

    /** A couple sentence is filled by its Java flow, which knows only the placeholders it names. */
    private void couplePlaceholders(String key, Template parsed, Texts.Text t, Locations where) {
        java.util.Set<String> allowed = BotSettings.COUPLE_PLACEHOLDERS.getOrDefault(key, java.util.Set.of());
        for (Template.Segment seg : parsed.segments()) {
            if (seg instanceof Template.Placeholder p
                    && !allowed.contains(p.ref().toString())) {
                problems.error(
                        where.inValue(p.offset(), t.path().toArray()),
                        t.what() + " uses {" + p.ref() + "}, which its flow does not fill",
                        allowed.isEmpty()
                                ? "remove it: this sentence takes no placeholders"
                                : "use "
                                        + allowed.stream()
                                                .sorted()
                                                .map(a -> "{" + a + "}")
                                                .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
    }

    private void safety(String id, String section, String kind, Locations where) {
        if (id == null) {
            return;
        }
        Source at = kind == null ? where.value("bot", section) : where.value("bot", section, kind);
        String what = kind == null ? section : section + " " + kind;
        DialogInput d = byId.get(id);
        if (d == null) {
            problems.error(
                    at, what + " dialog '" + id + "' does not exist", Suggest.hint(id, byId.keySet(), "dialogs"));
        } else if (d.dialog().audience() != Audience.PRIVATE) {
            problems.error(
                    at,
                    what + " dialog '" + id + "' must be private",
                    "set 'audience: private' in " + d.where().file() + ": safety help is given one to one");
        }
    }

    /**
     * Warnings, like every doubt about how a dialog is found: a dialog nothing can start is probably forgotten in
     * the menu, or left over; one with a command, outside the menu and led to by no dialog, is found only by
     * someone who already knows the command.
     */
    private void unstartable() {
        BotSettings b = bot.get().bot();
        for (DialogInput in : byId.values()) {
            Dialog d = in.dialog();
            List<String> commands = d.triggers().commands();
            boolean shown = b.menu().contains(d.id()) || startedByOthers.contains(d.id());
            boolean started = shown
                    || !commands.isEmpty()
                    || !d.triggers().intents().isEmpty()
                    || b.safetyDialogs().contains(d.id());
            if (!started) {
                problems.warning(
                        in.where().value("id"),
                        "dialog '" + d.id() + "' can never start: it is not in the menu, has no triggers, "
                                + "and no dialog calls or hands over to it",
                        "add it to menu: in bot.yaml, give it triggers:, or remove it");
            } else if (!shown && !commands.isEmpty() && !commands.contains(TELEGRAM_START)) {
                problems.warning(
                        in.where().value("triggers", "commands", 0),
                        "dialog '" + d.id() + "' has the command " + commands.get(0)
                                + " but is not in the menu, and no dialog leads to it: only someone who already knows "
                                + commands.get(0) + " can start it",
                        "add " + d.id() + " to menu: in bot.yaml, or lead to it from another dialog with handover:");
            }
        }
    }

    /** Finds cycles of calls (a calls b calls a): allowed, but each call keeps the caller waiting, so warn. */
    private static final class CallCycles {
        private final Map<String, DialogInput> byId;
        private final Problems problems;
        private final Set<String> done = new HashSet<>();
        private final List<String> stack = new ArrayList<>();

        CallCycles(Map<String, DialogInput> byId, Problems problems) {
            this.byId = byId;
            this.problems = problems;
        }

        void report() {
            for (String id : byId.keySet()) {
                visit(id);
            }
        }

        private void visit(String id) {
            if (done.contains(id) || !byId.containsKey(id) || stack.contains(id)) {
                return;
            }
            stack.add(id);
            DialogInput in = byId.get(id);
            for (State s : in.dialog().states().values()) {
                if (s.step() instanceof Step.Call c && c.dialog() != null) {
                    int cycleStart = stack.indexOf(c.dialog());
                    if (cycleStart >= 0) {
                        List<String> cycle = new ArrayList<>(stack.subList(cycleStart, stack.size()));
                        cycle.add(c.dialog());
                        problems.warning(
                                in.where().value("states", s.name(), "call", "dialog"),
                                "dialogs call each other in a cycle: " + String.join(" -> ", cycle),
                                "make sure a condition ends the cycle; every call keeps its caller waiting");
                    } else {
                        visit(c.dialog());
                    }
                }
            }
            stack.remove(stack.size() - 1);
            done.add(id);
        }
    }
}
