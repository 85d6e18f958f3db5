package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The slash commands: the engine's own (/stop, /help, /menu, /support), each dialog's, and any other ({@link CommandHelp}). */
final class Commands {
    private final Turn t;

    Commands(Turn t) {
        this.t = t;
    }

    void command(Partner from, Chat chat, String command) {
        String c = command.toLowerCase(Locale.ROOT);
        switch (c) {
            case "/stop" -> stop(chat);
            case "/help" -> t.commandHelp.help(chat);
            case "/menu" -> menu(chat);
            case "/support" -> t.flows.support(from, chat);
            default -> {
                Optional<Dialog> d = t.library.byCommand(c);
                if (d.isPresent()) {
                    t.lifecycle.startDialog(chat, d.get(), from);
                } else {
                    t.commandHelp.unknown(chat, c);
                }
            }
        }
    }

    private void stop(Chat chat) {
        Run run = t.runs.get(chat);
        if (run == null) {
            // nothing runs, but a dialog was to come back here: /stop means "don't", like it ends a running one
            t.sayBot(chat, t.followUps.cancel(chat, null) ? "stopped" : "nothing_to_stop");
            return;
        }
        if (t.unsent.stopsAboveKept(chat)) {
            return; // the exercise started over an answer kept for later ends, and that answer is asked about again
        }
        t.lifecycle.endRun(chat, EndReason.STOPPED);
        t.sayBot(chat, "stopped");
    }

    void menu(Chat chat) {
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        long msg = t.nextSeq();
        List<Action.ButtonOut> buttons = new ArrayList<>();
        for (String id : menuOf(t.bot, chat)) {
            t.library
                    .current(id)
                    .filter(d -> d.audience() == here)
                    .ifPresent(d -> buttons.add(new Action.ButtonOut(d.title(), CallbackData.encodeMenu(d.id(), msg))));
        }
        t.rendering.sendWithButtons(chat, msg, t.rendering.renderBare(t.bot.message("menu"), "bot/menu"), buttons);
    }

    /**
     * What the menu of {@code chat} offers: bot.yaml's menu and, in a private chat, help and safety last (bot.yaml
     * {@code support:}), so that nobody has to remember a command to find it. Never in the group, where pressing
     * it would show the partner that someone looked for help.
     */
    static List<String> menuOf(dev.rekindle.dialog.model.BotSettings bot, Chat chat) {
        if (chat.isGroup() || bot.support() == null || bot.menu().contains(bot.support())) {
            return bot.menu();
        }
        List<String> all = new ArrayList<>(bot.menu());
        all.add(bot.support());
        return all;
    }
}
