package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Couples;
import dev.rekindle.store.Member;
import dev.rekindle.store.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link Couples} in the users, couples, members and chats tables. */
final class SqliteCouples implements Couples {
    private final Database db;

    SqliteCouples(Database db) {
        this.db = db;
    }

    @Override
    public User createUser(long userId, String displayName, ZoneId timeZone) {
        Instant now = db.clock().instant();
        db.write("create user " + userId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO users (id, display_name, time_zone, unreachable, created) VALUES (?, ?, ?, 0, ?)")) {
                p.setLong(1, userId);
                p.setString(2, displayName);
                p.setString(3, timeZone.getId());
                p.setLong(4, now.toEpochMilli());
                return p.executeUpdate();
            }
        });
        return new User(userId, displayName, timeZone, false, Instant.ofEpochMilli(now.toEpochMilli()));
    }

    @Override
    public Optional<User> user(long userId) {
        return db.read("read user " + userId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT display_name, time_zone, unreachable, created FROM users WHERE id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new User(userId, rs.getString(1), ZoneId.of(rs.getString(2)), rs.getInt(3) == 1,
                            Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        });
    }

    @Override
    public void markReachable(long userId) {
        db.write("mark user " + userId + " reachable", c -> setUnreachable(c, userId, false));
    }

    static int setUnreachable(Connection c, long userId, boolean unreachable) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE users SET unreachable = ? WHERE id = ?")) {
            p.setInt(1, unreachable ? 1 : 0);
            p.setLong(2, userId);
            return p.executeUpdate();
        }
    }

    @Override
    public long startCouple(long userA) {
        return db.write("start a couple for user " + userA, c -> {
            long id = insertCouple(c, CoupleStatus.FORMING);
            addMember(c, id, Partner.A, userA);
            return id;
        });
    }

    @Override
    public void join(long coupleId, long userB) {
        db.write("let user " + userB + " join couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE couples SET status = 'active' WHERE id = ? AND status = 'forming'")) {
                p.setLong(1, coupleId);
                if (p.executeUpdate() != 1) {
                    throw new SQLException("couple " + coupleId + " is not forming (unknown, or both partners are in)");
                }
            }
            addMember(c, coupleId, Partner.B, userB);
            return null;
        });
    }

    @Override
    public long createCouple(long userA, long userB) {
        return db.write("create a couple of users " + userA + " and " + userB, c -> {
            long id = insertCouple(c, CoupleStatus.ACTIVE);
            addMember(c, id, Partner.A, userA);
            addMember(c, id, Partner.B, userB);
            return id;
        });
    }

    private long insertCouple(Connection c, CoupleStatus status) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO couples (created, status) VALUES (?, ?) RETURNING id")) {
            p.setLong(1, db.clock().millis());
            p.setString(2, Columns.name(status));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void addMember(Connection c, long coupleId, Partner partner, long userId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO members (couple_id, partner, user_id) VALUES (?, ?, ?)")) {
            p.setLong(1, coupleId);
            p.setString(2, partner.name());
            p.setLong(3, userId);
            p.executeUpdate();
        }
    }

    @Override
    public Optional<Couple> couple(long coupleId) {
        return db.read("read couple " + coupleId, c -> readCouple(c, coupleId));
    }

    @Override
    public Optional<Couple> coupleOf(long userId) {
        return db.read("find the couple of user " + userId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT couple_id FROM members WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? readCouple(c, rs.getLong(1)) : Optional.<Couple>empty();
                }
            }
        });
    }

    private static Optional<Couple> readCouple(Connection c, long coupleId) throws SQLException {
        Map<Partner, Long> users = new EnumMap<>(Partner.class);
        try (PreparedStatement p = c.prepareStatement("SELECT partner, user_id FROM members WHERE couple_id = ?")) {
            p.setLong(1, coupleId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    users.put(Partner.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT status, created FROM couples WHERE id = ?")) {
            p.setLong(1, coupleId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Couple(coupleId, Columns.coupleStatus(rs.getString(1)),
                        Instant.ofEpochMilli(rs.getLong(2)), users));
            }
        }
    }

    @Override
    public void registerPrivateChat(long chatId, long userId) {
        db.write("register private chat " + chatId + " of user " + userId, c -> {
            long coupleId;
            String partner;
            try (PreparedStatement p = c.prepareStatement("SELECT couple_id, partner FROM members WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("user " + userId + " belongs to no couple; start or join one first");
                    }
                    coupleId = rs.getLong(1);
                    partner = rs.getString(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'private', ?, ?) "
                            + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, couple_id = excluded.couple_id, "
                            + "partner = excluded.partner")) {
                p.setLong(1, chatId);
                p.setLong(2, coupleId);
                p.setString(3, partner);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void registerGroupChat(long chatId, long coupleId) {
        db.write("register group chat " + chatId + " of couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM chats WHERE couple_id = ? AND kind = 'group' AND id <> ?")) {
                p.setLong(1, coupleId);
                p.setLong(2, chatId);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'group', ?, NULL) "
                            + "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, couple_id = excluded.couple_id, "
                            + "partner = NULL")) {
                p.setLong(1, chatId);
                p.setLong(2, coupleId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Member> find(long chatId, long userId) {
        return db.read("find the member behind chat " + chatId + " and user " + userId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT ch.couple_id, ch.kind, ch.partner, m.partner FROM chats ch "
                            + "JOIN members m ON m.couple_id = ch.couple_id AND m.user_id = ? WHERE ch.id = ?")) {
                p.setLong(1, userId);
                p.setLong(2, chatId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
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
            }
        });
    }

    @Override
    public OptionalLong chatId(long coupleId, Chat chat) {
        return db.read("find chat " + chat + " of couple " + coupleId, c -> {
            try (PreparedStatement p = c.prepareStatement(chat.isGroup()
                    ? "SELECT id FROM chats WHERE couple_id = ? AND kind = 'group'"
                    : "SELECT id FROM chats WHERE couple_id = ? AND kind = 'private' AND partner = ?")) {
                p.setLong(1, coupleId);
                if (!chat.isGroup()) {
                    p.setString(2, chat.owner().name());
                }
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }
}
