package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bot's own words and wiring, from {@code dialogs/bot.yaml}: the sentences of the global handlers,
 * the menu order, and the dialogs the safety hook starts.
 */
public record BotSettings(Map<String, Message> messages, List<String> menu, String crisisDialog,
                          String abuseDialog, Source source) {

    /** Every sentence the engine itself may say. All are required in bot.yaml. */
    public static final Set<String> MESSAGE_KEYS = Set.of(
            "help", "menu", "stopped", "nothing_to_stop", "not_your_turn", "not_understood",
            "use_buttons", "stale_button", "private_only", "group_only", "withheld",
            "rendezvous_waiting", "no_partner", "dialog_changed", "invalid_input", "consent_yes",
            "consent_no", "safety_group_pause", "paused", "shared_paused", "internal_error", "text_only");

    public BotSettings {
        messages = Map.copyOf(messages);
        menu = List.copyOf(menu);
    }

    public Message message(String key) {
        Message m = messages.get(key);
        if (m == null) {
            throw new IllegalStateException("bot.yaml has no message '" + key + "'; add it under messages:");
        }
        return m;
    }
}
