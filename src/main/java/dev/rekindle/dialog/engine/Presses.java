package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.List;
import java.util.Optional;

/**
 * A button press: a menu choice, or a press on the open message of a run, handed to the step kind that asked.
 * Anything else is stale, which also makes a duplicated press harmless.
 */
final class Presses {
    private final Turn t;

    Presses(Turn t) {
        this.t = t;
    }

    void press(Partner from, Chat chat, String data) {
        Optional<CallbackData> parsed = CallbackData.parse(data);
        if (parsed.isEmpty()) {
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        CallbackData cb = parsed.get();
        if (cb.isMenu()) {
            menu(from, chat, cb);
            return;
        }
        if (cb.isOffer()) {
            t.offers.press(from, chat, cb);
            return;
        }
        if (UnsentShares.DATA.equals(cb.dialog())) {
            t.unsent.press(from, chat, cb); // send, keep or drop an answer before another exercise starts
            return;
        }
        Chat runChat = findRunFor(chat, cb);
        if (runChat == null) {
            t.emit(new Action.CloseButtons(chat, cb.ref(), null));
            if (!t.versions.moved()) {
                t.refuse(chat, Action.Refusal.Reason.STALE);
            }
            return;
        }
        Run run = t.runs.get(runChat);
        State state = t.stateOf(run.top());
        Step step = state.step();
        if (step instanceof Step.Rendezvous rv && cb.choice().startsWith(Rendezvous.ANSWER)) {
            t.rendezvous.button(runChat, from, chat, rv, cb);
        } else if (step instanceof Step.Rendezvous rv) {
            t.rendezvous.consent(runChat, from, chat, rv, cb);
        } else if (step instanceof Step.Share share) {
            t.shares.answer(runChat, from, chat, share, cb);
        } else if (step instanceof Step.AssignRoles roles) {
            t.roles.press(runChat, state, from, chat, roles, cb);
        } else if (step instanceof Step.Wait wait) {
            t.waits.press(runChat, state, from, chat, wait, cb);
        } else {
            t.refuse(chat, Action.Refusal.Reason.STALE);
        }
    }

    private void menu(Partner from, Chat chat, CallbackData cb) {
        // only what the menu offers can be started from it, whatever data a modified client sends
        Optional<Dialog> d =
                Commands.menuOf(t.bot, chat).contains(cb.choice()) ? t.library.current(cb.choice()) : Optional.empty();
        if (d.isEmpty()) {
            t.emit(new Action.CloseButtons(chat, cb.ref(), null));
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        t.emit(new Action.CloseButtons(
                chat, cb.ref(), t.answerShown(chat, from, d.get().title())));
        if (cb.choice().equals(t.bot.support())) {
            t.flows.support(from, chat); // as /support: on top of whatever runs, which goes on afterwards
            return;
        }
        t.lifecycle.startDialog(chat, d.get(), from);
    }

    /** The chat whose run shows the pressed message: this chat's own run, or the group's (consent asked privately). */
    private Chat findRunFor(Chat chat, CallbackData cb) {
        for (Chat c : chat.isGroup() ? List.of(Chat.GROUP) : List.of(chat, Chat.GROUP)) {
            Run run = t.runs.get(c);
            if (run == null || !t.versions.refresh(c)) {
                continue;
            }
            Frame f = t.runs.get(c).top();
            if (!f.dialog().equals(cb.dialog()) || !f.state().equals(cb.state())) {
                continue;
            }
            String ref = cb.ref();
            if (ref.equals(f.buttonsRef()) || f.waiting().refs().containsValue(ref)) {
                return c;
            }
        }
        return null;
    }
}
