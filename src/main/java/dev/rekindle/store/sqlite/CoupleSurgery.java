package dev.rekindle.store.sqlite;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.InvitationGoneException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The couples tables (couples, members, chats, and what hangs on a couple) as pairing changes them, inside the
 * caller's write transaction: a person joins the inviter's couple, a couple splits into two couples of one, a
 * couple is removed with everything left of it.
 */
final class CoupleSurgery {
    private CoupleSurgery() {}

    /**
     * {@code userB} joins the forming couple as partner B with their private chat; the couple of one they had
     * goes, their journal lines and reminders moving along. Returns the couple of one that went, or 0.
     */
    static long join(Connection c, long coupleId, long userB, long privateChatB) throws SQLException {
        if (Sql.on(c, "UPDATE couples SET status = 'active' WHERE id = ? AND status = 'forming'")
                        .bind(coupleId)
                        .update()
                != 1) {
            throw new InvitationGoneException("the inviter's couple is complete or gone");
        }
        long left = 0;
        OptionalLong own = coupleOfUser(c, userB);
        if (own.isPresent()) {
            if (memberCount(c, own.getAsLong()) > 1) {
                throw new InvitationGoneException("user " + userB + " is already in a couple of two");
            }
            moveJournal(c, own.getAsLong(), Partner.A, coupleId, Partner.B);
            SqliteReminders.move(c, own.getAsLong(), Partner.A, coupleId, Partner.B);
            dropCouple(c, own.getAsLong());
            left = own.getAsLong();
        }
        Sql.on(c, "INSERT INTO members (couple_id, partner, user_id) VALUES (?, 'B', ?)")
                .bind(coupleId, userB)
                .update();
        registerPrivate(c, privateChatB, coupleId, Partner.B);
        return left;
    }

    /** Each partner of the couple goes on alone in a new couple of one, with only the journal lines they wrote. */
    static void split(Connection c, long coupleId, long now) throws SQLException {
        // privateChat is 0 when the partner has none registered
        record Seat(Partner partner, long userId, long privateChat) {}
        List<Seat> partners = Sql.on(
                        c,
                        "SELECT m.partner, m.user_id, ch.id FROM members m "
                                + "LEFT JOIN chats ch ON ch.couple_id = m.couple_id AND ch.kind = 'private' AND ch.partner = m.partner "
                                + "WHERE m.couple_id = ?")
                .bind(coupleId)
                .list(rs -> new Seat(Partner.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
        List<Long> alone = new ArrayList<>();
        for (Seat who : partners) {
            long newCouple = insertCouple(c, now);
            alone.add(newCouple);
            moveJournal(c, coupleId, who.partner(), newCouple, Partner.A);
        }
        // the couple's group is the couple's no more: what waits to go there, which may quote either of them, stays
        Sql.on(
                        c,
                        "DELETE FROM outbox WHERE state = 'pending' AND chat_id IN "
                                + "(SELECT id FROM chats WHERE couple_id = ? AND kind = 'group')")
                .bind(coupleId)
                .update();
        dropCouple(c, coupleId);
        for (int i = 0; i < partners.size(); i++) {
            Seat who = partners.get(i);
            Sql.on(c, "INSERT INTO members (couple_id, partner, user_id) VALUES (?, 'A', ?)")
                    .bind(alone.get(i), who.userId())
                    .update();
            if (who.privateChat() != 0) {
                registerPrivate(c, who.privateChat(), alone.get(i), Partner.A);
            }
        }
    }

    /**
     * Removes a couple and everything of it that is left: session, timers, journal lines nobody took, message ids,
     * chats, proposals, invitations, members. Outbox rows keep their chat but lose the couple.
     */
    static void dropCouple(Connection c, long coupleId) throws SQLException {
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
            Sql.on(c, sql).bind(coupleId).update();
        }
    }

    static OptionalLong coupleOfUser(Connection c, long userId) throws SQLException {
        return Sql.on(c, "SELECT couple_id FROM members WHERE user_id = ?")
                .bind(userId)
                .oneLong();
    }

    static long memberCount(Connection c, long coupleId) throws SQLException {
        return Sql.on(c, "SELECT COUNT(*) FROM members WHERE couple_id = ?")
                .bind(coupleId)
                .firstLong();
    }

    private static long insertCouple(Connection c, long now) throws SQLException {
        return Sql.on(c, "INSERT INTO couples (created, status) VALUES (?, 'forming') RETURNING id")
                .bind(now)
                .firstLong();
    }

    /** The journal lines {@code author} wrote in one couple become theirs, as {@code as}, in another. */
    private static void moveJournal(Connection c, long from, Partner author, long to, Partner as) throws SQLException {
        Sql.on(c, "UPDATE journal SET couple_id = ?, author = ? WHERE couple_id = ? AND author = ?")
                .bind(to, as.name(), from, author.name())
                .update();
    }

    private static void registerPrivate(Connection c, long chatId, long coupleId, Partner partner) throws SQLException {
        Sql.on(
                        c,
                        "INSERT INTO chats (id, kind, couple_id, partner) VALUES (?, 'private', "
                                + "?, ?) ON CONFLICT (id) DO UPDATE SET kind = 'private', couple_id = excluded.couple_id, "
                                + "partner = excluded.partner")
                .bind(chatId, coupleId, partner.name())
                .update();
    }
}
