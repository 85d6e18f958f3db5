package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dialogs coming and going in a chat's run: started, called, handed over to, finished, ended, failed. */
final class Lifecycle {
    private final Turn t;

    Lifecycle(Turn t) {
        this.t = t;
    }

    void startDialog(Chat chat, Dialog dialog, Partner from) {
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        if (dialog.audience() != here) {
            t.sayBot(chat, dialog.audience() == Audience.PRIVATE ? "private_only" : "group_only");
            return;
        }
        if (dialog.audience() == Audience.GROUP && t.pauses.sharedPaused()) {
            t.sayBot(chat, "shared_paused");
            return;
        }
        if (t.unsent.asksFirst(chat, dialog) || t.unsent.replacesAboveKept(chat, dialog, from)) {
            return; // an answer waits to be shared: asked about first, or kept below the new exercise
        }
        if (t.runs.containsKey(chat)) {
            endRun(chat, EndReason.REPLACED);
        }
        beginRun(chat, dialog, from);
    }

    void beginRun(Chat chat, Dialog dialog, Partner from) {
        t.followUps.cancel(chat, dialog.id()); // started afresh, it will leave its own follow-up if it ends with one
        Frame frame = Frame.start(dialog, null);
        t.runs.put(chat, new Run(chat, chat.owner(), List.of(frame), Map.of(), from));
        t.emit(new Action.DialogStarted(chat, dialog.id(), dialog.version()));
        t.enter(chat, dialog.start());
    }

    /** Ends the whole run in a chat: its timers are cancelled and its open buttons closed. */
    void endRun(Chat chat, EndReason reason) {
        Run run = t.runs.remove(chat);
        if (run == null) {
            return;
        }
        t.timers.cancel(chat);
        Frame top = run.top();
        t.closeOpenButtons(chat, top, null);
        for (Map.Entry<Partner, String> e : top.waiting().refs().entrySet()) {
            t.emit(new Action.CloseButtons(Chat.privateOf(e.getKey()), e.getValue(), null));
        }
        for (int i = run.stack().size() - 1; i >= 0; i--) {
            t.emit(new Action.DialogEnded(chat, run.stack().get(i).dialog(), reason));
        }
    }

    void call(Chat chat, Step.Call call) {
        Run run = t.runs.get(chat);
        Optional<Dialog> callee = t.library.current(call.dialog());
        if (callee.isEmpty()) {
            fail(chat, "dialog '" + call.dialog() + "' to call does not exist");
            return;
        }
        if (run.stack().size() >= Turn.MAX_CALL_DEPTH) {
            fail(chat, "sub-dialogs nested deeper than " + Turn.MAX_CALL_DEPTH);
            return;
        }
        Dialog d = callee.get();
        List<Frame> stack = new ArrayList<>(run.stack());
        stack.add(Frame.start(d, call.returnTo()));
        t.runs.put(chat, run.withStack(stack));
        t.emit(new Action.DialogStarted(chat, d.id(), d.version()));
        t.enter(chat, d.start());
    }

    void handover(Chat chat, Step.Handover h) {
        Optional<Dialog> next = t.library.current(h.dialog());
        if (next.isEmpty()) {
            fail(chat, "dialog '" + h.dialog() + "' to hand over to does not exist");
            return;
        }
        handOverTo(chat, next.get());
    }

    /** The top dialog ends and {@code d} takes its place, returning where it would have. */
    void handOverTo(Chat chat, Dialog d) {
        Run run = t.runs.get(chat);
        Frame old = run.top();
        t.emit(new Action.DialogEnded(chat, old.dialog(), EndReason.COMPLETED));
        t.runs.put(chat, run.withTop(Frame.start(d, old.returnTo())));
        t.emit(new Action.DialogStarted(chat, d.id(), d.version()));
        t.enter(chat, d.start());
    }

    /** The top dialog reached an end: return to its caller, or end the run. */
    void finishFrame(Chat chat) {
        Run run = t.runs.get(chat);
        Frame done = run.top();
        t.emit(new Action.DialogEnded(chat, done.dialog(), EndReason.COMPLETED));
        if (run.stack().size() == 1) {
            t.runs.remove(chat);
            t.timers.cancel(chat);
            t.followUps.leave(chat, run);
            return;
        }
        if (Frame.KEPT.equals(done.returnTo())) {
            t.followUps.leave(chat, run); // run over a kept answer, it comes back later as it would on its own
        }
        t.runs.put(chat, run.withStack(run.stack().subList(0, run.stack().size() - 1)));
        if (!t.versions.refresh(chat)) {
            return;
        }
        if (Frame.KEPT.equals(done.returnTo())) {
            t.unsent.back(chat);
            return;
        }
        if (!Frame.STAY.equals(done.returnTo())) {
            t.enter(chat, done.returnTo());
            return;
        }
        // shown on top of a dialog that waits: its question again, with fresh buttons and its timer (the overlay's
        // states cancelled it), and without its entry effects a second time
        Frame below = t.runs.get(chat).top();
        State state = t.stateOf(below);
        if (state != null && state.step() instanceof Step.Wait wait) {
            t.closeOpenButtons(chat, below, null);
            t.waits.enter(chat, state, wait);
        }
    }

    void fail(Chat chat, String why) {
        // the dialog is at fault, not the couple: end it kindly and report it for the log
        Run run = t.runs.get(chat);
        t.emit(new Action.Trouble(
                chat,
                run == null ? null : run.top().dialog(),
                run == null ? null : run.top().state(),
                why));
        if (run != null) {
            endRun(chat, EndReason.ERROR);
        }
        t.sayBot(chat, "internal_error");
    }
}
