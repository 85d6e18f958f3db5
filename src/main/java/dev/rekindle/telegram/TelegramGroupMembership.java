package dev.rekindle.telegram;

import dev.rekindle.bot.GroupMembership;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** {@link GroupMembership} by Telegram's getChatMember: a member, administrator, creator or restricted member is in. */
public final class TelegramGroupMembership implements GroupMembership {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramGroupMembership.class);
    private static final Set<String> PRESENT = Set.of("member", "administrator", "creator", "restricted");

    private final TelegramClient client;
    private final Redact redact;

    public TelegramGroupMembership(TelegramClient client, Redact redact) {
        this.client = client;
        this.redact = redact;
    }

    @Override
    public boolean isMember(long chatId, long userId) {
        try {
            ChatMember m = client.execute(
                    GetChatMember.builder().chatId(chatId).userId(userId).build());
            return m != null && PRESENT.contains(m.getStatus());
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warn("could not ask Telegram whether user {} is in group {}: {}", userId, chatId, redact.describe(e));
            return false;
        }
    }
}
