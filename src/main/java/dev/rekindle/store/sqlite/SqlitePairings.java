package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.GroupProposal;
import dev.rekindle.store.Invitation;
import dev.rekindle.store.InvitationGoneException;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Pairings;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * {@link Pairings} in the profiles, invitations and group_proposals tables, and the couples tables they change.
 * Each change is one transaction that ends with its {@link Reply}; how a couple is joined, split or dropped is
 * {@link CoupleSurgery}'s, how a person is erased {@link Forgetting}'s.
 */
final class SqlitePairings implements Pairings {
    private final Database db;
    private final LongConsumer dropped;
    private final ChatIdsCache chats;

    /** {@code dropped} hears of each couple removed, after the commit, so a cached session of it goes too. */
    SqlitePairings(Database db, LongConsumer dropped, ChatIdsCache chats) {
        this.db = db;
        this.dropped = dropped;
        this.chats = chats;
    }

    /** Pairing, linking, unlinking and forgetting change couples' chats; the rest is rare enough to count too. */
    private <T> T write(String what, SqlWork<T> work) {
        return chats.write(db, what, work);
    }

    // ---------------------------------------------------------------- profiles

    @Override
    public Optional<Profile> profile(long userId) {
        return db.read(
                "read the profile of user " + userId,
                c -> Sql.on(
                                c,
                                "SELECT step, adult, consented, safety, "
                                        + "screened, pending_invite FROM profiles WHERE user_id = ?")
                        .bind(userId)
                        .one(rs -> new Profile(
                                userId,
                                Columns.step(rs.getString(1)),
                                rs.getInt(2) == 1,
                                instant(rs, 3),
                                Columns.safety(rs.getString(4)),
                                instant(rs, 5),
                                rs.getString(6))));
    }

    @Override
    public void save(Profile profile, String displayName, ZoneId timeZone, Reply reply) {
        long now = db.clock().millis();
        write("save the profile of user " + profile.userId(), c -> {
            Sql.on(
                            c,
                            "INSERT INTO profiles (user_id, step, adult, consented, safety, "
                                    + "screened, pending_invite, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                                    + "step = excluded.step, adult = excluded.adult, consented = excluded.consented, "
                                    + "safety = excluded.safety, screened = excluded.screened, pending_invite = excluded.pending_invite, "
                                    + "updated = excluded.updated")
                    .bind(
                            profile.userId(),
                            Columns.name(profile.step()),
                            profile.adult() ? 1 : 0,
                            millis(profile.consented()),
                            profile.safety() == null ? null : Columns.name(profile.safety()),
                            millis(profile.screened()),
                            profile.pendingInvite(),
                            now)
                    .update();
            if (displayName != null) {
                Sql.on(c, "UPDATE users SET display_name = ? WHERE id = ?")
                        .bind(displayName, profile.userId())
                        .update();
            }
            if (timeZone != null) {
                Sql.on(c, "UPDATE users SET time_zone = ? WHERE id = ?")
                        .bind(timeZone.getId(), profile.userId())
                        .update();
            }
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public void say(Reply reply) {
        long now = db.clock().millis();
        write("queue a reply", c -> {
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public void markUnreachable(long userId, Reply reply) {
        long now = db.clock().millis();
        write("mark user " + userId + " unreachable", c -> {
            int changed = SqliteCouples.setUnreachable(c, userId, true);
            // what the reply says is about the change: a second report of the same block says nothing again
            reply(c, changed == 1 ? reply : new Reply(List.of(), reply.doneUpdate()), now);
            return null;
        });
    }

    // ---------------------------------------------------------------- invitations and couples

    @Override
    public void invite(String codeHash, long coupleId, long inviter, Instant expires, Reply reply) {
        long now = db.clock().millis();
        write("store an invitation of user " + inviter, c -> {
            Sql.on(c, "DELETE FROM invitations WHERE inviter = ? AND used IS NULL")
                    .bind(inviter)
                    .update();
            Sql.on(
                            c,
                            "INSERT INTO invitations (code_hash, couple_id, inviter, created, "
                                    + "expires) VALUES (?, ?, ?, ?, ?)")
                    .bind(codeHash, coupleId, inviter, now, expires.toEpochMilli())
                    .update();
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
        return db.read(
                "list the invitations of user " + userId,
                c -> Sql.on(
                                c,
                                "SELECT code_hash, couple_id, created, "
                                        + "expires, used FROM invitations WHERE inviter = ? ORDER BY created")
                        .bind(userId)
                        .list(rs -> new Invitation(
                                rs.getString(1),
                                rs.getLong(2),
                                userId,
                                Instant.ofEpochMilli(rs.getLong(3)),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                instant(rs, 5))));
    }

    private static Optional<Invitation> invitation(Connection c, String codeHash) throws SQLException {
        return Sql.on(c, "SELECT couple_id, inviter, created, expires, used FROM invitations WHERE code_hash = ?")
                .bind(codeHash)
                .one(rs -> new Invitation(
                        codeHash,
                        rs.getLong(1),
                        rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        instant(rs, 5)));
    }

    @Override
    public long accept(String codeHash, long userB, long privateChatB, Instant at, Reply reply) {
        long now = db.clock().millis();
        long[] left = {0};
        long joined = write("let user " + userB + " accept an invitation", c -> {
            long coupleId = use(c, codeHash, userB, at, now).coupleId();
            left[0] = CoupleSurgery.join(c, coupleId, userB, privateChatB);
            Sql.on(c, "UPDATE profiles SET pending_invite = NULL WHERE user_id = ?")
                    .bind(userB)
                    .update();
            Sql.on(c, "DELETE FROM invitations WHERE couple_id = ? AND used IS NULL")
                    .bind(coupleId)
                    .update();
            reply(c, reply, now);
            return coupleId;
        });
        if (left[0] != 0) {
            dropped.accept(left[0]);
        }
        return joined;
    }

    /** Marks the invitation used by {@code userB}, or throws when it cannot be. */
    private static Invitation use(Connection c, String codeHash, long userB, Instant at, long now) throws SQLException {
        Invitation inv = invitation(c, codeHash).orElseThrow(() -> new InvitationGoneException("no such invitation"));
        if (inv.usedOrExpired(at)) {
            throw new InvitationGoneException("the invitation was used or has expired");
        }
        if (inv.inviter() == userB) {
            throw new InvitationGoneException("an invitation cannot be accepted by its own inviter");
        }
        if (Sql.on(c, "UPDATE invitations SET used = ?, used_by = ? WHERE code_hash = ? " + "AND used IS NULL")
                        .bind(now, userB, codeHash)
                        .update()
                != 1) {
            throw new InvitationGoneException("the invitation was used");
        }
        return inv;
    }

    @Override
    public void dissolve(long coupleId, Reply reply) {
        long now = db.clock().millis();
        write("dissolve couple " + coupleId, c -> {
            CoupleSurgery.split(c, coupleId, now);
            reply(c, reply, now);
            return null;
        });
        dropped.accept(coupleId);
    }

    @Override
    public void forget(long userId, Reply reply) {
        long now = db.clock().millis();
        List<Long> gone = write("forget user " + userId, c -> {
            List<Long> dropped = Forgetting.forget(c, db.key(), userId, now);
            reply(c, reply, now);
            return dropped;
        });
        gone.forEach(dropped::accept);
        db.checkpoint();
    }

    // ---------------------------------------------------------------- groups

    @Override
    public void propose(GroupProposal proposal, Reply reply) {
        long now = db.clock().millis();
        write("propose group " + proposal.chatId() + " for couple " + proposal.coupleId(), c -> {
            Sql.on(
                            c,
                            "INSERT INTO group_proposals (chat_id, couple_id, proposed_by, "
                                    + "created) VALUES (?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET couple_id = excluded.couple_id, "
                                    + "proposed_by = excluded.proposed_by, created = excluded.created")
                    .bind(
                            proposal.chatId(),
                            proposal.coupleId(),
                            proposal.proposedBy().name(),
                            now)
                    .update();
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public Optional<GroupProposal> proposal(long chatId) {
        return db.read(
                "read the proposal for group " + chatId,
                c -> Sql.on(c, "SELECT couple_id, proposed_by FROM group_proposals WHERE chat_id = ?")
                        .bind(chatId)
                        .one(rs -> new GroupProposal(chatId, rs.getLong(1), Partner.valueOf(rs.getString(2)))));
    }

    @Override
    public void link(long chatId, long coupleId, Reply reply) {
        long now = db.clock().millis();
        write("link group " + chatId + " to couple " + coupleId, c -> {
            Sql.on(c, "DELETE FROM group_proposals WHERE chat_id = ?")
                    .bind(chatId)
                    .update();
            Sql.on(c, "DELETE FROM chats WHERE couple_id = ? AND kind = 'group'")
                    .bind(coupleId)
                    .update();
            Sql.on(
                            c,
                            "INSERT INTO chats (id, kind, couple_id, partner) "
                                    + "VALUES (?, 'group', ?, NULL) ON CONFLICT (id) DO UPDATE SET kind = 'group', couple_id = excluded.couple_id, "
                                    + "partner = NULL")
                    .bind(chatId, coupleId)
                    .update();
            reply(c, reply, now);
            return null;
        });
    }

    @Override
    public OptionalLong unlink(long chatId, Reply reply) {
        long now = db.clock().millis();
        return write("unlink group " + chatId, c -> {
            OptionalLong couple = groupCouple(c, chatId);
            // a group that is no longer the couple's gets nothing more of theirs (the reply, queued after, may speak)
            Sql.on(c, "DELETE FROM outbox WHERE chat_id = ? AND state = 'pending'")
                    .bind(chatId)
                    .update();
            Sql.on(c, "DELETE FROM group_proposals WHERE chat_id = ?")
                    .bind(chatId)
                    .update();
            Sql.on(c, "DELETE FROM chats WHERE id = ? AND kind = 'group'")
                    .bind(chatId)
                    .update();
            reply(c, reply, now);
            return couple;
        });
    }

    @Override
    public void groupMigrated(long fromChatId, long toChatId) {
        write(
                "move the proposal of group " + fromChatId + " to " + toChatId,
                c -> Sql.on(c, "UPDATE OR REPLACE group_proposals SET chat_id = ? WHERE chat_id = ?")
                        .bind(toChatId, fromChatId)
                        .update());
    }

    @Override
    public OptionalLong coupleOfGroup(long chatId) {
        return db.read("find the couple of group " + chatId, c -> groupCouple(c, chatId));
    }

    private static OptionalLong groupCouple(Connection c, long chatId) throws SQLException {
        return Sql.on(c, "SELECT couple_id FROM chats WHERE id = ? AND kind = 'group'")
                .bind(chatId)
                .oneLong();
    }

    // ---------------------------------------------------------------- helpers

    private void reply(Connection c, Reply reply, long now) throws SQLException {
        for (Outgoing m : reply.messages()) {
            SqliteOutbox.enqueue(c, db.key(), null, m, now);
        }
        if (reply.doneUpdate().isPresent()) {
            SqliteInbox.markDone(c, reply.doneUpdate().getAsLong(), now);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** An instant as stored: epoch milliseconds, or null. */
    private static Long millis(Instant v) {
        return v == null ? null : v.toEpochMilli();
    }
}
