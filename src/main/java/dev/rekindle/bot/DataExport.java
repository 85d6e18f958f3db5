package dev.rekindle.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rekindle.dialog.engine.Frame;
import dev.rekindle.dialog.engine.Run;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Invitation;
import dev.rekindle.store.JournalEntry;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.User;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything stored about one person, as JSON, for /export: their user record and profile (with their consent
 * and their own answer to the safety question), whether they are paired, the journal lines they wrote, the answers
 * they gave in dialogs still running and what they agreed to share, their reminders, and the invitations they made. Nothing the
 * partner wrote: not their answers, not their journal lines, not their safety answer.
 */
public final class DataExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Store store;
    /** What the file is, in the person's words (bot.yaml {@code export_about}). */
    private final String about;

    public DataExport(Store store, String about) {
        this.store = store;
        this.about = about;
    }

    public byte[] of(long userId, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("exported", now.toString());
        root.put("about", about);
        user(root, userId);
        store.pairings().profile(userId).ifPresent(p -> profile(root.putObject("onboarding"), p));
        Optional<Couple> couple = store.couples().coupleOf(userId);
        ArrayNode journal = root.putArray("journal");
        ArrayNode answers = root.putArray("answers");
        ArrayNode consents = root.putArray("consents");
        ArrayNode reminders = root.putArray("reminders");
        couple.ifPresent(c -> {
            Partner me = c.users().entrySet().stream()
                    .filter(e -> e.getValue() == userId)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
            root.putObject("couple")
                    .put("paired", c.users().size() == 2)
                    .put("since", c.created().toString());
            journal(journal, c.id(), me);
            reminders(reminders, c.id(), me);
            answers(answers, consents, c.id(), me);
        });
        invitations(root.putArray("invitations"), userId);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void user(ObjectNode root, long userId) {
        Optional<User> user = store.couples().user(userId);
        ObjectNode u = root.putObject("user");
        u.put("telegram_id", userId);
        user.ifPresent(x -> {
            u.put("name", x.displayName());
            u.put("time_zone", x.timeZone().getId());
            u.put("first_seen", x.created().toString());
            u.put("unreachable", x.unreachable());
        });
    }

    /** The journal lines {@code me} wrote; not the partner's. */
    private void journal(ArrayNode journal, long coupleId, Partner me) {
        for (JournalEntry e : store.journal().list(coupleId)) {
            if (e.author() == me) {
                journal.addObject()
                        .put("kind", e.kind())
                        .put("dialog", e.dialog())
                        .put("text", e.text())
                        .put("written", e.created().toString());
            }
        }
    }

    private void reminders(ArrayNode reminders, long coupleId, Partner me) {
        for (dev.rekindle.store.StoredReminder r : store.reminders().of(coupleId, me)) {
            ArrayNode days = reminders
                    .addObject()
                    .put("dialog", r.dialog())
                    .put("at", r.at().toString())
                    .put("time_zone", r.zone().getId())
                    .put("text", dev.rekindle.dialog.engine.Engine.plainText(r.html()))
                    .put("next", r.nextDue().toString())
                    .putArray("days");
            r.days().stream().sorted().forEach(d -> days.add(d.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The answers {@code me} gave in dialogs still running, and what they agreed to share. */
    private void answers(ArrayNode answers, ArrayNode consents, long coupleId, Partner me) {
        store.sessions().load(coupleId).map(StoredSession::session).ifPresent(s -> {
            for (Run run : s.runs().values()) {
                for (Frame f : run.stack()) {
                    f.answers()
                            .getOrDefault(me, Map.of())
                            .forEach((var, text) -> answers.addObject()
                                    .put("dialog", f.dialog())
                                    .put("question", var)
                                    .put("answer", text));
                    for (Frame.Consent k : f.consents()) {
                        if (k.author() == me) {
                            consents.addObject()
                                    .put("dialog", f.dialog())
                                    .put("answer", k.variable())
                                    .put("shown_to", k.with().name().toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
        });
    }

    private void invitations(ArrayNode invitations, long userId) {
        for (Invitation i : store.pairings().invitationsBy(userId)) {
            ObjectNode o = invitations
                    .addObject()
                    .put("made", i.created().toString())
                    .put("expires", i.expires().toString());
            if (i.used() != null) {
                o.put("used", i.used().toString());
            }
        }
    }

    private static void profile(ObjectNode o, Profile p) {
        o.put("step", p.step().name().toLowerCase(java.util.Locale.ROOT));
        o.put("said_18_or_older", p.adult());
        if (p.consented() != null) {
            o.put("agreed_to_privacy_note", p.consented().toString());
        }
        if (p.safety() != null) {
            o.put("safety_answer", p.safety().name().toLowerCase(java.util.Locale.ROOT));
            o.put("safety_answered", p.screened().toString());
        }
    }
}
