package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A state that waits for one person: its question and buttons, then a typed answer or a press. */
final class Waits {
    private final Turn t;

    Waits(Turn t) {
        this.t = t;
    }

    /** Asks the state's question with its buttons, and starts its timer. */
    void enter(Chat chat, State state, Step.Wait wait) {
        Run run = t.runs.get(chat);
        Frame frame = run.top();
        String ref = null;
        if (state.say() != null || !wait.buttons().isEmpty()) {
            long msg = t.nextSeq();
            List<Action.ButtonOut> buttons = new ArrayList<>();
            for (int i = 0; i < wait.buttons().size(); i++) {
                buttons.add(Rendering.button(wait.buttons().get(i).label(), frame, Integer.toString(i), msg));
            }
            String html = t.rendering.render(
                    t.rendering.authoredOr(state.say(), "use_buttons"),
                    Rendering.variantKey(frame, "say"),
                    t.rendering.ctx(chat, run.lastActor()));
            ref = t.rendering.sendWithButtons(chat, msg, html, buttons);
            if (buttons.isEmpty()) {
                ref = null;
            }
        }
        t.runs.put(chat, run.withTop(frame.withButtonsRef(ref)));
        if (wait.timer() != null) {
            t.timers.schedule(chat, frame.step(), wait.timer(), false);
        }
    }

    /** A text in the chat whose run waits here: captured, routed by its intent, or taken as it is. */
    void text(Run run, State state, Step.Wait wait, Partner from, Chat chat, String text, String intent) {
        Frame frame = run.top();
        if (!t.roles.allows(run, state.actor(), from, chat)) {
            return;
        }
        Step.TextHandler handler = wait.text();
        if (handler instanceof Step.TextHandler.Capture cap) {
            Optional<String> value = AnswerCheck.accept(cap.validation(), text);
            if (value.isEmpty()) {
                t.rendering.say(
                        chat,
                        t.rendering.authoredOr(cap.invalid(), "invalid_input"),
                        Rendering.variantKey(frame, "invalid"),
                        t.rendering.ctx(chat, from));
                return;
            }
            frame = t.safety.keep(frame, from, cap.into(), value.get(), chat);
            t.closeOpenButtons(chat, frame, null);
            t.putTop(chat, frame, from);
            t.safety.continueTo(chat, from, cap.to());
        } else if (handler instanceof Step.TextHandler.Routes routes) {
            String target = routes.byIntent().getOrDefault(intent, routes.fallback());
            t.closeOpenButtons(chat, frame, null);
            t.putTop(chat, frame, from);
            t.enter(chat, target);
        } else {
            Step.TextHandler.AnyText any = (Step.TextHandler.AnyText) handler;
            t.closeOpenButtons(chat, frame, null);
            t.putTop(chat, frame, from);
            t.safety.continueTo(chat, from, any.to());
        }
    }

    /**
     * A press on one of the state's buttons, by someone its actor (the button's own, else the state's) lets press:
     * its variables are set and the dialog goes where it leads.
     */
    void press(Chat runChat, State state, Partner from, Chat chat, Step.Wait wait, CallbackData cb) {
        Run run = t.runs.get(runChat);
        int index = cb.index("");
        if (index < 0 || index >= wait.buttons().size()) {
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        Button b = wait.buttons().get(index);
        if (!t.roles.allows(run, b.actorIn(state), from, chat)) {
            return;
        }
        Frame frame = run.top();
        Map<String, String> vars = new LinkedHashMap<>(frame.vars());
        vars.putAll(b.set());
        Frame updated = frame.withVars(vars).withButtonsRef(null);
        t.emit(new Action.CloseButtons(chat, cb.ref(), t.answerShown(chat, from, b.label())));
        t.putTop(runChat, updated, from);
        t.enter(runChat, b.to());
    }
}
