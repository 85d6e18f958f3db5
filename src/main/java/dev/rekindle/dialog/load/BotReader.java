package dev.rekindle.dialog.load;

import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.validate.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link BotSettings} from bot.yaml: the bot's own sentences, the menu and the safety dialogs. */
final class BotReader {
    static final List<String> ROOT_KEYS = List.of("bot");
    static final List<String> KEYS = List.of("messages", "menu", "safety", "checks", "support", "resume_after");
    static final List<String> SAFETY_KEYS =
            java.util.Arrays.stream(SafetyKind.values()).map(SafetyKind::id).toList();
    static final List<String> MESSAGE_KEYS =
            BotSettings.MESSAGE_KEYS.stream().sorted().toList();
    static final List<String> ALL_KEYS = java.util.stream.Stream.concat(
                    BotSettings.MESSAGE_KEYS.stream(), BotSettings.COUPLE_KEYS.stream())
            .sorted()
            .toList();

    private final Problems problems;

    BotReader(Problems problems) {
        this.problems = problems;
    }

    BotSettings read(YNode root) {
        MappingReader.of(root, "bot.yaml", ROOT_KEYS, problems); // reports keys other than bot:
        YNode.Entry bot = ((YNode.Map) root).entry("bot");
        MappingReader b = MappingReader.of(bot.value(), "bot", KEYS, problems);
        Map<String, Message> messages = messages(b);
        List<String> menu = b.texts("menu");
        Map<SafetyKind, String> flows = new java.util.EnumMap<>(SafetyKind.class);
        if (!b.has("safety")) {
            b.missing("safety", "add 'safety: {crisis: safety_crisis, abuse: safety_abuse}'");
        } else {
            MappingReader s = MappingReader.of(b.node("safety"), "bot safety", SAFETY_KEYS, problems);
            put(
                    flows,
                    SafetyKind.CRISIS,
                    s.requiredText(
                            "crisis",
                            "add 'crisis: <dialog id>', the private dialog started when someone is in crisis"));
            put(
                    flows,
                    SafetyKind.ABUSE,
                    s.requiredText(
                            "abuse", "add 'abuse: <dialog id>', the private dialog started when abuse is disclosed"));
            kinds(s, flows);
        }
        Map<SafetyKind, String> checks = new java.util.EnumMap<>(SafetyKind.class);
        if (b.has("checks")) {
            kinds(MappingReader.of(b.node("checks"), "bot checks", SAFETY_KEYS, problems), checks);
        }
        java.time.Duration resumeAfter = b.has("resume_after") ? b.duration("resume_after") : null;
        return new BotSettings(messages, menu, flows, checks, b.text("support"), resumeAfter, bot.keySource());
    }

    private static void kinds(MappingReader m, Map<SafetyKind, String> into) {
        for (SafetyKind k : SafetyKind.values()) {
            if (m.has(k.id())) {
                put(into, k, m.text(k.id()));
            }
        }
    }

    private static void put(Map<SafetyKind, String> into, SafetyKind kind, String dialog) {
        if (dialog != null) {
            into.put(kind, dialog);
        }
    }

    private Map<String, Message> messages(MappingReader b) {
        Map<String, Message> out = new LinkedHashMap<>();
        if (!b.has("messages")) {
            b.missing(
                    "messages",
                    "add 'messages:' with every sentence the bot says itself: " + String.join(", ", MESSAGE_KEYS));
            return out;
        }
        MappingReader m = MappingReader.of(b.node("messages"), "bot messages", ALL_KEYS, problems);
        List<String> absent = new ArrayList<>();
        for (String key : MESSAGE_KEYS) {
            if (!m.has(key)) {
                absent.add(key);
                continue;
            }
            Message msg = m.message(key);
            if (msg != null) {
                out.put(key, msg);
            }
        }
        for (String key : BotSettings.COUPLE_KEYS) {
            if (m.has(key)) {
                Message msg = m.message(key);
                if (msg != null) {
                    out.put(key, msg);
                }
            }
        }
        if (!absent.isEmpty()) {
            problems.error(
                    b.keyAt("messages"),
                    "bot messages lack " + (absent.size() == 1 ? "the key " : "the keys ") + String.join(", ", absent),
                    "add each of them under messages:, e.g. " + absent.get(0) + ": \"...\"");
        }
        return out;
    }
}
