package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bot's own words and wiring, from {@code dialogs/bot.yaml}: the sentences of the global handlers,
 * the menu order, and the dialogs the safety hook starts.
 *
 * @param flows        by kind, the private dialog that a flow of that kind starts ({@code safety:}); crisis and
 *                     abuse are required, the others fall back to them (see {@link #flowDialog})
 * @param checks       by kind, the private dialog that asks gently when the detector is unsure ({@code checks:})
 * @param support      the dialog {@code /support} starts, in every state and chat; null when there is none
 * @param resumeAfter  the cooling-off time between "turn shared exercises back on" and their coming back
 */
public record BotSettings(
        Map<String, Message> messages,
        List<String> menu,
        Map<SafetyKind, String> flows,
        Map<SafetyKind, String> checks,
        String support,
        java.time.Duration resumeAfter,
        Source source) {

    /** When bot.yaml names none: a day, long enough that nobody can be made to undo a pause on the spot. */
    public static final java.time.Duration DEFAULT_RESUME_AFTER = java.time.Duration.ofHours(24);

    /** Every sentence the engine itself may say. All are required in bot.yaml. */
    public static final Set<String> MESSAGE_KEYS = Set.of(
            "help",
            "menu",
            "stopped",
            "nothing_to_stop",
            "not_your_turn",
            "not_understood",
            "use_buttons",
            "stale_button",
            "private_only",
            "group_only",
            "withheld",
            "rendezvous_waiting",
            "no_partner",
            "dialog_changed",
            "invalid_input",
            "consent_yes",
            "consent_no",
            "safety_group_pause",
            "paused",
            "shared_paused",
            "internal_error",
            "text_only",
            // free text the classifier is unsure of: the likeliest exercises offered as buttons (docs/nlu.md, Routing)
            "offer_one",
            "offer_two",
            "label_something_else");

    /**
     * The sentences of onboarding, pairing and the couple's group (the Telegram bot's own flows, outside dialogs).
     * Optional for the loader, so a small bot.yaml for tests or the terminal chat stays small; the Telegram bot
     * refuses to start without them. They may use the placeholders their flow names ({name}, {partner}, {link},
     * {zone}).
     */
    public static final Set<String> COUPLE_KEYS = union(
            Set.of(
                    "onboarding_about",
                    "onboarding_age",
                    "onboarding_under_age",
                    "onboarding_privacy",
                    "onboarding_no_consent",
                    "onboarding_name",
                    "onboarding_name_invalid",
                    "onboarding_name_check",
                    "onboarding_zone",
                    "onboarding_zone_unknown",
                    "onboarding_safety",
                    "onboarding_done",
                    "label_adult",
                    "label_minor",
                    "label_agree",
                    "label_disagree",
                    "label_telegram_name",
                    "label_utc",
                    "label_name_yes",
                    "label_name_other",
                    "label_need_help",
                    "label_safe",
                    "label_unsafe",
                    "label_unsaid",
                    "label_accept",
                    "label_decline",
                    "label_unpair",
                    "label_keep",
                    "label_link",
                    "invite_link",
                    "invite_already_paired",
                    "pairing_offer",
                    "pairing_declined",
                    "pairing_done_invited",
                    "pairing_done_inviter",
                    "code_malformed",
                    "code_unknown",
                    "code_used",
                    "code_expired",
                    "code_own",
                    "code_already_paired",
                    "unpair_confirm",
                    "unpair_not_paired",
                    "unpair_kept",
                    "unpair_done",
                    "unpair_told",
                    "group_hello",
                    "link_not_paired",
                    "link_partner_missing",
                    "link_confirm",
                    "link_other_confirms",
                    "link_done",
                    "group_partner_left",
                    "group_bot_removed",
                    "partner_unreachable",
                    "forget_confirm",
                    "forget_done",
                    "forget_kept",
                    "label_forget",
                    "export_sent",
                    "export_failed",
                    "export_about",
                    "command_menu",
                    "command_invite",
                    "command_unpair",
                    "command_export",
                    "command_forget",
                    "command_stop",
                    "command_help",
                    "command_support",
                    "support_in_group",
                    "share_held"),
            union(reminderKeys(), mannerKeys()));

    /** The sentences of reminders ({@code /reminders}, and the note about quiet hours when one is set). */
    private static Set<String> reminderKeys() {
        return Set.of(
                "reminder_quiet",
                "reminders_none",
                "reminders_list",
                "reminder_item",
                "reminder_ask_time",
                "reminder_time_changed",
                "reminder_stopped",
                "reminders_all_stopped",
                "reminder_gone",
                "label_change_time",
                "label_stop_reminder",
                "label_stop_all",
                "reminder_daily",
                "reminder_day_mon",
                "reminder_day_tue",
                "reminder_day_wed",
                "reminder_day_thu",
                "reminder_day_fri",
                "reminder_day_sat",
                "reminder_day_sun",
                "command_reminders");
    }

    /**
     * The sentences of the engine's manners: a private question that closed, an answer that waits to be shared when
     * another exercise starts, and commands that are unknown or in the wrong kind of chat. Optional for the loader
     * like the couple sentences (without them the engine says what it said before they existed); the Telegram bot
     * requires them.
     */
    private static Set<String> mannerKeys() {
        return Set.of(
                "question_closed",
                "question_closed_late",
                "unsent_ask",
                "unsent_back",
                "unsent_dropped",
                "label_unsent_send",
                "label_unsent_keep",
                "label_unsent_drop",
                "unknown_command",
                "unknown_command_suggest",
                "command_private_only",
                "command_group_only",
                "command_link",
                "welcome_back",
                "onboarding_done_invited",
                "label_age_mistake");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** The placeholders each couple sentence may use; a couple key not listed here takes none. */
    public static final Map<String, Set<String>> COUPLE_PLACEHOLDERS = Map.ofEntries(
            Map.entry("reminder_quiet", Set.of("time", "from", "until")),
            Map.entry("reminder_item", Set.of("days", "time", "text")),
            Map.entry("reminder_time_changed", Set.of("days", "time")),
            Map.entry("reminder_ask_time", Set.of("from", "until")),
            Map.entry("onboarding_done", Set.of("name", "zone")),
            Map.entry("onboarding_name_check", Set.of("name")),
            Map.entry("invite_link", Set.of("link")),
            Map.entry("invite_already_paired", Set.of("partner")),
            Map.entry("pairing_offer", Set.of("partner")),
            Map.entry("pairing_done_invited", Set.of("partner")),
            Map.entry("pairing_done_inviter", Set.of("partner")),
            Map.entry("unpair_confirm", Set.of("partner")),
            Map.entry("link_confirm", Set.of("name", "partner")),
            Map.entry("partner_unreachable", Set.of("partner")),
            Map.entry("onboarding_done_invited", Set.of("name", "zone")),
            Map.entry("welcome_back", Set.of("name")),
            Map.entry("question_closed", Set.of("exercise")),
            Map.entry("question_closed_late", Set.of("exercise")),
            Map.entry("unsent_ask", Set.of("exercise", "answer")),
            Map.entry("unsent_back", Set.of("exercise", "answer")),
            Map.entry("unknown_command", Set.of("command", "commands")),
            Map.entry("unknown_command_suggest", Set.of("command", "suggestion")),
            Map.entry("command_private_only", Set.of("command")),
            Map.entry("command_group_only", Set.of("command")),
            // the engine's own /help sentence, with the list of the commands that work in the chat it is asked in
            Map.entry("help", Set.of("commands")));

    public BotSettings {
        messages = Map.copyOf(messages);
        menu = List.copyOf(menu);
        flows = Map.copyOf(flows);
        checks = Map.copyOf(checks);
        resumeAfter = resumeAfter == null ? DEFAULT_RESUME_AFTER : resumeAfter;
    }

    public String crisisDialog() {
        return flows.get(SafetyKind.CRISIS);
    }

    public String abuseDialog() {
        return flows.get(SafetyKind.ABUSE);
    }

    /**
     * The flow for {@code kind}: its own dialog, or the nearest one bot.yaml has (a worried partner gets the crisis
     * dialog, a person who uses violence or a child at risk the abuse dialog); null for a gentle kind without one.
     */
    public String flowDialog(SafetyKind kind) {
        String own = flows.get(kind);
        if (own != null) {
            return own;
        }
        return switch (kind) {
            case PARTNER_AT_RISK -> crisisDialog();
            case USES_VIOLENCE, CHILD_AT_RISK -> abuseDialog();
            default -> null;
        };
    }

    /** The gentle question for an unsure {@code kind}, or null when bot.yaml has none for it (then the flow runs). */
    public String checkDialog(SafetyKind kind) {
        return checks.get(kind);
    }

    /** Every dialog the safety hook may start: flows, checks and support. */
    public java.util.Set<String> safetyDialogs() {
        java.util.Set<String> ids = new java.util.HashSet<>(flows.values());
        ids.addAll(checks.values());
        if (support != null) {
            ids.add(support);
        }
        return ids;
    }

    public Message message(String key) {
        Message m = messages.get(key);
        if (m == null) {
            throw new IllegalStateException("bot.yaml has no message '" + key + "'; add it under messages:");
        }
        return m;
    }
}
