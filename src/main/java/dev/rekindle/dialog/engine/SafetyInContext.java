package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety detector's reading put in context: whether a text answers an exercise's question (then the reading for
 * an answer applies), what is shown before the exercise goes on, and which kept answers must be checked with their
 * author before they are shown to anyone.
 */
final class SafetyInContext {
    private final Turn t;
    /**
     * What the safety detector read in the text being handled, when it asks for more than the text's ordinary
     * turn: shown on top once the text is taken as an answer ({@link #continueTo}), then cleared.
     */
    private SafetyDecision pendingSafety;
    /** The kind to check before the answer being taken may be shared; null when it may be shared. */
    private SafetyKind holdForSharing;
    /** Checks asked for while a press is handled, shown once the press's own steps are done. */
    private final List<PendingCheck> pendingChecks = new ArrayList<>();

    private record PendingCheck(Partner who, SafetyKind kind) {}

    SafetyInContext(Turn t) {
        this.t = t;
    }

    /**
     * Reads a text's safety decision in its context, before the text is routed. Returns true when that is all the
     * text does: a flow took over, or the text answers nothing and its check or flow was shown instead.
     */
    boolean readFirst(Partner from, Chat chat, SafetyReading reading) {
        boolean answering = answering(from, chat);
        SafetyDecision decision = reading.decision(answering);
        if (answering
                && inSafetyDialog(from, chat)
                && decision instanceof SafetyDecision.Flow f
                && f.kind().takesOver()) {
            // a safety plan's "warning signs" may well name the worst: asked about on top, the plan is not lost
            decision = new SafetyDecision.Check(f.kind());
        }
        decision = resolve(decision);
        if (decision instanceof SafetyDecision.Flow f && f.kind().takesOver()) {
            t.flows.start(from, chat, f.kind());
            return true;
        }
        boolean asks = !(decision instanceof SafetyDecision.Nothing);
        if (asks && !answering) {
            t.flows.show(from, decision, Frame.STAY); // not an answer to anything: the text is not routed either
            return true;
        }
        pendingSafety = asks ? decision : null;
        SafetyKind held = reading.beforeSharing() != null ? reading.beforeSharing() : decision.kind();
        holdForSharing = held != null && held.checkedBeforeSharing() ? held : null;
        return false;
    }

    /** Once the text was routed: what it asked for and no answer showed. */
    void showIfStillPending(Partner from) {
        if (pendingSafety != null) { // taken by a rendezvous or another chat's run: shown on its own
            t.flows.show(from, pendingSafety, Frame.STAY);
            pendingSafety = null;
        }
    }

    /**
     * Whether a text from {@code from} here would be taken as the answer to a question an exercise asked (a
     * capture, any text, or a private rendezvous question): the context in which honest, vulnerable words are
     * what was asked for. A question routed by intent ("what brings you here?") is not one.
     */
    private boolean answering(Partner from, Chat chat) {
        if (!chat.isGroup() && !inSafetyDialog(from, chat) && t.rendezvous.waitsFor(from)) {
            return true;
        }
        Run run = t.runs.get(chat);
        if (run == null) {
            return false;
        }
        State state = t.library
                .version(run.top().dialog(), run.top().version())
                .map(d -> d.state(run.top().state()))
                .orElse(null);
        return state != null
                && state.step() instanceof Step.Wait w
                && t.roles.mayAct(run, state, from)
                && (w.text() instanceof Step.TextHandler.Capture || w.text() instanceof Step.TextHandler.AnyText);
    }

    /** Whether the dialog acting in this private chat is one of bot.yaml's safety, check or support dialogs. */
    boolean inSafetyDialog(Partner from, Chat chat) {
        Run run = chat.isGroup() ? null : t.runs.get(chat);
        return run != null && t.bot.safetyDialogs().contains(run.top().dialog());
    }

    /** A check for which bot.yaml has no gentle question is a flow: an unsure disclosure is never dropped. */
    SafetyDecision resolve(SafetyDecision d) {
        if (d instanceof SafetyDecision.Check c && t.bot.checkDialog(c.kind()) == null) {
            return new SafetyDecision.Flow(c.kind());
        }
        return d;
    }

    /** The answer stored under its author; held back from sharing until a private check when the detector asks. */
    Frame keep(Frame frame, Partner author, String variable, String value, Chat writtenIn) {
        Frame kept = frame.withAnswer(author, variable, value, writtenIn);
        return holdForSharing != null ? kept.withHeld(author, variable, holdForSharing) : kept;
    }

    /** The answer is taken: go on to {@code next}, with a pending check or gentle flow shown first, privately. */
    void continueTo(Chat chat, Partner from, String next) {
        SafetyDecision d = pendingSafety;
        pendingSafety = null;
        if (d == null) {
            t.enter(chat, next);
        } else if (chat.isGroup()) {
            t.enter(chat, next);
            t.flows.show(from, d, Frame.STAY);
        } else {
            t.flows.show(from, d, next);
        }
    }

    /**
     * A yes to showing an answer the detector wanted checked first: the answer stays private (the yes counts as a
     * no) and the author gets the gentle check, with its resources. Returns whether that happened.
     */
    boolean heldBack(Frame frame, Partner author, String variable) {
        SafetyKind kind = frame.heldFor(author, variable);
        if (kind == null) {
            return false;
        }
        if (t.bot.messages().containsKey("share_held")) {
            t.sayBot(Chat.privateOf(author), "share_held");
        }
        pendingChecks.add(new PendingCheck(author, kind));
        return true;
    }

    void showPendingChecks() {
        for (PendingCheck c : List.copyOf(pendingChecks)) {
            t.flows.ask(c.who(), Chat.privateOf(c.who()), c.kind());
        }
        pendingChecks.clear();
    }
}
