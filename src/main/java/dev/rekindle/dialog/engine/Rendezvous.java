package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Frame.Consent;
import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A question both partners answer (a rendezvous): asked in the group or in each private chat, answered by text
 * or by a button, optionally followed by each author's consent to show the answer; the dialog goes on only
 * when both are done.
 */
final class Rendezvous {
    /** Callback choices of answer buttons: a0, a1, ...; consent uses y and n. */
    static final String ANSWER = "a";

    private final Turn t;

    Rendezvous(Turn t) {
        this.t = t;
    }

    void enter(Chat chat, Step.Rendezvous rv) {
        Run run = t.runs.get(chat);
        Frame frame = run.top();
        String key = Rendering.variantKey(frame, "ask");
        if (rv.in() == Step.AnswerPlace.GROUP) {
            t.rendering.say(Chat.GROUP, rv.ask(), key, t.rendering.ctx(chat, run.lastActor()));
        } else if (!rv.buttons().isEmpty()) {
            askWithAnswerButtons(chat, rv, key);
        } else {
            for (Partner p : t.presentPartners()) {
                Chat to = Chat.privateOf(p);
                t.rendering.say(to, rv.ask(), key, Rendering.ctxFor(chat, p, to));
            }
        }
        if (rv.timer() != null) {
            t.timers.schedule(chat, frame.step(), rv.timer(), false);
        }
    }

    /** The question in each partner's private chat, with the answer buttons; each message is that partner's own. */
    private void askWithAnswerButtons(Chat runChat, Step.Rendezvous rv, String key) {
        Frame frame = t.runs.get(runChat).top();
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        for (Partner p : t.presentPartners()) {
            long msg = t.nextSeq();
            Chat to = Chat.privateOf(p);
            List<Action.ButtonOut> buttons = new ArrayList<>();
            for (int i = 0; i < rv.buttons().size(); i++) {
                buttons.add(Rendering.button(rv.buttons().get(i).label(), frame, ANSWER + i, msg));
            }
            String html = t.rendering.render(rv.ask(), key, Rendering.ctxFor(runChat, p, to));
            refs.put(p, t.rendering.sendWithButtons(to, msg, html, buttons));
        }
        t.runs.put(runChat, t.runs.get(runChat).withTop(frame.withWaiting(new Waiting(Set.of(), Set.of(), refs))));
    }

    /**
     * A text that may answer the rendezvous of the group's run (or of this private chat's): taken when it is
     * written where the question was asked, by someone who still owes the answer. Returns whether it was taken.
     */
    boolean answer(Partner from, Chat chat, String text) {
        Chat runChat = Chat.GROUP;
        Run run = t.runs.get(runChat);
        if (run == null && !chat.isGroup()) {
            runChat = chat;
            run = t.runs.get(runChat);
        }
        if (run == null || !t.versions.refresh(runChat)) {
            return false;
        }
        Frame frame = t.runs.get(runChat).top();
        State state = t.stateOf(frame);
        if (!(state.step() instanceof Step.Rendezvous rv)) {
            return false;
        }
        boolean placeOk = switch (rv.in()) {
            case PRIVATE -> !chat.isGroup();
            case GROUP -> chat.isGroup();
            case EITHER -> true;
        };
        Waiting w = frame.waiting();
        if (!placeOk || w.answered().contains(from) || w.awaitingConsent().contains(from)) {
            return false;
        }
        if (!rv.buttons().isEmpty()) {
            t.sayBot(chat, "use_buttons"); // the answer is one of the buttons above; a typed word could be misread
            return true;
        }
        Optional<String> value = AnswerCheck.accept(rv.validation(), text);
        if (value.isEmpty()) {
            t.rendering.say(
                    chat,
                    t.rendering.authoredOr(rv.invalid(), "invalid_input"),
                    Rendering.variantKey(frame, "invalid"),
                    Rendering.ctxFor(runChat, from, chat));
            return true;
        }
        accept(runChat, from, chat, rv, value.get());
        return true;
    }

    /** A press on an answer button: it answers for the partner whose private chat it is in, once. */
    void button(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, CallbackData cb) {
        Waiting w = t.runs.get(runChat).top().waiting();
        int index = cb.index(ANSWER);
        boolean own = chat == Chat.privateOf(from) && cb.ref().equals(w.refs().get(from));
        if (!own
                || index < 0
                || index >= rv.buttons().size()
                || w.answered().contains(from)
                || w.awaitingConsent().contains(from)) {
            // nothing is closed: the message may be the partner's, in their chat
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        Step.AnswerButton b = rv.buttons().get(index);
        t.emit(new Action.CloseButtons(chat, cb.ref(), t.answerShown(chat, from, b.label())));
        Frame frame = t.runs.get(runChat).top();
        t.runs.put(runChat, t.runs.get(runChat).withTop(frame.withWaiting(w.withoutRef(from))));
        accept(runChat, from, chat, rv, b.value());
    }

    /** Keeps a partner's rendezvous answer, then asks for consent or counts them as done. */
    private void accept(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, String answer) {
        Frame frame = t.safety.keep(t.runs.get(runChat).top(), from, rv.into(), answer, chat);
        t.putTop(runChat, frame, from);
        if (rv.consent() == null) {
            markAnswered(runChat, from, chat, rv);
            return;
        }
        long msg = t.nextSeq();
        Chat to = Chat.privateOf(from);
        List<Action.ButtonOut> buttons =
                t.rendering.yesNo(frame, rv.consent().yesLabel(), rv.consent().noLabel(), msg);
        String html = t.rendering.render(
                rv.consent().ask(), Rendering.variantKey(frame, "consent"), Rendering.ctxFor(runChat, from, to));
        String ref = t.rendering.sendWithButtons(to, msg, html, buttons);
        t.putTop(runChat, frame.withWaiting(frame.waiting().askedForConsent(from, ref)), from);
    }

    void consent(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, CallbackData cb) {
        Frame frame = t.runs.get(runChat).top();
        Waiting w = frame.waiting();
        if (!cb.ref().equals(w.refs().get(from)) || !w.awaitingConsent().contains(from) || rv.consent() == null) {
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        boolean yes = "y".equals(cb.choice()) && !t.safety.heldBack(frame, from, rv.into());
        String label = t.rendering.consentLabel(
                yes, rv.consent().yesLabel(), rv.consent().noLabel());
        t.emit(new Action.CloseButtons(chat, cb.ref(), t.answerShown(chat, from, label)));
        if (yes) {
            frame = frame.withConsent(new Consent(from, rv.into(), rv.consent().with()), w.consentGiven(from));
            t.emit(new Action.Shared(from, rv.into(), rv.consent().with()));
        } else {
            frame = frame.withWaiting(w.consentGiven(from));
        }
        t.putTop(runChat, frame, from);
        markAnswered(runChat, from, chat, rv);
    }

    /** Counts a partner as done; continues only when both are, so nobody learns who was first. */
    private void markAnswered(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv) {
        Frame frame = t.runs.get(runChat).top();
        Waiting w = frame.waiting().answeredBy(from);
        frame = frame.withWaiting(w);
        t.runs.put(runChat, t.runs.get(runChat).withTop(frame));
        if (w.answered().containsAll(t.presentPartners())) {
            t.enter(runChat, rv.to());
        } else {
            t.rendering.say(
                    chat,
                    t.rendering.authoredOr(rv.waiting(), "rendezvous_waiting"),
                    Rendering.variantKey(frame, "waiting"),
                    Rendering.ctxFor(runChat, from, chat));
        }
    }

    /** Whether the group's run asks a private, typed question that {@code from} still owes the answer to. */
    boolean waitsFor(Partner from) {
        Run group = t.runs.get(Chat.GROUP);
        if (group == null) {
            return false;
        }
        Frame f = group.top();
        State state = t.library
                .version(f.dialog(), f.version())
                .map(d -> d.state(f.state()))
                .orElse(null);
        return state != null
                && state.step() instanceof Step.Rendezvous rv
                && rv.in() != Step.AnswerPlace.GROUP
                && rv.buttons().isEmpty()
                && !f.waiting().answered().contains(from)
                && !f.waiting().awaitingConsent().contains(from);
    }
}
