package dev.rekindle.telegram;

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
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Turns an org.telegram {@link Update} into an {@link IncomingUpdate}. Total: every update maps to
 * something, and what we do not handle maps to {@link Ignored} with a word saying what it was.
 */
public final class UpdateMapper {
    /** A command is a slash, 1-32 letters, digits or underscores, and optionally @botname, then a space or the end. */
    private static final Pattern COMMAND =
            Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?", Pattern.DOTALL);

    private static final Set<String> PRESENT = Set.of("member", "administrator", "creator", "restricted");

    private final BotIdentity bot;

    public UpdateMapper(BotIdentity bot) {
        this.bot = bot;
    }

    public IncomingUpdate map(Update update) {
        int id = update.getUpdateId() == null ? 0 : update.getUpdateId();
        if (update.getMessage() != null) {
            return message(id, update.getMessage());
        }
        if (update.getCallbackQuery() != null) {
            return press(id, update.getCallbackQuery());
        }
        if (update.getMyChatMember() != null) {
            return botMembership(id, update.getMyChatMember());
        }
        if (update.getChatMember() != null) {
            return memberChange(id, update.getChatMember());
        }
        if (update.getEditedMessage() != null) {
            // an edit of an answer already taken: the dialog has moved on, acting on it would surprise
            return new Ignored(id, "edited message");
        }
        return new Ignored(id, firstPresentField(update));
    }

    private IncomingUpdate message(int id, Message m) {
        long chatId = m.getChatId();
        ChatType type = ChatType.parse(m.getChat().getType());
        if (m.getMigrateToChatId() != null) {
            return new GroupMigrated(id, chatId, m.getMigrateToChatId());
        }
        if (m.getMigrateFromChatId() != null) {
            return new GroupMigrated(id, m.getMigrateFromChatId(), chatId);
        }
        if (type == ChatType.CHANNEL) {
            return new Ignored(id, "channel message");
        }
        if (m.getNewChatMembers() != null && !m.getNewChatMembers().isEmpty()) {
            boolean us = m.getNewChatMembers().stream().anyMatch(u -> u.getId() != null && u.getId() == bot.id());
            return us ? new BotAdded(id, chatId, type, userId(m.getFrom())) : new Ignored(id, "members joined");
        }
        if (m.getLeftChatMember() != null) {
            User left = m.getLeftChatMember();
            return left.getId() != null && left.getId() == bot.id()
                    ? new BotRemoved(id, chatId, type)
                    : new MemberLeft(id, chatId, left.getId());
        }
        User from = m.getFrom();
        if (from == null) {
            return new Ignored(id, "message without a sender");
        }
        if (Boolean.TRUE.equals(from.getIsBot())) {
            // other bots, and anonymous group admins (sent as GroupAnonymousBot): not a partner we can tell
            return new Ignored(id, "message from a bot");
        }
        if (m.getText() != null && !m.getText().isEmpty()) {
            return text(id, chatId, type, from, m.getText());
        }
        MediaKind kind = mediaKind(m);
        if (kind != null) {
            return new NonTextMessage(id, chatId, type, from.getId(), kind);
        }
        return new Ignored(id, "service message");
    }

    private IncomingUpdate text(int id, long chatId, ChatType type, User from, String text) {
        if (text.startsWith("/")) {
            Matcher c = COMMAND.matcher(text);
            if (c.matches()) {
                String target = c.group(2);
                if (target != null && !bot.isNamed(target)) {
                    return new Ignored(id, "command for another bot");
                }
                String args = c.group(3) == null ? "" : c.group(3).strip();
                return new Command(
                        id,
                        chatId,
                        type,
                        from.getId(),
                        firstName(from),
                        c.group(1).toLowerCase(Locale.ROOT),
                        args);
            }
        }
        return new TextMessage(id, chatId, type, from.getId(), firstName(from), text);
    }

    private IncomingUpdate press(int id, CallbackQuery q) {
        MaybeInaccessibleMessage m = q.getMessage();
        if (m == null) {
            return new Ignored(id, "press on an inline-mode message");
        }
        if (q.getData() == null) {
            return new Ignored(id, "press without data");
        }
        // an InaccessibleMessage (older than 48 hours) still names its chat and message id, which is all we need
        return new ButtonPress(
                id,
                q.getId(),
                m.getChat().getId(),
                ChatType.parse(m.getChat().getType()),
                q.getFrom().getId(),
                firstName(q.getFrom()),
                q.getData(),
                m.getMessageId());
    }

    private IncomingUpdate botMembership(int id, ChatMemberUpdated u) {
        ChatType type = ChatType.parse(u.getChat().getType());
        boolean was = PRESENT.contains(u.getOldChatMember().getStatus());
        boolean is = PRESENT.contains(u.getNewChatMember().getStatus());
        if (!was && is) {
            return new BotAdded(id, u.getChat().getId(), type, userId(u.getFrom()));
        }
        if (was && !is) {
            return new BotRemoved(id, u.getChat().getId(), type);
        }
        return new Ignored(id, "bot rights changed");
    }

    private IncomingUpdate memberChange(int id, ChatMemberUpdated u) {
        boolean was = PRESENT.contains(u.getOldChatMember().getStatus());
        boolean is = PRESENT.contains(u.getNewChatMember().getStatus());
        if (was && !is) {
            return new MemberLeft(
                    id, u.getChat().getId(), u.getNewChatMember().getUser().getId());
        }
        return new Ignored(id, "member status changed");
    }

    private static MediaKind mediaKind(Message m) {
        if (m.hasPhoto()) return MediaKind.PHOTO;
        if (m.hasVideo()) return MediaKind.VIDEO;
        if (m.hasVideoNote()) return MediaKind.VIDEO_NOTE;
        if (m.hasVoice()) return MediaKind.VOICE;
        if (m.hasAudio()) return MediaKind.AUDIO;
        if (m.hasSticker()) return MediaKind.STICKER;
        if (m.hasAnimation()) return MediaKind.ANIMATION; // before document: a GIF carries both fields
        if (m.hasDocument()) return MediaKind.DOCUMENT;
        if (m.hasLocation()) return MediaKind.LOCATION;
        if (m.hasContact()) return MediaKind.CONTACT;
        if (m.hasPoll()) return MediaKind.POLL;
        if (m.hasDice()) return MediaKind.DICE;
        if (m.getStory() != null || m.getGame() != null || m.getVenue() != null) return MediaKind.OTHER;
        return null;
    }

    private static String firstName(User u) {
        return u.getFirstName() == null ? "" : u.getFirstName();
    }

    private static long userId(User u) {
        return u == null || u.getId() == null ? 0L : u.getId();
    }

    private static String firstPresentField(Update u) {
        if (u.getChannelPost() != null || u.getEditedChannelPost() != null) return "channel post";
        if (u.getInlineQuery() != null) return "inline query";
        if (u.getChosenInlineQuery() != null) return "chosen inline result";
        if (u.getPoll() != null || u.getPollAnswer() != null) return "poll";
        if (u.getChatJoinRequest() != null) return "chat join request";
        if (u.getMessageReaction() != null || u.getMessageReactionCount() != null) return "reaction";
        return "other update";
    }
}
