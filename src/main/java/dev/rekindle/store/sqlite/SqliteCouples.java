package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Couples;
import dev.rekindle.store.Member;
import dev.rekindle.store.Profile;
import dev.rekindle.store.User;
import dev.rekindle.store.Writer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link Couples} in the users, couples, members and chats tables. */
final class SqliteCouples implements Couples {
    private final Database db;
    private final ChatIdsCache chats;

    SqliteCouples(Database db, ChatIdsCache chats) {
        this.db = db;
        this.chats = chats;
    }

    /** Every write here may change a couple's chats (a new chat, a couple started or joined). */
    private <T> T write(String what, SqlWork<T> work) {
        return chats.write(db, what, work);
    }

    @Override
    public User createUser(long userId, String displayName, ZoneId timeZone) {
        Instant now = db.clock().instant();
        write(
                "create user " + userId,
                c -> Sql.on(
                                c,
                                "INSERT INTO users (id, display_name, time_zone, unreachable, created) VALUES (?, ?, ?, 0, ?)")
                        .bind(userId, displayName, timeZone.getId(), now.toEpochMilli())
                        .update());
        return new User(userId, displayName, timeZone, false, Instant.ofEpochMilli(now.toEpochMilli()));
    }

    @Override
    public Optional<User> user(long userId) {
        return db.read(
                "read user " + userId,
                c -> Sql.on(c, "SELECT display_name, time_zone, unreachable, created FROM users WHERE id = ?")
                        .bind(userId)
                        .one(rs -> new User(
                                userId,
                                rs.getString(1),
                                ZoneId.of(rs.getString(2)),
                                rs.getInt(3) == 1,
                                Instant.ofEpochMilli(rs.getLong(4)))));
    }

    @Override
    public void markReachable(long userId) {
        write("mark user " + userId + " reachable", c -> setUnreachable(c, userId, false));
    }

    /** Returns 1 when this changed the user, 0 when they already were so (or do not exist). */
    static int setUnreachable(Connection c, long userId, boolean unreachable) throws SQLException {
        int flag = unreachable ? 1 : 0;
        return Sql.on(c, "UPDATE users SET unreachable = ? WHERE id = ? AND unreachable <> ?")
                .bind(flag, userId, flag)
                .update();
    }

    @Override
    public long startCouple(long userA) {
        return write("start a couple for user " + userA, c -> {
            long id = insertCouple(c, CoupleStatus.FORMING);
            addMember(c, id, Partner.A, userA);
            return id;
        });
    }

    @Override
    public void join(long coupleId, long userB) {
        write("let user " + userB + " join couple " + coupleId, c -> {
            if (Sql.on(c, "UPDATE couples SET status = 'active' WHERE id = ? AND status = 'forming'")
                            .bind(coupleId)
                            .update()
                    != 1) {
                throw new SQLException("couple " + coupleId + " is not forming (unknown, or both partners are in)");
            }
            addMember(c, coupleId, Partner.B, userB);
            return null;
        });
    }

    @Override
    public long createCouple(long userA, long userB) {
        return write("create a couple of users " + userA + " and " + userB, c -> {
            long id = insertCouple(c, CoupleStatus.ACTIVE);
            addMember(c, id, Partner.A, userA);
            addMember(c, id, Partner.B, userB);
            return id;
        });
    }

    private long insertCouple(Connection c, CoupleStatus status) throws SQLException {
        return Sql.on(c, "INSERT INTO couples (created, status) VALUES (?, ?) RETURNING id")
                .bind(db.clock().millis(), Columns.name(status))
                .firstLong();
    }

    private static void addMember(Connection c, long coupleId, Partner partner, long userId) throws SQLException {
        Sql.on(c, "INSERT INTO members (couple_id, partner, user_id) VALUES (?, ?, ?)")
                .bind(coupleId, partner.name(), userId)
                .update();
    }

    @Override
    public Optional<Couple> couple(long coupleId) {
        return db.read("read couple " + coupleId, c -> readCouple(c, coupleId));
    }

    @Override
    public Optional<Couple> coupleOf(long userId) {
        return db.read("find the couple of user " + userId, c -> {
            OptionalLong coupleId = Sql.on(c, "SELECT couple_id FROM members WHERE user_id = ?")
                    .bind(userId)
                    .oneLong();
            return coupleId.isPresent() ? readCouple(c, coupleId.getAsLong()) : Optional.<Couple>empty();
        });
    }

    private static Optional<Couple> readCouple(Connection c, long coupleId) throws SQLException {
        Map<Partner, Long> users = new EnumMap<>(Partner.class);
        for (Map.Entry<Partner, Long> m : Sql.on(c, "SELECT partner, user_id FROM members WHERE couple_id = ?")
                .bind(coupleId)
                .list(rs -> Map.entry(Partner.valueOf(rs.getString(1)), rs.getLong(2)))) {
            users.put(m.getKey(), m.getValue());
        }
        return Sql.on(c, "SELECT status, created FROM couples WHERE id = ?")
                .bind(coupleId)
                .one(rs -> new Couple(
                        coupleId, Columns.coupleStatus(rs.getString(1)), Instant.ofEpochMilli(rs.getLong(2)), users));
    }

    @Override
    public void registerPrivateChat(long chatId, long userId) {
        write("register private chat " + chatId + " of user " + userId, c -> {
            Map.Entry<Long, String> seat = Sql.on(c, "SELECT couple_id, partner FROM members WHERE user_id = ?")
                    .bind(userId)
                    .one(rs -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .orElseThrow(() ->
                            new SQLException("user " + userId + " belongs to no couple; start or join one first"));
            return Sql.on(
                            c,
                            "INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'private', ?, ?) "
                                    + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, couple_id = excluded.couple_id, "
                                    + "partner = excluded.partner")
                    .bind(chatId, seat.getKey(), seat.getValue())
                    .update();
        });
    }

    @Override
    public void registerGroupChat(long chatId, long coupleId) {
        write("register group chat " + chatId + " of couple " + coupleId, c -> {
            Sql.on(c, "DELETE FROM chats WHERE couple_id = ? AND kind = 'group' AND id <> ?")
                    .bind(coupleId, chatId)
                    .update();
            return Sql.on(
                            c,
                            "INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'group', ?, NULL) "
                                    + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, couple_id = excluded.couple_id, "
                                    + "partner = NULL")
                    .bind(chatId, coupleId)
                    .update();
        });
    }

    @Override
    public Optional<Member> find(long chatId, long userId) {
        return writer(chatId, userId).map(Writer::member);
    }

    @Override
    public Optional<Writer> writer(long chatId, long userId) {
        return db.read(
                "find the writer behind chat " + chatId + " and user " + userId,
                c -> Sql.on(
                                c,
                                "SELECT ch.couple_id, ch.kind, ch.partner, m.partner, u.unreachable, "
                                        + "(SELECT p.step FROM profiles p WHERE p.user_id = m.user_id), "
                                        + "EXISTS (SELECT 1 FROM reminders r WHERE r.couple_id = ch.couple_id "
                                        + "AND r.partner = m.partner AND r.awaiting_time = 1) "
                                        + "FROM chats ch JOIN members m ON m.couple_id = ch.couple_id AND m.user_id = ? "
                                        + "JOIN users u ON u.id = m.user_id WHERE ch.id = ?")
                        .bind(userId, chatId)
                        .one(SqliteCouples::writer)
                        .flatMap(w -> w));
    }

    private static Optional<Writer> writer(ResultSet rs) throws SQLException {
        Optional<Member> m = member(rs);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Writer(m.get(), rs.getInt(5) == 1, onboarded(rs.getString(6)), rs.getInt(7) == 1));
    }

    private static boolean onboarded(String step) {
        return step != null && Columns.step(step) == Profile.OnboardingStage.DONE;
    }

    private static Optional<Member> member(ResultSet rs) throws SQLException {
        long coupleId = rs.getLong(1);
        Partner member = Partner.valueOf(rs.getString(4));
        if (rs.getString(2).equals("group")) {
            return Optional.of(new Member(coupleId, member, Chat.GROUP));
        }
        // someone else's private chat is not theirs to speak in
        if (!rs.getString(3).equals(member.name())) {
            return Optional.empty();
        }
        return Optional.of(new Member(coupleId, member, Chat.privateOf(member)));
    }

    @Override
    public Map<Chat, Long> chatIds(long coupleId) {
        return chats.get(coupleId, this::readChatIds);
    }

    private Map<Chat, Long> readChatIds(long coupleId) {
        List<Map.Entry<Chat, Long>> rows = db.read(
                "find the chats of couple " + coupleId,
                c -> Sql.on(c, "SELECT id, kind, partner FROM chats WHERE couple_id = ?")
                        .bind(coupleId)
                        .list(rs -> Map.entry(
                                "group".equals(rs.getString(2))
                                        ? Chat.GROUP
                                        : Chat.privateOf(Partner.valueOf(rs.getString(3))),
                                rs.getLong(1))));
        Map<Chat, Long> ids = new EnumMap<>(Chat.class);
        rows.forEach(e -> ids.put(e.getKey(), e.getValue()));
        return ids;
    }

    @Override
    public OptionalLong chatId(long coupleId, Chat chat) {
        return db.read(
                "find chat " + chat + " of couple " + coupleId,
                c -> chat.isGroup()
                        ? Sql.on(c, "SELECT id FROM chats WHERE couple_id = ? AND kind = 'group'")
                                .bind(coupleId)
                                .oneLong()
                        : Sql.on(c, "SELECT id FROM chats WHERE couple_id = ? AND kind = 'private' AND partner = ?")
                                .bind(coupleId, chat.owner().name())
                                .oneLong());
    }
}
