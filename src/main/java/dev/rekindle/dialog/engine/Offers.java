package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Free text the classifier was unsure of, outside any dialog: the one or two likeliest exercises of this chat are
 * offered as buttons (their titles), with "something else", which shows the menu. Nothing starts without a tap.
 * The sentences are bot.yaml's {@code offer_one}, {@code offer_two} and {@code label_something_else}.
 */
final class Offers {
    /** The choice of "something else": not a dialog id, which starts with a letter. */
    static final String SOMETHING_ELSE = "_menu";

    static final int MAX = 2;

    private final Turn t;

    Offers(Turn t) {
        this.t = t;
    }

    /**
     * Offers the exercises of this chat that {@code intents} start, the likeliest first; false (nothing said) when
     * none of them starts one here.
     */
    boolean offer(Partner from, Chat chat, List<String> intents) {
        List<Dialog> dialogs = dialogsFor(chat, intents);
        if (dialogs.isEmpty()) {
            return false;
        }
        long msg = t.nextSeq();
        List<Action.ButtonOut> buttons = new ArrayList<>();
        for (Dialog d : dialogs) {
            buttons.add(new Action.ButtonOut(d.title(), CallbackData.encodeOffer(d.id(), msg)));
        }
        buttons.add(new Action.ButtonOut(
                t.rendering.plainBot("label_something_else"), CallbackData.encodeOffer(SOMETHING_ELSE, msg)));
        String key = dialogs.size() == 1 ? "offer_one" : "offer_two";
        t.rendering.sendWithButtons(chat, msg, t.rendering.renderBare(t.bot.message(key), "bot/" + key), buttons);
        return true;
    }

    /** A press on an offer: the offered exercise starts, or "something else" shows the menu. */
    void press(Partner from, Chat chat, CallbackData cb) {
        // an offer is made only when nothing runs in its chat: once something does, an old offer must not end it
        if (t.runs.containsKey(chat)) {
            t.emit(new Action.CloseButtons(chat, cb.ref(), null));
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        if (cb.choice().equals(SOMETHING_ELSE)) {
            t.emit(new Action.CloseButtons(
                    chat, cb.ref(), t.answerShown(chat, from, t.rendering.plainBot("label_something_else"))));
            t.commands.menu(chat);
            return;
        }
        // only what free text could have started here can be started from an offer, whatever a modified client sends
        Optional<Dialog> d = t.library.current(cb.choice()).filter(x -> startsByIntentIn(x, chat));
        if (d.isEmpty()) {
            t.emit(new Action.CloseButtons(chat, cb.ref(), null));
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        t.emit(new Action.CloseButtons(
                chat, cb.ref(), t.answerShown(chat, from, d.get().title())));
        t.lifecycle.startDialog(chat, d.get(), from);
    }

    private List<Dialog> dialogsFor(Chat chat, List<String> intents) {
        List<Dialog> out = new ArrayList<>(MAX);
        for (String intent : intents) {
            for (Dialog d : t.library.byIntent(intent)) {
                if (out.size() < MAX && !out.contains(d) && d.audience() == audienceOf(chat)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    static boolean startsByIntentIn(Dialog d, Chat chat) {
        return d.audience() == audienceOf(chat) && !d.triggers().intents().isEmpty();
    }

    private static Audience audienceOf(Chat chat) {
        return chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
    }
}
