package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.telegram.IncomingUpdate.BotAdded;
import dev.rekindle.telegram.IncomingUpdate.BotRemoved;
import dev.rekindle.telegram.IncomingUpdate.ButtonPress;
import dev.rekindle.telegram.IncomingUpdate.Command;
import dev.rekindle.telegram.IncomingUpdate.GroupMigrated;
import dev.rekindle.telegram.IncomingUpdate.Ignored;
import dev.rekindle.telegram.IncomingUpdate.MediaKind;
import dev.rekindle.telegram.IncomingUpdate.MemberLeft;
import dev.rekindle.telegram.IncomingUpdate.NonTextMessage;
import dev.rekindle.telegram.IncomingUpdate.TextMessage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one update, as Telegram's JSON, into an {@link IncomingUpdate}, reading only the fields the bot uses
 * ({@link UpdateFields}): not TelegramBots' model, whose every required field (in parts we never read) would make a
 * whole getUpdates answer unreadable. Total over what it can read: what we do not handle maps to {@link Ignored}
 * with a word saying what it was; an update that lacks a field we use, or has it in the wrong type, throws an
 * {@link UnreadableUpdateException} naming that field.
 */
public final class UpdateMapper {
    /** A command is a slash, 1-32 letters, digits or underscores, and optionally @botname, then a space or the end. */
    private static final Pattern COMMAND =
            Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?", Pattern.DOTALL);

    private static final Set<String> PRESENT = Set.of("member", "administrator", "creator", "restricted");

    /** Message fields that make it a non-text message, in the order they are asked (a GIF carries two). */
    private static final List<Kind> MEDIA = List.of(
            new Kind("photo", MediaKind.PHOTO),
            new Kind("video", MediaKind.VIDEO),
            new Kind("video_note", MediaKind.VIDEO_NOTE),
            new Kind("voice", MediaKind.VOICE),
            new Kind("audio", MediaKind.AUDIO),
            new Kind("sticker", MediaKind.STICKER),
            new Kind("animation", MediaKind.ANIMATION), // before document: a GIF carries both fields
            new Kind("document", MediaKind.DOCUMENT),
            new Kind("location", MediaKind.LOCATION),
            new Kind("contact", MediaKind.CONTACT),
            new Kind("poll", MediaKind.POLL),
            new Kind("dice", MediaKind.DICE),
            new Kind("story", MediaKind.OTHER),
            new Kind("game", MediaKind.OTHER),
            new Kind("venue", MediaKind.OTHER));

    private record Kind(String field, MediaKind kind) {}

    private final BotIdentity bot;

    public UpdateMapper(BotIdentity bot) {
        this.bot = bot;
    }

    /** Maps one update; throws {@link UnreadableUpdateException} when a field it needs is missing or wrong. */
    public IncomingUpdate map(JsonNode json) {
        UpdateFields update = UpdateFields.of(json);
        int id = update.int32("update_id");
        if (update.has("message")) {
            return message(id, update.object("message"));
        }
        if (update.has("callback_query")) {
            return press(id, update.object("callback_query"));
        }
        if (update.has("my_chat_member")) {
            return botMembership(id, update.object("my_chat_member"));
        }
        if (update.has("chat_member")) {
            return memberChange(id, update.object("chat_member"));
        }
        if (update.has("edited_message")) {
            // an edit of an answer already taken: the dialog has moved on, acting on it would surprise
            return new Ignored(id, "edited message");
        }
        return new Ignored(id, firstPresentField(update));
    }

    private IncomingUpdate message(int id, UpdateFields m) {
        UpdateFields chat = m.object("chat");
        long chatId = chat.integer("id");
        ChatType type = ChatType.parse(chat.text("type"));
        OptionalLong migrateTo = m.optionalInteger("migrate_to_chat_id");
        if (migrateTo.isPresent()) {
            return new GroupMigrated(id, chatId, migrateTo.getAsLong());
        }
        OptionalLong migrateFrom = m.optionalInteger("migrate_from_chat_id");
        if (migrateFrom.isPresent()) {
            return new GroupMigrated(id, migrateFrom.getAsLong(), chatId);
        }
        if (type == ChatType.CHANNEL) {
            return new Ignored(id, "channel message");
        }
        List<UpdateFields> joined = m.objects("new_chat_members");
        if (!joined.isEmpty()) {
            boolean us = false;
            for (UpdateFields u : joined) {
                us |= u.integer("id") == bot.id();
            }
            return us ? new BotAdded(id, chatId, type, userId(m)) : new Ignored(id, "members joined");
        }
        if (m.has("left_chat_member")) {
            long left = m.object("left_chat_member").integer("id");
            return left == bot.id() ? new BotRemoved(id, chatId, type) : new MemberLeft(id, chatId, left);
        }
        Optional<UpdateFields> sender = m.optionalObject("from");
        if (sender.isEmpty()) {
            return new Ignored(id, "message without a sender");
        }
        UpdateFields from = sender.get();
        if (from.flag("is_bot")) {
            // other bots, and anonymous group admins (sent as GroupAnonymousBot): not a partner we can tell
            return new Ignored(id, "message from a bot");
        }
        Optional<String> text = m.optionalText("text");
        if (text.isPresent() && !text.get().isEmpty()) {
            return text(id, chatId, type, from, text.get());
        }
        for (Kind k : MEDIA) {
            if (m.hasContent(k.field())) {
                return new NonTextMessage(id, chatId, type, from.integer("id"), k.kind());
            }
        }
        return new Ignored(id, "service message");
    }

    private IncomingUpdate text(int id, long chatId, ChatType type, UpdateFields from, String text) {
        long userId = from.integer("id");
        if (text.startsWith("/")) {
            Matcher c = COMMAND.matcher(text);
            if (c.matches()) {
                String target = c.group(2);
                if (target != null && !bot.isNamed(target)) {
                    return new Ignored(id, "command for another bot");
                }
                String args = c.group(3) == null ? "" : c.group(3).strip();
                return new Command(
                        id, chatId, type, userId, firstName(from), c.group(1).toLowerCase(Locale.ROOT), args);
            }
        }
        return new TextMessage(id, chatId, type, userId, firstName(from), text);
    }

    private IncomingUpdate press(int id, UpdateFields q) {
        Optional<UpdateFields> message = q.optionalObject("message");
        if (message.isEmpty()) {
            return new Ignored(id, "press on an inline-mode message");
        }
        Optional<String> data = q.optionalText("data");
        if (data.isEmpty()) {
            return new Ignored(id, "press without data");
        }
        // a message older than 48 hours comes as an InaccessibleMessage (date 0): it still names its chat and
        // message id, which is all we need
        UpdateFields m = message.get();
        UpdateFields chat = m.object("chat");
        UpdateFields from = q.object("from");
        return new ButtonPress(
                id,
                q.text("id"),
                chat.integer("id"),
                ChatType.parse(chat.text("type")),
                from.integer("id"),
                firstName(from),
                data.get(),
                m.int32("message_id"),
                PressedText.html(m).orElse(null));
    }

    private IncomingUpdate botMembership(int id, UpdateFields u) {
        UpdateFields chat = u.object("chat");
        ChatType type = ChatType.parse(chat.text("type"));
        boolean was = PRESENT.contains(u.object("old_chat_member").text("status"));
        boolean is = PRESENT.contains(u.object("new_chat_member").text("status"));
        if (!was && is) {
            return new BotAdded(id, chat.integer("id"), type, userId(u));
        }
        if (was && !is) {
            return new BotRemoved(id, chat.integer("id"), type);
        }
        return new Ignored(id, "bot rights changed");
    }

    private IncomingUpdate memberChange(int id, UpdateFields u) {
        boolean was = PRESENT.contains(u.object("old_chat_member").text("status"));
        UpdateFields now = u.object("new_chat_member");
        boolean is = PRESENT.contains(now.text("status"));
        if (was && !is) {
            return new MemberLeft(
                    id, u.object("chat").integer("id"), now.object("user").integer("id"));
        }
        return new Ignored(id, "member status changed");
    }

    private static String firstName(UpdateFields user) {
        return user.optionalText("first_name").orElse("");
    }

    /** Who did it, when said ({@code from} is optional in service messages); 0 when not. */
    private static long userId(UpdateFields withSender) {
        return withSender.optionalObject("from").map(f -> f.integer("id")).orElse(0L);
    }

    private static String firstPresentField(UpdateFields u) {
        if (u.has("channel_post") || u.has("edited_channel_post")) return "channel post";
        if (u.has("inline_query")) return "inline query";
        if (u.has("chosen_inline_result")) return "chosen inline result";
        if (u.has("poll") || u.has("poll_answer")) return "poll";
        if (u.has("chat_join_request")) return "chat join request";
        if (u.has("message_reaction") || u.has("message_reaction_count")) return "reaction";
        return "other update";
    }
}
