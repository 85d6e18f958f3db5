package dev.rekindle.store;

import dev.rekindle.dialog.engine.Chat;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalLong;

/** Users, couples and their chats: how a Telegram chat and user map to a couple and a partner. */
public interface Couples {

    /** Records a new user; fails if the id is already known. */
    User createUser(long userId, String displayName, ZoneId timeZone);

    Optional<User> user(long userId);

    /** The user wrote again after being unreachable (403): deliver to them again. */
    void markReachable(long userId);

    /** A couple with only partner A so far (status FORMING); returns its id. */
    long startCouple(long userA);

    /** Partner B joins a forming couple, which becomes ACTIVE. */
    void join(long coupleId, long userB);

    /** A couple of two users at once (status ACTIVE); returns its id. */
    long createCouple(long userA, long userB);

    Optional<Couple> couple(long coupleId);

    Optional<Couple> coupleOf(long userId);

    /** The user's private chat with the bot; the user must already belong to a couple. */
    void registerPrivateChat(long chatId, long userId);

    /** The couple's group; a couple has one group, so this replaces an earlier one. */
    void registerGroupChat(long chatId, long coupleId);

    /** The couple and partner behind a message from {@code userId} in {@code chatId}, if the chat is theirs. */
    Optional<Member> find(long chatId, long userId);

    /**
     * As {@link #find}, with what routes their update (reachable, onboarded, a question waiting), in one read: the
     * receiving thread asks this for every message, in order, so it is one query.
     */
    Optional<Writer> writer(long chatId, long userId);

    /** The Telegram chat id of one of the couple's chats, if registered. */
    OptionalLong chatId(long coupleId, Chat chat);

    /** The Telegram chat ids of all of the couple's registered chats, in one read: what a turn may write to. */
    java.util.Map<Chat, Long> chatIds(long coupleId);
}
