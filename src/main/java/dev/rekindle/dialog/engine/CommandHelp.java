package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The commands a person can type, and where each works: {@code /help}'s list for the chat it is asked in (each with
 * its line from YAML: bot.yaml's {@code command_<name>} for the bot's own, a dialog's {@code description} for its
 * command), "did you mean ...?" for a command nobody knows, and where a command works when typed in the wrong kind of
 * chat.
 */
final class CommandHelp {
    /** Where a command of the bot's own works. */
    private enum Where {
        ANYWHERE,
        PRIVATE,
        GROUP
    }

    /** A command of the bot's own: the engine's, or one of the Telegram bot's flows (pairing, data rights, the group). */
    private record Own(String name, Where where) {}

    /** Listed first; then each dialog's commands; then {@link #LAST}. */
    private static final List<Own> FIRST = List.of(new Own("menu", Where.ANYWHERE));

    private static final List<Own> LAST = List.of(
            new Own("invite", Where.PRIVATE),
            new Own("unpair", Where.PRIVATE),
            new Own("reminders", Where.PRIVATE),
            new Own("export", Where.PRIVATE),
            new Own("forget", Where.PRIVATE),
            new Own("link", Where.GROUP),
            new Own("stop", Where.ANYWHERE),
            new Own("help", Where.ANYWHERE),
            new Own("support", Where.ANYWHERE),
            // known (a typo of it is suggested), never listed: Telegram sends it itself, and a dialog may take it
            new Own("start", Where.PRIVATE));

    private final Turn t;

    CommandHelp(Turn t) {
        this.t = t;
    }

    /** {@code /help}: bot.yaml's {@code help} with the commands of this chat in its {@code {commands}}. */
    void help(Chat chat) {
        t.rendering.sayBot(chat, "help", Map.of("commands", list(chat)));
    }

    /**
     * A command no dialog takes here: where it works when it is the bot's own and this is the wrong kind of chat,
     * else the nearest known command when one is close, else the list of what works here.
     */
    void unknown(Chat chat, String command) {
        String name = command.startsWith("/") ? command.substring(1) : command;
        String typed = "/" + (name.length() > 40 ? name.substring(0, 40) + "…" : name);
        Optional<Own> own = own(name);
        if (own.isPresent()) {
            Where w = own.get().where();
            String key = w == Where.PRIVATE && chat.isGroup()
                    ? "command_private_only"
                    : w == Where.GROUP && !chat.isGroup() ? "command_group_only" : null;
            if (key != null && t.rendering.hasBot(key)) {
                t.rendering.sayBot(chat, key, Map.of("command", typed));
            } else {
                // a flow's command in its own chat reaches the engine only where no flow runs (terminal, transcripts)
                t.sayBot(chat, "not_understood");
            }
            return;
        }
        Optional<String> close = closest(name.toLowerCase(Locale.ROOT));
        if (close.isPresent() && t.rendering.hasBot("unknown_command_suggest")) {
            t.rendering.sayBot(chat, "unknown_command_suggest", Map.of("command", typed, "suggestion", close.get()));
        } else if (t.rendering.hasBot("unknown_command")) {
            t.rendering.sayBot(chat, "unknown_command", Map.of("command", typed, "commands", list(chat)));
        } else {
            t.sayBot(chat, "not_understood");
        }
    }

    /** One line per command that works in {@code chat}: "/name: what it does". */
    String list(Chat chat) {
        Map<String, String> lines = new LinkedHashMap<>();
        FIRST.forEach(o -> own(chat, o, lines));
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        for (Dialog d : dialogsInMenuOrder()) {
            if (d.audience() != here || t.bot.safetyDialogs().contains(d.id())) {
                continue;
            }
            String about = d.description() == null || d.description().isBlank() ? d.title() : d.description();
            for (String c : d.triggers().commands()) {
                if (!c.equals("/start")) {
                    lines.putIfAbsent(c, c + ": " + about);
                }
            }
        }
        LAST.forEach(o -> own(chat, o, lines));
        return String.join("\n", lines.values());
    }

    private void own(Chat chat, Own o, Map<String, String> lines) {
        boolean works = o.where() == Where.ANYWHERE || (o.where() == Where.GROUP) == chat.isGroup();
        // /support answers in the group too, but is not offered there: the partner would see who looked for help
        boolean offered = works
                && !(chat.isGroup() && o.name().equals("support"))
                && !o.name().equals("start");
        String key = "command_" + o.name();
        if (offered && t.rendering.hasBot(key)) {
            lines.putIfAbsent("/" + o.name(), "/" + o.name() + ": " + t.rendering.plainBot(key));
        }
    }

    /** The dialogs in the order of bot.yaml's menu, then the others by id. */
    private List<Dialog> dialogsInMenuOrder() {
        List<String> menu = t.bot.menu();
        List<Dialog> all = new ArrayList<>(t.library.dialogs());
        all.sort(Comparator.comparingInt((Dialog d) -> menu.contains(d.id()) ? menu.indexOf(d.id()) : menu.size())
                .thenComparing(Dialog::id));
        return all;
    }

    private static Optional<Own> own(String name) {
        return java.util.stream.Stream.concat(FIRST.stream(), LAST.stream())
                .filter(o -> o.name().equals(name))
                .findFirst();
    }

    /**
     * The known command nearest to {@code name}, with its slash, when it is close enough to be a typo: a third of its
     * length (at least one edit, at most three), as the validator's "did you mean" counts.
     */
    private Optional<String> closest(String name) {
        List<String> known = new ArrayList<>();
        java.util.stream.Stream.concat(FIRST.stream(), LAST.stream()).forEach(o -> known.add("/" + o.name()));
        for (Dialog d : dialogsInMenuOrder()) {
            known.addAll(d.triggers().commands());
        }
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = EditDistance.of(name, k.substring(1));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }
}
