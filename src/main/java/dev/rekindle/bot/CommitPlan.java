package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Effects;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.Outcome;
import dev.rekindle.store.Cause;
import dev.rekindle.store.NewReminder;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.UpdateCommit;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one commit of a turn, read from the engine's actions: messages as outbox entries (for the chats the couple
 * has), timers set and cancelled, journal lines, reminders and the sentences about them; what only informs
 * (trouble, safety, dialogs started and ended) is logged. Log lines are the core's (same logger), without text.
 *
 * <p>A turn that answers a press queues, first, the answer to the press itself ({@link OutboxMessage.PressAnswer}):
 * the engine's refusal for its presser alone, or an empty answer that only says the press was taken; and the
 * pressed message, when the press closed it with an answer, is edited to show that answer under its text.
 */
final class CommitPlan {
    private static final Logger LOG = LoggerFactory.getLogger(BotCore.class);

    private final Map<Chat, Long> chatIds;
    private final ReminderDelivery reminders;
    private final InstantSource clock;
    private final long coupleId;
    /** The press this turn answers, or null. */
    private final Received.Press press;

    private final List<Outgoing> outbox = new ArrayList<>();
    private final List<NewReminder> newReminders = new ArrayList<>();
    private final List<Outgoing> reminderNotes = new ArrayList<>();

    private CommitPlan(
            Map<Chat, Long> chatIds,
            ReminderDelivery reminders,
            InstantSource clock,
            long coupleId,
            Received.Press press) {
        this.chatIds = chatIds;
        this.reminders = reminders;
        this.clock = clock;
        this.coupleId = coupleId;
        this.press = press;
    }

    /**
     * What {@code outcome} writes for the couple whose turn started from {@code turn}, marking {@code cause} done;
     * {@code press} is the press the turn answers (null for any other input).
     */
    static UpdateCommit of(
            ReminderDelivery reminders,
            InstantSource clock,
            long coupleId,
            CoupleSessions.Loaded turn,
            Outcome outcome,
            Cause cause,
            Received.Press press) {
        long version = turn.version();
        CommitPlan plan = new CommitPlan(turn.chatIds(), reminders, clock, coupleId, press);
        Effects effects = Effects.of(outcome);
        plan.answer(effects.refusals());
        for (Action.ToChat m : effects.toChats()) {
            plan.queue(m);
        }
        for (Action.SetReminder r : effects.reminders()) {
            plan.remind(r);
        }
        effects.notices().forEach(plan::log);
        plan.outbox.addAll(plan.reminderNotes); // after the dialog's own words about the reminder
        return new UpdateCommit(
                coupleId,
                version,
                outcome.session(),
                effects.journal(),
                effects.timersSet(),
                effects.timersCancelled(),
                plan.outbox,
                cause,
                plan.newReminders);
    }

    /**
     * The answer to the press, first in the turn: the refusal's words in a pop-up to its presser, or nothing but "taken".
     * A refusal with no press to answer (the press was answered already) is said in the chat instead, which only
     * happens in the presser's own private chat.
     */
    private void answer(List<Action.Refusal> refusals) {
        String answerId = press == null ? null : press.answerId();
        if (answerId != null) {
            String text = refusals.isEmpty() ? null : refusals.get(0).text();
            outbox.add(OutboxPayload.entry(press.from().chatId(), new OutboxMessage.PressAnswer(answerId, text), null));
            return;
        }
        for (Action.Refusal r : refusals) {
            String html = OutboxPayload.escapeHtml(r.text());
            chatId(r.chat())
                    .ifPresent(id -> outbox.add(OutboxPayload.entry(id, new OutboxMessage.Text(html, null), null)));
        }
    }

    private void queue(Action.ToChat m) {
        OutboxMessage message;
        if (m instanceof Action.Send s) {
            message = OutboxPayload.of(s);
        } else {
            Action.CloseButtons c = (Action.CloseButtons) m;
            // the pressed message is the one the press's own button sits on; a turn may close others with an answer
            // too (a share's question, answered from the question asked before another exercise)
            boolean pressed = press != null
                    && c.chosenLabel() != null
                    && c.to() == press.who().chat()
                    && Engine.messageOf(press.data())
                            .filter(r -> r.equals(c.ref()))
                            .isPresent();
            message = new OutboxMessage.CloseButtons(0, c.chosenLabel(), pressed ? press.pressedHtml() : null);
        }
        chatId(m.to()).ifPresent(id -> outbox.add(OutboxPayload.entry(id, message, m.ref())));
    }

    private void remind(Action.SetReminder r) {
        reminders.plan(coupleId, r, clock.instant()).ifPresent(p -> {
            newReminders.add(p.reminder());
            reminderNotes.addAll(p.notes());
        });
    }

    private void log(Action a) {
        if (a instanceof Action.Trouble t) {
            LOG.warn(
                    "couple {}: dialog {} in state {} (chat {}) misbehaved: {}",
                    coupleId,
                    t.dialog(),
                    t.state(),
                    t.chat(),
                    t.problem());
        } else if (a instanceof Action.SafetyRaised s) {
            LOG.info("couple {}: the safety hook fired for partner {} ({})", coupleId, s.partner(), s.kind());
        } else if (a instanceof Action.DialogStarted d) {
            LOG.debug("couple {}: dialog {}@{} started in chat {}", coupleId, d.dialog(), d.version(), d.chat());
        } else if (a instanceof Action.DialogEnded d) {
            LOG.debug("couple {}: dialog {} ended in chat {} ({})", coupleId, d.dialog(), d.chat(), d.reason());
        }
        // Shared: the delivering Send follows in the same list; nothing else to do
    }

    private OptionalLong chatId(Chat chat) {
        Long found = chatIds.get(chat);
        OptionalLong id = found == null ? OptionalLong.empty() : OptionalLong.of(found);
        if (id.isEmpty()) {
            // e.g. a group dialog's message before the couple added the bot to a group: nowhere to deliver
            LOG.warn("couple {} has no {} chat registered; a message for it is dropped", coupleId, chat);
        }
        return id;
    }
}
