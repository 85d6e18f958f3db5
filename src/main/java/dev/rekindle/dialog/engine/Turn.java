package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copy of a session while one input is handled. It is created, used and dropped inside a
 * single {@link Engine#handle} call, so its mutability never escapes: the engine stays a pure function.
 *
 * <p>Turn copies the session, routes the input ({@link #handle}) and enters states ({@link #enter}); what each
 * step kind and each safety overlay does lives in a package-private class of its own. A part that keeps some of
 * the session (the timers, the follow-ups, the pauses, who had the first role) is handed its copy here and gives
 * it back in {@link #finish}.
 */
final class Turn {
    /** Guards against a dialog that loops through states without waiting (a validator blind spot). */
    private static final int MAX_TRANSITIONS = 200;

    static final int MAX_CALL_DEPTH = 8;

    final DialogLibrary library;
    final BotSettings bot;
    final Instant now;
    final Session original;
    final Rng rng;
    private long seq;
    /** The dialog running in each chat: read and replaced by every part of the turn. */
    final Map<Chat, Run> runs;

    private final Map<String, Integer> lastVariant;
    /** Who pressed, while a press is handled: a refusal is theirs alone. Null for every other input. */
    private Partner presser;

    private final List<Action> actions = new ArrayList<>();
    private int transitions;
    final Values values;

    final Rendering rendering;
    final Texts texts;
    final Presses presses;
    final Commands commands;
    final Lifecycle lifecycle;
    final Waits waits;
    final Rendezvous rendezvous;
    final Shares shares;
    final Roles roles;
    final Reminders reminders;
    final Timers timers;
    final FollowUps followUps;
    final Versions versions;
    final SafetyInContext safety;
    final SafetyFlows flows;
    final Pauses pauses;
    final Offers offers;
    final OpenQuestions questions;
    final UnsentShares unsent;
    final CommandHelp commandHelp;
    /** Who acted in their own private chat this turn, if anyone: the questions they close there are theirs to close. */
    private Partner selfInPrivate;
    /** Whether the input is a timer's. */
    private boolean byTimer;

    Turn(DialogLibrary library, Session session, Instant now) {
        this.library = library;
        this.bot = library.bot();
        this.now = now;
        this.original = session;
        this.rng = new Rng(session.rng());
        this.seq = session.seq();
        this.runs = new EnumMap<>(Chat.class);
        this.runs.putAll(session.runs());
        this.lastVariant = new HashMap<>(session.lastVariant());
        this.timers = new Timers(this, new LinkedHashMap<>(session.timers()));
        this.roles = new Roles(this, new HashMap<>(session.firstRole()));
        this.followUps = new FollowUps(this, new LinkedHashMap<>(session.followUps()));
        this.pauses = new Pauses(this, session.holds(), session.resumeAt());
        this.rendering = new Rendering(this, new Variants(rng, lastVariant));
        this.values = new Values(runs, session, roles::rolesOf, () -> rendering.plainBot("withheld"));
        this.texts = new Texts(this);
        this.presses = new Presses(this);
        this.commands = new Commands(this);
        this.lifecycle = new Lifecycle(this);
        this.waits = new Waits(this);
        this.rendezvous = new Rendezvous(this);
        this.shares = new Shares(this);
        this.reminders = new Reminders(this);
        this.versions = new Versions(this);
        this.safety = new SafetyInContext(this);
        this.flows = new SafetyFlows(this);
        this.offers = new Offers(this);
        this.questions = new OpenQuestions(this, session);
        this.unsent = new UnsentShares(this);
        this.commandHelp = new CommandHelp(this);
    }

    Outcome finish() {
        questions.settle(selfInPrivate, byTimer);
        Session s = new Session(
                original.schema(),
                original.names(),
                rng.state(),
                seq,
                runs,
                timers.pending(),
                lastVariant,
                roles.firstRole(),
                pauses.holds(),
                followUps.pending(),
                pauses.resumeAt(),
                questions.closed());
        return new Outcome(s, actions);
    }

    // ---------------------------------------------------------------- inputs

    void handle(Input input) {
        if (input instanceof Input.TimerFired t) {
            byTimer = true;
            timers.fired(t.timerId());
            return;
        }
        Partner from;
        Chat chat;
        if (input instanceof Input.Text t) {
            from = t.from();
            chat = t.chat();
        } else if (input instanceof Input.Command c) {
            from = c.from();
            chat = c.chat();
        } else if (input instanceof Input.Press p) {
            from = p.from();
            chat = p.chat();
        } else if (input instanceof Input.SafetyCheck k) {
            from = k.from();
            chat = k.chat();
        } else {
            Input.SafetyAlert a = (Input.SafetyAlert) input;
            from = a.from();
            chat = a.chat();
        }
        requirePartner(from, chat);
        selfInPrivate = chat == Chat.privateOf(from) ? from : null;
        if (input instanceof Input.Text t) {
            texts.text(from, chat, t, t.safety());
        } else if (input instanceof Input.Command c) {
            commands.command(from, chat, c.command());
        } else if (input instanceof Input.Press p) {
            presser = from;
            presses.press(from, chat, p.data());
            safety.showPendingChecks();
        } else if (input instanceof Input.SafetyCheck k) {
            flows.ask(from, chat, k.kind());
        } else {
            flows.start(from, chat, ((Input.SafetyAlert) input).kind());
        }
    }

    private void requirePartner(Partner from, Chat chat) {
        if (from == null || !original.names().containsKey(from)) {
            throw new IllegalArgumentException("input from " + from + ", who is not in this session: "
                    + original.names().keySet());
        }
        if (chat == null || (!chat.isGroup() && chat.owner() != from)) {
            throw new IllegalArgumentException("partner " + from + " cannot write in chat " + chat);
        }
        if (chat.isGroup() && !original.isPaired()) {
            throw new IllegalArgumentException("an unpaired session has no group chat");
        }
    }

    // ---------------------------------------------------------------- entering states

    void enter(Chat chat, String stateName) {
        if (++transitions > MAX_TRANSITIONS) {
            lifecycle.fail(chat, "dialog went through " + MAX_TRANSITIONS + " states without waiting for anyone");
            return;
        }
        Run run = runs.get(chat);
        if (run == null) {
            return;
        }
        timers.cancel(chat);
        Frame frame = run.top();
        Dialog dialog = dialogOf(frame);
        State state = dialog.state(stateName);
        if (state == null) {
            lifecycle.fail(chat, "dialog " + dialog.id() + " has no state '" + stateName + "'");
            return;
        }
        long step = nextSeq();
        frame = frame.at(frame.version(), stateName, step)
                .withVars(entryVars(frame, state))
                .withWaiting(Waiting.none())
                .withButtonsRef(null);
        Map<String, Partner> roles = state.swapRoles() ? Roles.swapped(run.roles()) : run.roles();
        run = run.withRoles(roles).withTop(frame);
        runs.put(chat, run);
        entryEffects(chat, run, frame, dialog, state);
        act(chat, run, frame, state);
    }

    /** The frame's variables once the state's {@code set:} and {@code increment:} are applied. */
    private static Map<String, String> entryVars(Frame frame, State state) {
        Map<String, String> vars = new LinkedHashMap<>(frame.vars());
        vars.putAll(state.set());
        for (String counter : state.increment()) {
            vars.put(counter, increment(vars.get(counter)));
        }
        return vars;
    }

    /** What entering a state does whatever its step: a journal entry, reminders, a pause lifted or kept. */
    private void entryEffects(Chat chat, Run run, Frame frame, Dialog dialog, State state) {
        if (state.journal() != null) {
            Partner author = People.author(run, state.journal().author());
            Chat authorChat = Chat.privateOf(author);
            String text = Html.plain(rendering.render(
                    state.journal().text(),
                    Rendering.variantKey(frame, "journal"),
                    Rendering.ctxFor(chat, author, authorChat)));
            emit(new Action.SaveJournal(dialog.id(), state.journal().kind(), author, text));
        }
        if (state.reminder() != null) {
            reminders.set(chat, run, frame, dialog, state);
        }
        if (state.sharedExercises() != null && run.owner() != null) {
            pauses.sharedExercises(run.owner(), state.sharedExercises());
        }
    }

    /** The state's step: a wait asks and stops; every other step says its {@code say:} first, then acts. */
    private void act(Chat chat, Run run, Frame frame, State state) {
        Step s = state.step();
        if (s instanceof Step.Wait wait) {
            waits.enter(chat, state, wait);
            return;
        }
        if (state.say() != null) {
            rendering.say(chat, state.say(), Rendering.variantKey(frame, "say"), rendering.ctx(chat, run.lastActor()));
        }
        if (s instanceof Step.Goto g) {
            enter(chat, g.to());
        } else if (s instanceof Step.Branch b) {
            enter(chat, branch(chat, b));
        } else if (s instanceof Step.End) {
            lifecycle.finishFrame(chat);
        } else if (s instanceof Step.Call call) {
            lifecycle.call(chat, call);
        } else if (s instanceof Step.Handover h) {
            lifecycle.handover(chat, h);
        } else if (s instanceof Step.AssignRoles ar) {
            roles.enter(chat, ar);
        } else if (s instanceof Step.Rendezvous rv) {
            rendezvous.enter(chat, rv);
        } else if (s instanceof Step.Share share) {
            shares.enter(chat, share);
        } else if (s instanceof Step.Raise r) {
            flows.raise(chat, r.kind());
        }
    }

    private String branch(Chat chat, Step.Branch b) {
        Run run = runs.get(chat);
        Partner me = run.owner() != null ? run.owner() : run.lastActor();
        Conditions eval = new Conditions(
                ref -> values.forCondition(run, ref),
                (ref, to) -> values.agreed(run, ref, to),
                resuming -> pauses.pauseState(me, resuming));
        for (Step.Case c : b.cases()) {
            if (eval.test(c.when())) {
                return c.to();
            }
        }
        return b.otherwise();
    }

    private static String increment(String current) {
        if (current == null || current.isBlank()) {
            return "1";
        }
        try {
            return Long.toString(Long.parseLong(current.trim()) + 1);
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    // ---------------------------------------------------------------- the working copy, for every part

    /** The next value of the session's counter: a step id, a message ref or a timer id. */
    long nextSeq() {
        return ++seq;
    }

    void emit(Action action) {
        actions.add(action);
    }

    /**
     * Says no to what was done in {@code chat}: to the presser alone when it was a press, else (a text from the
     * partner whose turn it is not) in the chat, as a message.
     */
    void refuse(Chat chat, Action.Refusal.Reason reason) {
        if (presser == null) {
            sayBot(chat, reason.sentence());
        } else {
            emit(new Action.Refusal(presser, chat, reason, rendering.plainBot(reason.sentence())));
        }
    }

    /** The answer a pressed message shows: the label, and in the group who pressed it ("Alex: Not now"). */
    String answerShown(Chat chat, Partner from, String label) {
        return chat.isGroup() ? original.name(from) + ": " + label : label;
    }

    /**
     * Whether the run of a partner's private chat was ended by a safety pause this turn: by design without a word, so
     * that the partner does not learn the moment someone asked for help.
     */
    boolean endedSilently(Chat chat) {
        return !chat.isGroup()
                && actions.stream()
                        .anyMatch(a -> a instanceof Action.DialogEnded e
                                && e.chat() == chat
                                && e.reason() == Action.EndReason.SAFETY);
    }

    /** The chats a message went to so far in this turn. */
    java.util.Set<Chat> chatsWritten() {
        java.util.Set<Chat> out = java.util.EnumSet.noneOf(Chat.class);
        for (Action a : actions) {
            if (a instanceof Action.Send s) {
                out.add(s.to());
            }
        }
        return out;
    }

    /** A bot.yaml sentence in {@code to}; also what {@link Engine#sayBot} says outside any dialog. */
    void sayBot(Chat to, String key) {
        rendering.sayBot(to, key);
    }

    Dialog dialogOf(Frame f) {
        return library.version(f.dialog(), f.version())
                .or(() -> library.current(f.dialog()))
                .orElseThrow(() -> new IllegalStateException("dialog " + f.dialog() + " is not loaded"));
    }

    /** A dialog's title as people read it (its id when it is no longer loaded). */
    String titleOf(String dialog) {
        return library.current(dialog).map(Dialog::title).orElse(dialog);
    }

    /** The state the frame is in, in the frame's own version of its dialog. */
    State stateOf(Frame f) {
        return dialogOf(f).state(f.state());
    }

    List<Partner> presentPartners() {
        return original.isPaired() ? List.of(Partner.A, Partner.B) : List.of(Partner.A);
    }

    void closeOpenButtons(Chat chat, Frame frame, String label) {
        if (frame.buttonsRef() != null) {
            emit(new Action.CloseButtons(chat, frame.buttonsRef(), label));
        }
    }

    /** Replaces the top frame of the chat's run; {@code actor}, when given, is who acted last there. */
    void putTop(Chat chat, Frame frame, Partner actor) {
        Run run = runs.get(chat);
        runs.put(
                chat, run.withLastActor(actor == null ? run.lastActor() : actor).withTop(frame));
    }
}
