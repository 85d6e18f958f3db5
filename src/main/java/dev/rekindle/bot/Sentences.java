package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The couple-life sentences of bot.yaml as outbox entries, with buttons whose labels are bot.yaml sentences too. */
final class Sentences {
    /** Callback data of the bot's own flows; a colon never occurs in a dialog's callback data. */
    static final String PREFIX = "rk:";

    private final Engine engine;

    Sentences(Engine engine) {
        this.engine = engine;
        TreeSet<String> missing = new TreeSet<>(BotSettings.COUPLE_KEYS);
        missing.removeAll(engine.library().bot().messages().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("bot.yaml lacks the onboarding and pairing sentences " + missing
                    + "; add them under messages: (see dialogs/bot.yaml as shipped)");
        }
    }

    Outgoing say(long chatId, String key, Map<String, String> values, List<OutboxMessage.Button> buttons) {
        return OutboxPayload.entry(chatId, new OutboxMessage.Text(engine.botSentence(key, values), buttons), null);
    }

    Outgoing say(long chatId, String key, Map<String, String> values) {
        return say(chatId, key, values, List.of());
    }

    Outgoing say(long chatId, String key) {
        return say(chatId, key, Map.of(), List.of());
    }

    /**
     * Takes the buttons off the message a press came from, so a question of the bot's own flows cannot be
     * answered twice; none when the channel did not say which message it was.
     */
    List<Outgoing> closePressed(long chatId, Received r) {
        return r instanceof Received.Press p ? closePressed(chatId, p.messageId()) : List.of();
    }

    List<Outgoing> closePressed(long chatId, long messageId) {
        if (messageId <= 0) {
            return List.of();
        }
        // the id rides in the payload: an entry of no couple has no message_ref (a CHECK in the schema)
        return List.of(OutboxPayload.entry(chatId, new OutboxMessage.CloseButtons(messageId, null), null));
    }

    /**
     * The update's reply: when it answers a press of ours, the pressed message's buttons close first, so no
     * question of onboarding, pairing or a confirmation can be answered twice (a dialog's buttons close the same way).
     */
    Reply reply(Received r, long chatId, List<Outgoing> out) {
        return Reply.of(closing(r, chatId, out), r.updateId());
    }

    /** {@code out} after the closing of the pressed message's buttons: for a reply whose update the core marks done. */
    List<Outgoing> closing(Received r, long chatId, List<Outgoing> out) {
        List<Outgoing> all = new ArrayList<>(closePressed(chatId, r));
        all.addAll(out);
        return all;
    }

    /**
     * The answer to a press, for its presser alone: bot.yaml's {@code key} in a pop-up, or, with {@code key} null,
     * none that says more than "taken". A press answered already ({@code answerId} null) gets {@code key} as a
     * message in the chat instead, and nothing when there is nothing to say.
     */
    List<Outgoing> answer(long chatId, String answerId, String key) {
        if (answerId != null) {
            String text = key == null ? null : plain(key);
            return List.of(OutboxPayload.entry(chatId, new OutboxMessage.PressAnswer(answerId, text), null));
        }
        return key == null ? List.of() : List.of(say(chatId, key));
    }

    /** A sentence as plain text, for what is not a chat message (a file's description). */
    String plain(String key) {
        return engine.botLabel(key);
    }

    OutboxMessage.Button button(String labelKey, FlowButton button) {
        return new OutboxMessage.Button(engine.botLabel(labelKey), button.encode());
    }

    OutboxMessage.Button button(String labelKey, String what, String choice) {
        return new OutboxMessage.Button(engine.botLabel(labelKey), PREFIX + what + ":" + choice);
    }
}
