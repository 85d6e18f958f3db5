package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The private questions the couple's dialogs leave open (a written answer asked in a partner's private chat, or a
 * rendezvous question answered in writing there), and what happens when one closes before its partner answered it: a
 * dialog ended, was stopped, timed out or was paused. The partner gets bot.yaml's {@code question_closed} note, unless
 * this turn already wrote to them (the dialog's own goodbye, a new question, a safety dialog), the question's own
 * private dialog timed out (its author wrote what it says then, or chose silence), or their own private exercise was
 * ended without a word by a safety pause (the partner must not learn the moment); and for {@link #LATE}
 * their next text in that chat that no dialog takes is told {@code question_closed_late}, once, instead of being read
 * as a new request. A question closed by its own partner's action in their private chat (an answer, a press, /stop,
 * another exercise started) gets neither: they know. A question answered by buttons is not one (its buttons close),
 * nor one of the safety, check and support dialogs.
 */
final class OpenQuestions {
    /** How long after a question closed a text of its partner is taken for a late answer to it. */
    static final Duration LATE = Duration.ofDays(1);

    /** A question open for partner {@code to}: asked at one entry ({@code step}) of a state of a run's dialog. */
    private record Question(Partner to, Chat runChat, String dialog, long step) {}

    private final Turn t;
    private final Set<Question> before;
    private final Map<Partner, ClosedQuestion> closed = new EnumMap<>(Partner.class);

    /** Reads what the session leaves open before the turn, and the closed questions still recent at its instant. */
    OpenQuestions(Turn t, Session original) {
        this.t = t;
        this.before = open(original.runs());
        for (Map.Entry<Partner, ClosedQuestion> e : original.closedQuestions().entrySet()) {
            if (t.now.getEpochSecond() - e.getValue().closedAt() < LATE.toSeconds()) {
                closed.put(e.getKey(), e.getValue());
            }
        }
    }

    /** The turn's copy of {@link Session#closedQuestions}, for {@link Turn#finish}. */
    Map<Partner, ClosedQuestion> closed() {
        return closed;
    }

    /**
     * A text of {@code from} in their private chat that no dialog took: when a question closed on them lately, they
     * are told so, once, and the text is not read as a new request. Returns whether that happened.
     */
    boolean lateAnswer(Partner from) {
        ClosedQuestion q = closed.remove(from);
        if (q == null || !t.rendering.hasBot("question_closed_late")) {
            return false;
        }
        t.rendering.sayBot(Chat.privateOf(from), "question_closed_late", Map.of("exercise", t.titleOf(q.dialog())));
        return true;
    }

    /**
     * At the end of the turn: each question that was open before it and is not now, and that its partner did not
     * close themselves, is remembered as closed and (when nothing else was written to them) noted to its partner.
     * {@code self} is who acted in their own private chat this turn, if anyone; {@code byTimer}, whether the turn is a
     * timer's.
     */
    void settle(Partner self, boolean byTimer) {
        if (self != null) {
            closed.remove(self); // whatever they did there, a late answer has had its turn
        }
        Set<Question> after = open(t.runs);
        Set<Partner> stillAsked = EnumSet.noneOf(Partner.class);
        for (Question q : after) {
            stillAsked.add(q.to());
            closed.remove(q.to());
        }
        Set<Chat> written = t.chatsWritten();
        Set<Question> noted = new LinkedHashSet<>();
        for (Question q : before) {
            if (after.contains(q) || q.to() == self || stillAsked.contains(q.to()) || answered(q)) {
                continue;
            }
            closed.put(q.to(), new ClosedQuestion(q.dialog(), t.now.getEpochSecond()));
            boolean ownTimeout = byTimer && !q.runChat().isGroup(); // its own timer: the dialog's author had the word
            if (!ownTimeout && !written.contains(Chat.privateOf(q.to())) && !t.endedSilently(q.runChat())) {
                noted.add(new Question(q.to(), q.runChat(), q.dialog(), 0));
            }
        }
        if (!t.rendering.hasBot("question_closed")) {
            return;
        }
        for (Question q : noted) {
            t.rendering.sayBot(Chat.privateOf(q.to()), "question_closed", Map.of("exercise", t.titleOf(q.dialog())));
        }
    }

    /** Whether the question's partner answered it elsewhere (a rendezvous answered in the group): still its step. */
    private boolean answered(Question q) {
        Run run = t.runs.get(q.runChat());
        if (run == null) {
            return false;
        }
        Frame top = run.top();
        return top.dialog().equals(q.dialog())
                && top.step() == q.step()
                && (top.waiting().answered().contains(q.to())
                        || top.waiting().awaitingConsent().contains(q.to()));
    }

    /** The private questions open in {@code runs}: written answers waited for in a private chat, rendezvous asked. */
    private Set<Question> open(Map<Chat, Run> runs) {
        Set<Question> out = new LinkedHashSet<>(); // in the order of the chats, then A before B: notes in that order
        for (Chat chat : Chat.values()) {
            Run run = runs.get(chat);
            if (run == null) {
                continue;
            }
            for (int i = 0; i < run.stack().size(); i++) {
                if (t.bot.safetyDialogs().contains(run.stack().get(i).dialog())) {
                    continue; // help is never cut short by a note, and a later word to it is read as it comes
                }
                Frame f = run.stack().get(i);
                State s = stateOf(f);
                if (s == null) {
                    continue;
                }
                if (s.step() instanceof Step.Wait w
                        && w.text() != null
                        && !run.chat().isGroup()) {
                    out.add(new Question(run.owner(), run.chat(), f.dialog(), f.step()));
                } else if (i == run.stack().size() - 1
                        && s.step() instanceof Step.Rendezvous rv
                        && rv.in() != Step.AnswerPlace.GROUP
                        && rv.buttons().isEmpty()) { // closed buttons show themselves, and a text never answered them
                    for (Partner p : t.presentPartners()) {
                        if (!f.waiting().answered().contains(p)
                                && !f.waiting().awaitingConsent().contains(p)) {
                            out.add(new Question(p, run.chat(), f.dialog(), f.step()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The frame's state in its own version, else in the current one; null when neither has it. */
    private State stateOf(Frame f) {
        return t.library
                .version(f.dialog(), f.version())
                .or(() -> t.library.current(f.dialog()))
                .map(d -> d.state(f.state()))
                .orElse(null);
    }
}
