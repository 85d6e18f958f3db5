package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An answer written in a private exercise and waiting for its author's yes or no to sharing it (an appreciation not
 * sent yet) is never dropped without a word when another exercise starts in that chat. The author is asked first
 * ({@code unsent_ask}): send it now, keep it for later (the new exercise runs on top, and the question comes back
 * when it ends or is stopped), or don't send it. Without bot.yaml's sentences for it, the new exercise replaces the
 * old one as it always did.
 */
final class UnsentShares {
    /** The callback data's dialog part for the three answers; a dialog id never starts with '~'. */
    static final String DATA = "~u";

    private static final String SEND = "s";
    private static final String KEEP = "k";
    private static final String DROP = "d";

    private final Turn t;

    UnsentShares(Turn t) {
        this.t = t;
    }

    /**
     * Asks first when {@code next} is to start in {@code chat} while an answer there waits to be shared. Returns
     * whether it asked (then nothing starts yet).
     */
    boolean asksFirst(Chat chat, Dialog next) {
        Run run = t.runs.get(chat);
        if (chat.isGroup() || run == null || waitingShare(run).isEmpty() || !hasWords()) {
            return false;
        }
        Frame top = run.top();
        t.closeOpenButtons(chat, top, null); // an earlier such question, if any
        long msg = t.nextSeq();
        List<Action.ButtonOut> buttons = new ArrayList<>();
        for (String[] b : List.of(
                new String[] {"label_unsent_send", SEND},
                new String[] {"label_unsent_keep", KEEP},
                new String[] {"label_unsent_drop", DROP})) {
            buttons.add(
                    new Action.ButtonOut(t.rendering.plainBot(b[0]), CallbackData.encode(DATA, next.id(), b[1], msg)));
        }
        String html =
                t.rendering.renderBot("unsent_ask", words(top, waitingShare(run).orElseThrow(), run.owner()));
        String ref = t.rendering.sendWithButtons(chat, msg, html, buttons);
        t.runs.put(chat, run.withTop(top.withButtonsRef(ref)));
        return true;
    }

    /** A press on one of the three answers: stale unless it is on the question open now, about a dialog one may start. */
    void press(Partner from, Chat chat, CallbackData cb) {
        Run run = t.runs.get(chat);
        Optional<Step.Share> share = run == null ? Optional.empty() : waitingShare(run);
        Optional<Dialog> next = t.library.current(cb.state()).filter(d -> startable(d, chat));
        boolean open = share.isPresent() && cb.ref().equals(run.top().buttonsRef());
        if (!open || next.isEmpty()) {
            if (!open) {
                t.emit(new Action.CloseButtons(chat, cb.ref(), null)); // an old question's; the open one stays open
            }
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        String label = switch (cb.choice()) {
            case SEND -> "label_unsent_send";
            case KEEP -> "label_unsent_keep";
            default -> "label_unsent_drop";
        };
        t.emit(new Action.CloseButtons(chat, cb.ref(), t.answerShown(chat, from, t.rendering.plainBot(label))));
        t.putTop(chat, run.top().withButtonsRef(null), from);
        switch (cb.choice()) {
            case SEND -> {
                t.shares.decide(chat, share.get(), true);
                startOrKeep(chat, next.get(), from);
            }
            case KEEP -> keepBelow(chat, next.get(), from);
            default -> {
                t.lifecycle.endRun(chat, EndReason.REPLACED);
                t.sayBot(chat, "unsent_dropped");
                t.lifecycle.beginRun(chat, next.get(), from);
            }
        }
    }

    /** Once the answer is sent: the new exercise starts, on top of what is left of the old one if it goes on. */
    private void startOrKeep(Chat chat, Dialog next, Partner from) {
        if (t.runs.containsKey(chat)) {
            keepBelow(chat, next, from); // another answer of it waits (three qualities, one at a time)
        } else {
            t.lifecycle.beginRun(chat, next, from);
        }
    }

    /** The new exercise runs on top of the waiting share, which is asked again when it ends. */
    private void keepBelow(Chat chat, Dialog next, Partner from) {
        Run run = t.runs.get(chat);
        Frame below = run.top();
        for (String ref : below.waiting().refs().values()) {
            t.emit(new Action.CloseButtons(chat, ref, null)); // asked again, with fresh buttons, when it comes back
        }
        List<Frame> stack = new ArrayList<>(run.stack());
        stack.set(stack.size() - 1, below.withWaiting(Waiting.none()));
        stack.add(Frame.start(next, Frame.KEPT));
        t.runs.put(chat, new Run(chat, run.owner(), stack, run.roles(), from));
        startOnTop(chat, next);
    }

    /** Starts {@code next} in the frame just pushed or put in place for it. */
    private void startOnTop(Chat chat, Dialog next) {
        t.followUps.cancel(chat, next.id()); // as when it starts on its own
        t.emit(new Action.DialogStarted(chat, next.id(), next.version()));
        t.enter(chat, next.start());
    }

    /**
     * Another exercise started over one that was kept for later: what runs above the kept share ends and the new one
     * takes its place, so the share still comes back. Returns false when nothing in the chat was kept.
     */
    boolean replacesAboveKept(Chat chat, Dialog next, Partner from) {
        Run run = t.runs.get(chat);
        int kept = keptAt(run);
        if (kept < 0) {
            return false;
        }
        endAbove(chat, kept, EndReason.REPLACED);
        Run left = t.runs.get(chat);
        List<Frame> stack = new ArrayList<>(left.stack());
        stack.add(Frame.start(next, Frame.KEPT));
        t.runs.put(chat, new Run(chat, left.owner(), stack, left.roles(), from));
        startOnTop(chat, next);
        return true;
    }

    /**
     * {@code /stop} over an exercise started while a share was kept for later: that exercise ends and the share is
     * asked again. Returns false when nothing in the chat was kept.
     */
    boolean stopsAboveKept(Chat chat) {
        int kept = keptAt(t.runs.get(chat));
        if (kept < 0) {
            return false;
        }
        endAbove(chat, kept, EndReason.STOPPED);
        t.sayBot(chat, "stopped");
        back(chat);
        return true;
    }

    /** The exercise on top of a kept share ended: the share's question comes back, with fresh buttons and timer. */
    void back(Chat chat) {
        if (!t.versions.refresh(chat)) {
            return;
        }
        Frame frame = t.runs.get(chat).top();
        State state = t.stateOf(frame);
        if (state == null || !(state.step() instanceof Step.Share share)) {
            return;
        }
        // one message: what was written, and the share's question again, so the question shows what it is about
        String preface = t.rendering.hasBot("unsent_back")
                ? t.rendering.renderBot(
                        "unsent_back", words(frame, share, t.runs.get(chat).owner()))
                : null;
        t.shares.enter(chat, share, preface);
    }

    /** Ends the frames from {@code kept} (the exercise started over the share) to the top. */
    private void endAbove(Chat chat, int kept, EndReason reason) {
        Run run = t.runs.get(chat);
        t.timers.cancel(chat);
        t.closeOpenButtons(chat, run.top(), null);
        for (int i = run.stack().size() - 1; i >= kept; i--) {
            t.emit(new Action.DialogEnded(chat, run.stack().get(i).dialog(), reason));
        }
        t.runs.put(chat, new Run(chat, run.owner(), run.stack().subList(0, kept), run.roles(), run.lastActor()));
    }

    /** The index of the highest frame started over a kept share; -1 when there is none. */
    private static int keptAt(Run run) {
        if (run == null) {
            return -1;
        }
        for (int i = run.stack().size() - 1; i > 0; i--) {
            if (Frame.KEPT.equals(run.stack().get(i).returnTo())) {
                return i;
            }
        }
        return -1;
    }

    /** The share the run's top waits at, when it waits for its author's answer. */
    private Optional<Step.Share> waitingShare(Run run) {
        Frame top = run.top();
        State state = t.library
                .version(top.dialog(), top.version())
                .map(d -> d.state(top.state()))
                .orElse(null);
        if (state != null
                && state.step() instanceof Step.Share share
                && run.owner() != null
                && top.waiting().awaitingConsent().contains(run.owner())) {
            return Optional.of(share);
        }
        return Optional.empty();
    }

    /**
     * A dialog a person may start here themselves: by a command of its own, from this chat's menu, or from an offer
     * on free text (an intent of its own).
     */
    private boolean startable(Dialog d, Chat chat) {
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        return d.audience() == here
                && (!d.triggers().commands().isEmpty()
                        || Commands.menuOf(t.bot, chat).contains(d.id())
                        || Offers.startsByIntentIn(d, chat));
    }

    private boolean hasWords() {
        for (String key : List.of(
                "unsent_ask", "unsent_dropped", "label_unsent_send", "label_unsent_keep", "label_unsent_drop")) {
            if (!t.rendering.hasBot(key)) {
                return false;
            }
        }
        return true;
    }

    /** {exercise} and {answer}: the author's own answer, shown only in their own private chat. */
    private Map<String, String> words(Frame frame, Step.Share share, Partner author) {
        String answer = frame.answers().getOrDefault(author, Map.of()).getOrDefault(share.variable(), "");
        return Map.of("exercise", t.titleOf(frame.dialog()), "answer", answer);
    }
}
