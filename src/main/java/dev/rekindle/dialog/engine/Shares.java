package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Frame.Consent;
import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.ShareTarget;
import dev.rekindle.dialog.model.Step;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A share: the author is asked, privately, whether one of their answers may go to the partner or the group. */
final class Shares {
    private final Turn t;

    Shares(Turn t) {
        this.t = t;
    }

    void enter(Chat chat, Step.Share share) {
        enter(chat, share, null);
    }

    /** The share's question; {@code preface}, when given, is HTML said before it in the same message. */
    void enter(Chat chat, Step.Share share, String preface) {
        Run run = t.runs.get(chat);
        Frame frame = run.top();
        Partner author = People.author(run, share.from());
        if (!t.original.isPaired()) {
            if (share.noPartner() != null) {
                t.enter(chat, share.noPartner());
            } else {
                t.sayBot(Chat.privateOf(author), "no_partner");
                t.enter(chat, share.no());
            }
            return;
        }
        if (t.pauses.sharedPaused()) {
            t.sayBot(Chat.privateOf(author), "shared_paused");
            t.enter(chat, share.no());
            return;
        }
        long msg = t.nextSeq();
        Chat to = Chat.privateOf(author);
        List<Action.ButtonOut> buttons = t.rendering.yesNo(frame, share.yesLabel(), share.noLabel(), msg);
        String ask =
                t.rendering.render(share.ask(), Rendering.variantKey(frame, "ask"), Rendering.ctxFor(chat, author, to));
        String html = preface == null ? ask : preface + "\n\n" + ask;
        String ref = t.rendering.sendWithButtons(to, msg, html, buttons);
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        refs.put(author, ref);
        t.runs.put(chat, run.withTop(frame.withWaiting(new Waiting(Set.of(), Set.of(author), refs))));
        if (share.timer() != null) {
            t.timers.schedule(chat, frame.step(), share.timer(), false);
        }
    }

    void answer(Chat runChat, Partner from, Chat chat, Step.Share share, CallbackData cb) {
        Run run = t.runs.get(runChat);
        Frame frame = run.top();
        Partner author = People.author(run, share.from());
        if (from != author || !cb.ref().equals(frame.waiting().refs().get(author))) {
            t.refuse(chat, Action.Refusal.Reason.STALE);
            return;
        }
        t.closeOpenButtons(runChat, frame, null); // a question asked about it meanwhile (UnsentShares) is answered too
        t.putTop(runChat, frame.withButtonsRef(null), from);
        decide(runChat, share, "y".equals(cb.choice()));
    }

    /**
     * The author's yes or no to the share waiting in {@code runChat}, from its own buttons or from the question
     * asked when another exercise starts: its buttons close with the choice, and the dialog goes on.
     */
    void decide(Chat runChat, Step.Share share, boolean said) {
        Run run = t.runs.get(runChat);
        Frame frame = run.top();
        Partner author = People.author(run, share.from());
        Chat chat = Chat.privateOf(author);
        boolean yes = said && !t.safety.heldBack(frame, author, share.variable());
        String ref = frame.waiting().refs().get(author);
        if (ref != null) {
            t.emit(new Action.CloseButtons(
                    chat,
                    ref,
                    t.answerShown(chat, author, t.rendering.consentLabel(yes, share.yesLabel(), share.noLabel()))));
        }
        if (!yes) {
            t.putTop(runChat, frame.withWaiting(Waiting.none()), author);
            t.enter(runChat, share.no());
            return;
        }
        frame = frame.withConsent(new Consent(author, share.variable(), share.with()), Waiting.none());
        t.putTop(runChat, frame, author);
        t.emit(new Action.Shared(author, share.variable(), share.with()));
        Chat target = share.with() == ShareTarget.GROUP ? Chat.GROUP : Chat.privateOf(author.other());
        t.rendering.say(
                target,
                share.deliver(),
                Rendering.variantKey(frame, "deliver"),
                Rendering.ctxFor(runChat, author, target));
        t.enter(runChat, share.yes());
    }
}
