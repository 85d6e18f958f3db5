package dev.rekindle.dialog.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dialogs the bot knows: the current version of each, plus every earlier version that was loaded
 * while the bot ran, so that sessions pinned to an old version can finish on it.
 */
public final class DialogLibrary {
    private final BotSettings bot;
    private final Map<String, Dialog> current;
    private final Map<String, Dialog> byKey;

    private DialogLibrary(BotSettings bot, Map<String, Dialog> current, Map<String, Dialog> byKey) {
        this.bot = bot;
        this.current = current;
        this.byKey = byKey;
    }

    public static DialogLibrary of(BotSettings bot, Collection<Dialog> dialogs) {
        return new DialogLibrary(bot, Map.of(), Map.of()).withUpdate(bot, dialogs);
    }

    /** A library with new current versions; earlier versions stay reachable by key. */
    public DialogLibrary withUpdate(BotSettings newBot, Collection<Dialog> dialogs) {
        Map<String, Dialog> cur = new LinkedHashMap<>();
        Map<String, Dialog> keys = new HashMap<>(byKey);
        for (Dialog d : dialogs) {
            cur.put(d.id(), d);
            keys.put(d.key(), d);
        }
        return new DialogLibrary(newBot, Map.copyOf(cur), Map.copyOf(keys));
    }

    public BotSettings bot() {
        return bot;
    }

    public Optional<Dialog> current(String id) {
        return Optional.ofNullable(current.get(id));
    }

    public Optional<Dialog> version(String id, String version) {
        return Optional.ofNullable(byKey.get(id + "@" + version));
    }

    public Collection<Dialog> dialogs() {
        return current.values();
    }

    public Optional<Dialog> byCommand(String command) {
        String c = command.toLowerCase(Locale.ROOT);
        return current.values().stream()
                .filter(d -> d.triggers().commands().contains(c))
                .findFirst();
    }

    public List<Dialog> byIntent(String intent) {
        List<Dialog> out = new ArrayList<>();
        for (Dialog d : current.values()) {
            if (d.triggers().intents().contains(intent)) {
                out.add(d);
            }
        }
        return out;
    }
}
