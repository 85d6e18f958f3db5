package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/** {@link Pairings} in the profiles, invitations and group_proposals tables, and the couples tables they change. */
final class SqlitePairings implements Pairings {
    private final Database db;
    private final LongConsumer dropped;

    /** {@code dropped} hears of each couple removed, after the commit, so a cached session of it goes too. */
    SqlitePairings(Database db, LongConsumer dropped) {
        this.db = db;
        this.dropped = dropped;
    }

    @Override
    public Optional<Profile> profile(long userId) {
        return db.read("read the profile of user " + userId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT step, adult, consented, safety, screened, pending_invite "
                    + "FROM profiles WHERE user_id = ?")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Profile>empty();
                    }
                    return Optional.of(new Profile(userId, Profile.Step.ofColumn(rs.getString(1)), rs.getInt(2) == 1,
                            instant(rs, 3), Profile.Safety.ofColumn(rs.getString(4)), instant(rs, 5), rs.getString(6)));
                }
            }
        });
    }

    @Override
    public void save(Profile profile, String displayName, ZoneId timeZone, Reply reply) {
        long now = db.clock().millis();
        db.write("save the profile of user " + profile.userId(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO profiles (user_id, step, adult, consented, safety, "
                    + "screened, pending_invite, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                    + "step = excluded.step, adult = excluded.adult, consented = excluded.consented, "
                    + "safety = excluded.safety, screened = excluded.screened, pending_invite = excluded.pending_invite, "
                    + "updated = excluded.updated")) {
                p.setLong(1, profile.userId());
                p.setString(2, profile.step().column());
                p.setInt(3, profile.adult() ? 1 : 0);
                setInstant(p, 4, profile.consented());
                p.setString(5, profile.safety() == null ? null : profile.safety().column());
                setInstant(p, 6, profile.screened());
                p.setString(7, profile.pendingInvite());
                p.setLong(8, now);
                p.executeUpdate();
            }
            if (displayName != null) {
                update(c, "UPDATE users SET display_name = ? WHERE id = ?", displayName, profile.userId());
            }
            if (timeZone != null) {
                update(c, "UPDATE users SET time_zone = ? WHERE id = ?", timeZone.getId(), profile.userId());
            }
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public void say(Reply reply) {
        long now = db.clock().millis();
        db.write("queue a reply", c -> {
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public void invite(String codeHash, long coupleId, long inviter, Instant expires, Reply reply) {
        long now = db.clock().millis();
        db.write("store an invitation of user " + inviter, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM invitations WHERE inviter = ? AND used IS NULL")) {
                p.setLong(1, inviter);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO invitations (code_hash, couple_id, inviter, created, "
                    + "expires) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, codeHash);
                p.setLong(2, coupleId);
                p.setLong(3, inviter);
                p.setLong(4, now);
                p.setLong(5, expires.toEpochMilli());
                p.executeUpdate();
            }
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public Optional<Invitation> invitation(String codeHash) {
        return db.read("read an invitation", c -> invitation(c, codeHash));
    }

    @Override
    public List<Invitation> invitationsBy(long userId) {
        return db.read("list the invitations of user " + userId, c -> {
            List<Invitation> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT code_hash, couple_id, created, expires, used "
                    + "FROM invitations WHERE inviter = ? ORDER BY created")) {
                p.setLong(1, userId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Invitation(rs.getString(1), rs.getLong(2), userId, Instant.ofEpochMilli(rs.getLong(3)),
                                Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 5)));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<Invitation> invitation(Connection c, String codeHash) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT couple_id, inviter, created, expires, used FROM invitations WHERE code_hash = ?")) {
            p.setString(1, codeHash);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Invitation(codeHash, rs.getLong(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)), instant(rs, 5)));
            }
        }
    }

    @Override
    public long accept(String codeHash, long userB, long privateChatB, Instant at, Reply reply) {
        long now = db.clock().millis();
        long[] left = {0};
        long joined = db.write("let user " + userB + " accept an invitation", c -> {
            Invitation inv = invitation(c, codeHash).orElseThrow(() -> new InvitationGoneException("no such invitation"));
            if (inv.usedOrExpired(at)) {
                throw new InvitationGoneException("the invitation was used or has expired");
            }
            if (inv.inviter() == userB) {
                throw new InvitationGoneException("an invitation cannot be accepted by its own inviter");
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE invitations SET used = ?, used_by = ? WHERE code_hash = ? "
                    + "AND used IS NULL")) {
                p.setLong(1, now);
                p.setLong(2, userB);
                p.setString(3, codeHash);
                if (p.executeUpdate() != 1) {
                    throw new InvitationGoneException("the invitation was used");
                }
            }
            long coupleId = inv.coupleId();
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE couples SET status = 'active' WHERE id = ? AND status = 'forming'")) {
                p.setLong(1, coupleId);
                if (p.executeUpdate() != 1) {
                    throw new InvitationGoneException("the inviter's couple is complete or gone");
                }
            }
            OptionalLong own = coupleOfUser(c, userB);
            if (own.isPresent()) {
                if (memberCount(c, own.getAsLong()) > 1) {
                    throw new InvitationGoneException("user " + userB + " is already in a couple of two");
                }
                moveJournal(c, own.getAsLong(), Partner.A, coupleId, Partner.B);
                SqliteReminders.move(c, own.getAsLong(), Partner.A, coupleId, Partner.B);
                dropCouple(c, own.getAsLong());
                left[0] = own.getAsLong();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO members (couple_id, partner, user_id) VALUES (?, 'B', ?)")) {
                p.setLong(1, coupleId);
                p.setLong(2, userB);
                p.executeUpdate();
            }
            registerPrivate(c, privateChatB, coupleId, Partner.B);
            update(c, "UPDATE profiles SET pending_invite = NULL WHERE user_id = ?", userB);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM invitations WHERE couple_id = ? AND used IS NULL")) {
                p.setLong(1, coupleId);
                p.executeUpdate();
            }
            reply(c, reply, now);
            return coupleId;
        });
        if (left[0] != 0) {
            dropped.accept(left[0]);
        }
        return joined;
    }

    @Override
    public void dissolve(long coupleId, Reply reply) {
        long now = db.clock().millis();
        db.write("dissolve couple " + coupleId, c -> {
            split(c, coupleId, now);
            reply(c, reply, now);
            return null;
        });
        dropped.accept(coupleId);
    }

    @Override
    public void forget(long userId, Reply reply) {
        long now = db.clock().millis();
        List<Long> gone = db.write("forget user " + userId, c -> {
            List<Long> dropped = new ArrayList<>();
            OptionalLong couple = coupleOfUser(c, userId);
            if (couple.isPresent() && memberCount(c, couple.getAsLong()) > 1) {
                split(c, couple.getAsLong(), now);
                dropped.add(couple.getAsLong());
                couple = coupleOfUser(c, userId);
            }
            OptionalLong privateChat = OptionalLong.empty();
            if (couple.isPresent()) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT id FROM chats WHERE couple_id = ? AND kind = 'private'")) {
                    p.setLong(1, couple.getAsLong());
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            privateChat = OptionalLong.of(rs.getLong(1));
                        }
                    }
                }
                dropCouple(c, couple.getAsLong());
                dropped.add(couple.getAsLong());
            }
            long chat = privateChat.orElse(userId); // a private chat's id is its user's
            update(c, "DELETE FROM outbox WHERE chat_id = ?", chat);
            update(c, "DELETE FROM invitations WHERE inviter = ?", userId);
            update(c, "DELETE FROM profiles WHERE user_id = ?", userId);
            eraseUpdatesOf(c, userId);
            update(c, "DELETE FROM users WHERE id = ?", userId);
            reply(c, reply, now);
            return dropped;
        });
        gone.forEach(dropped::accept);
        db.checkpoint();
    }

    /**
     * Erases the JSON of every update not done (pending, or failed and kept) that the user sent or appears in: it
     * is encrypted, so each is decrypted here to look (few rows: done ones hold no JSON).
     */
    private void eraseUpdatesOf(Connection c, long userId) throws SQLException {
        String mark = "\"id\":" + userId + ",";
        List<Long> theirs = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT update_id, raw_json FROM inbox WHERE state <> 'done' AND raw_json <> ''");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                String json;
                try {
                    json = db.key().decrypt(SqliteSessionStore.sealed(rs.getObject(2), SqliteInbox.where(id)),
                            SqliteInbox.where(id));
                } catch (DataKey.TamperedException e) {
                    json = mark; // unreadable: erased too, it may be theirs
                }
                if (json.contains(mark)) {
                    theirs.add(id);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE inbox SET raw_json = '' WHERE update_id = ?")) {
            for (long id : theirs) {
                p.setLong(1, id);
                p.executeUpdate();
            }
        }
    }

    /** Each partner of the couple goes on alone in a new couple of one, with only the journal lines they wrote. */
    private static void split(Connection c, long coupleId, long now) throws SQLException {
        {
            List<long[]> partners = new ArrayList<>(); // partner ordinal, user id, private chat id or 0
            try (PreparedStatement p = c.prepareStatement("SELECT m.partner, m.user_id, ch.id FROM members m "
                    + "LEFT JOIN chats ch ON ch.couple_id = m.couple_id AND ch.kind = 'private' AND ch.partner = m.partner "
                    + "WHERE m.couple_id = ?")) {
                p.setLong(1, coupleId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        partners.add(new long[] {Partner.valueOf(rs.getString(1)).ordinal(), rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            List<Long> alone = new ArrayList<>();
            for (long[] who : partners) {
                long newCouple = insertCouple(c, now);
                alone.add(newCouple);
                moveJournal(c, coupleId, Partner.values()[(int) who[0]], newCouple, Partner.A);
            }
            dropCouple(c, coupleId);
            for (int i = 0; i < partners.size(); i++) {
                long[] who = partners.get(i);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO members (couple_id, partner, user_id) VALUES (?, 'A', ?)")) {
                    p.setLong(1, alone.get(i));
                    p.setLong(2, who[1]);
                    p.executeUpdate();
                }
                if (who[2] != 0) {
                    registerPrivate(c, who[2], alone.get(i), Partner.A);
                }
            }
        }
    }

    @Override
    public void propose(GroupProposal proposal, Reply reply) {
        long now = db.clock().millis();
        db.write("propose group " + proposal.chatId() + " for couple " + proposal.coupleId(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO group_proposals (chat_id, couple_id, proposed_by, "
                    + "created) VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET couple_id = excluded.couple_id, "
                    + "proposed_by = excluded.proposed_by, created = excluded.created")) {
                p.setLong(1, proposal.chatId());
                p.setLong(2, proposal.coupleId());
                p.setString(3, proposal.proposedBy().name());
                p.setLong(4, now);
                p.executeUpdate();
            }
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public Optional<GroupProposal> proposal(long chatId) {
        return db.read("read the proposal for group " + chatId, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT couple_id, proposed_by FROM group_proposals WHERE chat_id = ?")) {
                p.setLong(1, chatId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new GroupProposal(chatId, rs.getLong(1), Partner.valueOf(rs.getString(2))))
                            : Optional.<GroupProposal>empty();
                }
            }
        });
    }

    @Override
    public void link(long chatId, long coupleId, Reply reply) {
        long now = db.clock().millis();
        db.write("link group " + chatId + " to couple " + coupleId, c -> {
            update(c, "DELETE FROM group_proposals WHERE chat_id = ?", chatId);
            update(c, "DELETE FROM chats WHERE couple_id = ? AND kind = 'group'", coupleId);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO chats (id, kind, couple_id, partner) "
                    + "VALUES (?, 'group', ?, NULL) ON CONFLICT (id) DO UPDATE SET kind = 'group', couple_id = excluded.couple_id, "
                    + "partner = NULL")) {
                p.setLong(1, chatId);
                p.setLong(2, coupleId);
                p.executeUpdate();
            }
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public OptionalLong unlink(long chatId, Reply reply) {
        long now = db.clock().millis();
        return db.write("unlink group " + chatId, c -> {
            OptionalLong couple = groupCouple(c, chatId);
            update(c, "DELETE FROM group_proposals WHERE chat_id = ?", chatId);
            update(c, "DELETE FROM chats WHERE id = ? AND kind = 'group'", chatId);
            reply(c, reply, now);
            return couple;
        });
    }

    @Override
    public void groupMigrated(long fromChatId, long toChatId) {
        db.write("move the proposal of group " + fromChatId + " to " + toChatId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE OR REPLACE group_proposals SET chat_id = ? WHERE chat_id = ?")) {
                p.setLong(1, toChatId);
                p.setLong(2, fromChatId);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public OptionalLong coupleOfGroup(long chatId) {
        return db.read("find the couple of group " + chatId, c -> groupCouple(c, chatId));
    }

    @Override
    public void markUnreachable(long userId, Reply reply) {
        long now = db.clock().millis();
        db.write("mark user " + userId + " unreachable", c -> {
            SqliteCouples.setUnreachable(c, userId, true);
            reply(c, reply, now);
            return null;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static OptionalLong groupCouple(Connection c, long chatId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT couple_id FROM chats WHERE id = ? AND kind = 'group'")) {
            p.setLong(1, chatId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static OptionalLong coupleOfUser(Connection c, long userId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT couple_id FROM members WHERE user_id = ?")) {
            p.setLong(1, userId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static int memberCount(Connection c, long coupleId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM members WHERE couple_id = ?")) {
            p.setLong(1, coupleId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static long insertCouple(Connection c, long now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO couples (created, status) VALUES (?, 'forming') RETURNING id")) {
            p.setLong(1, now);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The journal lines {@code author} wrote in one couple become theirs, as {@code as}, in another. */
    private static void moveJournal(Connection c, long from, Partner author, long to, Partner as) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE journal SET couple_id = ?, author = ? WHERE couple_id = ? AND author = ?")) {
            p.setLong(1, to);
            p.setString(2, as.name());
            p.setLong(3, from);
            p.setString(4, author.name());
            p.executeUpdate();
        }
    }

    /**
     * Removes a couple and everything of it that is left: session, timers, journal lines nobody took, message ids,
     * chats, proposals, invitations, members. Outbox rows keep their chat but lose the couple.
     */
    private static void dropCouple(Connection c, long coupleId) throws SQLException {
        for (String sql : List.of(
                "DELETE FROM sessions WHERE couple_id = ?",
                "DELETE FROM timers WHERE couple_id = ?",
                "DELETE FROM reminders WHERE couple_id = ?",
                "DELETE FROM journal WHERE couple_id = ?",
                "DELETE FROM message_refs WHERE couple_id = ?",
                "UPDATE outbox SET couple_id = NULL, message_ref = NULL WHERE couple_id = ?",
                "DELETE FROM chats WHERE couple_id = ?",
                "DELETE FROM group_proposals WHERE couple_id = ?",
                "DELETE FROM invitations WHERE couple_id = ?",
                "DELETE FROM members WHERE couple_id = ?",
                "DELETE FROM couples WHERE id = ?")) {
            update(c, sql, coupleId);
        }
    }

    private static void registerPrivate(Connection c, long chatId, long coupleId, Partner partner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'private', "
                + "?, ?) ON CONFLICT (id) DO UPDATE SET kind = 'private', couple_id = excluded.couple_id, "
                + "partner = excluded.partner")) {
            p.setLong(1, chatId);
            p.setLong(2, coupleId);
            p.setString(3, partner.name());
            p.executeUpdate();
        }
    }

    private void reply(Connection c, Reply reply, long now) throws SQLException {
        for (Outgoing m : reply.messages()) {
            SqliteOutbox.enqueue(c, db.key(), null, m, now);
        }
        if (reply.doneUpdate().isPresent()) {
            SqliteInbox.markDone(c, reply.doneUpdate().getAsLong(), now);
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Long l) {
                    p.setLong(i + 1, l);
                } else {
                    p.setString(i + 1, (String) args[i]);
                }
            }
            return p.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static void setInstant(PreparedStatement p, int i, Instant v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.INTEGER);
        } else {
            p.setLong(i, v.toEpochMilli());
        }
    }
}
