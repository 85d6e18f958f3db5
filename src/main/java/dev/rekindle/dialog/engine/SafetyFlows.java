package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What runs when safety is raised: a flow that takes over (ending what the person and the group were doing), or a
 * check, a gentle flow or {@code /support} shown on top of the person's private dialog, which goes on afterwards.
 */
final class SafetyFlows {
    private final Turn t;

    SafetyFlows(Turn t) {
        this.t = t;
    }

    /** The flow of {@code kind} for {@code from}: the detector's, an alert's, or a check's "I'm not safe". */
    void start(Partner from, Chat chat, SafetyKind kind) {
        t.emit(new Action.SafetyRaised(from, kind));
        if (!kind.takesOver()) {
            show(from, new SafetyDecision.Flow(kind), Frame.STAY);
            return;
        }
        if (kind.pausesShared()) {
            t.pauses.hold(from, kind);
        }
        boolean groupWasActive = t.runs.containsKey(Chat.GROUP);
        for (Chat c : List.of(Chat.privateOf(from), Chat.GROUP)) {
            if (t.runs.containsKey(c)) {
                t.lifecycle.endRun(c, EndReason.SAFETY);
            }
        }
        t.followUps.cancel(Chat.privateOf(from), null);
        t.followUps.cancel(Chat.GROUP, null);
        if (kind.pausesShared()) {
            t.followUps.cancel(Chat.privateOf(from.other()), null);
        }
        if (kind.pausesShared() && t.runs.containsKey(Chat.privateOf(from.other()))) {
            // nothing the partner does may reach the person at risk through the bot; no message hints why
            t.lifecycle.endRun(Chat.privateOf(from.other()), EndReason.SAFETY);
        }
        if (chat.isGroup() || groupWasActive) {
            t.sayBot(Chat.GROUP, "safety_group_pause");
        }
        String dialogId = t.bot.flowDialog(kind);
        Optional<Dialog> d = dialogId == null ? Optional.empty() : t.library.current(dialogId);
        if (d.isPresent()) {
            t.lifecycle.beginRun(Chat.privateOf(from), d.get(), from);
        } else {
            t.sayBot(Chat.privateOf(from), "internal_error");
        }
    }

    /**
     * A check or a flow that does not take over, in {@code who}'s private chat: on top of what runs there, which
     * goes on at {@code returnTo} afterwards ({@link Frame#STAY}: where it was), or on its own.
     */
    void show(Partner who, SafetyDecision d, String returnTo) {
        String id = d instanceof SafetyDecision.Check c ? t.bot.checkDialog(c.kind()) : t.bot.flowDialog(d.kind());
        Optional<Dialog> dialog = id == null ? Optional.empty() : t.library.current(id);
        if (dialog.isEmpty()) {
            if (!Frame.STAY.equals(returnTo)) {
                t.enter(Chat.privateOf(who), returnTo);
            }
            return; // a gentle kind bot.yaml gives no dialog: nothing to show
        }
        if (d instanceof SafetyDecision.Flow) {
            t.emit(new Action.SafetyRaised(who, d.kind()));
        }
        onTop(who, dialog.get(), returnTo);
    }

    /** Starts a private dialog on top of what runs in {@code who}'s private chat, or on its own when nothing does. */
    private void onTop(Partner who, Dialog d, String returnTo) {
        Chat mine = Chat.privateOf(who);
        Run run = t.runs.get(mine);
        if (run == null) {
            t.lifecycle.beginRun(mine, d, who);
            return;
        }
        if (run.stack().size() >= Turn.MAX_CALL_DEPTH) {
            t.lifecycle.endRun(
                    mine,
                    EndReason.REPLACED); // nested too deep to come back to: what runs ends, help starts on its own
            t.lifecycle.beginRun(mine, d, who);
            return;
        }
        if (run.top().dialog().equals(d.id())) {
            // already showing (a second /support): start it afresh in its place, where the first would have returned
            t.emit(new Action.DialogEnded(mine, run.top().dialog(), EndReason.REPLACED));
            t.closeOpenButtons(mine, run.top(), null);
            t.runs.put(mine, run.withTop(Frame.start(d, run.top().returnTo())));
        } else {
            List<Frame> stack = new ArrayList<>(run.stack());
            stack.add(Frame.start(d, returnTo));
            t.runs.put(mine, new Run(mine, run.owner(), stack, run.roles(), who));
        }
        t.emit(new Action.DialogStarted(mine, d.id(), d.version()));
        t.enter(mine, d.start());
    }

    /** {@code /support}: in every state and chat, always privately; the group only learns that a message was sent. */
    void support(Partner from, Chat chat) {
        Optional<Dialog> d = t.bot.support() == null ? Optional.empty() : t.library.current(t.bot.support());
        if (d.isEmpty()) {
            t.commandHelp.help(chat);
            return;
        }
        if (chat.isGroup() && t.bot.messages().containsKey("support_in_group")) {
            t.sayBot(chat, "support_in_group");
        }
        onTop(from, d.get(), Frame.STAY);
    }

    /** A check's "I'm not safe": the flow of that kind, as if the detector had raised it. */
    void raise(Chat chat, SafetyKind kind) {
        Run run = t.runs.get(chat);
        Partner who = run.owner() != null ? run.owner() : run.lastActor();
        if (kind.takesOver()) {
            start(who, Chat.privateOf(who), kind);
            return;
        }
        // a gentle flow takes the check's place, and returns where the check would have
        t.emit(new Action.SafetyRaised(who, kind));
        String id = t.bot.flowDialog(kind);
        Optional<Dialog> d = id == null ? Optional.empty() : t.library.current(id);
        if (d.isPresent()) {
            t.lifecycle.handOverTo(chat, d.get());
        } else {
            t.lifecycle.finishFrame(chat);
        }
    }

    /** The gentle check of {@code kind}; where bot.yaml has none, the flow itself. */
    void ask(Partner who, Chat chat, SafetyKind kind) {
        SafetyDecision d = t.safety.resolve(new SafetyDecision.Check(kind));
        if (d instanceof SafetyDecision.Flow f && f.kind().takesOver()) {
            start(who, chat, f.kind());
        } else {
            show(who, d, Frame.STAY);
        }
    }
}
