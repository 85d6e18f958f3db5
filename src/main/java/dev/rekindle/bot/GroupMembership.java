package dev.rekindle.bot;

/** Whether a user is a member of a group right now, as the messenger says (Telegram: getChatMember). */
@FunctionalInterface
public interface GroupMembership {
    /** False when they are not, or when the messenger could not be asked. */
    boolean isMember(long chatId, long userId);
}
