package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.engine.Frame.Consent;
import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Button;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Reminder;
import dev.rekindle.dialog.model.ShareTarget;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Timer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The working copy of a session while one input is handled. It is created, used and dropped inside a
 * single {@link Engine#handle} call, so its mutability never escapes: the engine stays a pure function.
 */
final class Turn {
    /** Guards against a dialog that loops through states without waiting (a validator blind spot). */
    private static final int MAX_TRANSITIONS = 200;
    private static final int MAX_CALL_DEPTH = 8;

    private final DialogLibrary library;
    private final BotSettings bot;
    private final Instant now;
    private final Session original;
    private final Rng rng;
    private long seq;
    private final Map<Chat, Run> runs;
    private final Map<String, PendingTimer> timers;
    private final Map<String, Integer> lastVariant;
    private final Map<String, Partner> firstRole;
    private final Map<Partner, SafetyKind> holds;
    private final Map<String, PendingFollowUp> followUps;
    private final Map<Partner, Long> resumeAt;
    private final List<Action> actions = new ArrayList<>();
    private final Variants variants;
    private final Values values;
    private int transitions;
    /** Set when a run had to leave a dialog version that is gone; the user was told, the input is spent. */
    private boolean versionMoved;

    Turn(DialogLibrary library, Session session, Instant now) {
        this.library = library;
        this.bot = library.bot();
        this.now = now;
        this.original = session;
        this.rng = new Rng(session.rng());
        this.seq = session.seq();
        this.runs = new EnumMap<>(Chat.class);
        this.runs.putAll(session.runs());
        this.timers = new LinkedHashMap<>(session.timers());
        this.lastVariant = new HashMap<>(session.lastVariant());
        this.firstRole = new HashMap<>(session.firstRole());
        this.holds = new EnumMap<>(Partner.class);
        this.holds.putAll(session.holds());
        this.followUps = new LinkedHashMap<>(session.followUps());
        this.resumeAt = new EnumMap<>(Partner.class);
        this.resumeAt.putAll(session.resumeAt());
        liftExpiredPauses();
        this.variants = new Variants(rng, lastVariant);
        this.values = new Values(runs, session, this::rolesOf, () -> plainBot("withheld"));
    }

    /** A pause whose cooling-off time is over lifts; a hold that pauses nothing (an old crisis hold) is dropped. */
    private void liftExpiredPauses() {
        for (Partner p : List.copyOf(resumeAt.keySet())) {
            if (now.getEpochSecond() >= resumeAt.get(p)) {
                resumeAt.remove(p);
                holds.remove(p);
            }
        }
        holds.values().removeIf(k -> !k.pausesShared());
    }

    Outcome finish() {
        Session s = new Session(original.schema(), original.names(), rng.state(), seq, runs, timers, lastVariant,
                firstRole, holds, followUps, resumeAt);
        return new Outcome(s, actions);
    }

    // ---------------------------------------------------------------- inputs

    void handle(Input input) {
        if (input instanceof Input.TimerFired t) {
            timerFired(t.timerId());
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
        if (input instanceof Input.Text t) {
            text(from, chat, t.text(), t.intent(), t.safety());
        } else if (input instanceof Input.Command c) {
            command(from, chat, c.command());
        } else if (input instanceof Input.Press p) {
            press(from, chat, p.data());
            showPendingChecks();
        } else if (input instanceof Input.SafetyCheck k) {
            ask(from, chat, k.kind());
        } else {
            safety(from, chat, ((Input.SafetyAlert) input).kind());
        }
    }

    private void requirePartner(Partner from, Chat chat) {
        if (from == null || !original.names().containsKey(from)) {
            throw new IllegalArgumentException("input from " + from + ", who is not in this session: " + original.names().keySet());
        }
        if (chat == null || (!chat.isGroup() && chat.owner() != from)) {
            throw new IllegalArgumentException("partner " + from + " cannot write in chat " + chat);
        }
        if (chat.isGroup() && !original.isPaired()) {
            throw new IllegalArgumentException("an unpaired session has no group chat");
        }
    }

    private void command(Partner from, Chat chat, String command) {
        String c = command.toLowerCase(java.util.Locale.ROOT);
        switch (c) {
            case "/stop" -> stop(chat);
            case "/help" -> say(chat, bot.message("help"), "bot/help", ctxNone(chat));
            case "/menu" -> menu(chat);
            case "/support" -> support(from, chat);
            default -> {
                Optional<Dialog> d = library.byCommand(c);
                if (d.isPresent()) {
                    startDialog(chat, d.get(), from);
                } else {
                    sayBot(chat, "not_understood");
                }
            }
        }
    }

    /**
     * What the safety detector read in the text being handled, when it asks for more than the text's ordinary
     * turn: shown on top once the text is taken as an answer ({@link #continueTo}), then cleared.
     */
    private SafetyDecision pendingSafety;
    /** The kind to check before the answer being taken may be shared; null when it may be shared. */
    private SafetyKind holdForSharing;

    private void text(Partner from, Chat chat, String text, String intent, SafetyReading reading) {
        boolean answering = answering(from, chat);
        SafetyDecision decision = reading.decision(answering);
        if (answering && inSafetyDialog(from, chat) && decision instanceof SafetyDecision.Flow f && f.kind().takesOver()) {
            // a safety plan's "warning signs" may well name the worst: asked about on top, the plan is not lost
            decision = new SafetyDecision.Check(f.kind());
        }
        decision = resolve(decision);
        if (decision instanceof SafetyDecision.Flow f && f.kind().takesOver()) {
            safety(from, chat, f.kind());
            return;
        }
        boolean asks = !(decision instanceof SafetyDecision.Nothing);
        if (asks && !answering) {
            showSafety(from, decision, Frame.STAY); // not an answer to anything: the text is not routed either
            return;
        }
        pendingSafety = asks ? decision : null;
        SafetyKind asked = decision.kind() != null && decision.kind().checkedBeforeSharing() ? decision.kind() : null;
        holdForSharing = reading.beforeSharing() != null ? reading.beforeSharing() : asked;
        ordinaryText(from, chat, text, intent);
        if (pendingSafety != null) { // taken by a rendezvous or another chat's run: shown on its own
            showSafety(from, pendingSafety, Frame.STAY);
            pendingSafety = null;
        }
    }

    private void ordinaryText(Partner from, Chat chat, String text, String intent) {
        String verdict = intent == null || intent.isBlank() ? IntentTaxonomy.OUT_OF_SCOPE : intent;
        // a safety or support dialog on top of the private chat answers first, before a shared question waiting there
        if (!chat.isGroup() && !inSafetyDialog(from, chat) && rendezvousAnswer(from, chat, text) || versionMoved) {
            return;
        }
        Run run = runs.get(chat);
        if (run != null && refreshVersion(chat)) {
            run = runs.get(chat);
            textInRun(run, from, chat, text, verdict);
            return;
        }
        if (run != null) {
            return; // the run was ended because its dialog changed; the user has been told
        }
        List<Dialog> candidates = library.byIntent(verdict);
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        for (Dialog d : candidates) {
            if (d.audience() == here) {
                startDialog(chat, d, from);
                return;
            }
        }
        if (!candidates.isEmpty()) {
            sayBot(chat, here == Audience.GROUP ? "private_only" : "group_only");
        } else if (!chat.isGroup()) {
            sayBot(chat, "not_understood");
        }
        // in the group, talk between the partners that no dialog asked for is theirs, not the bot's
    }

    private void textInRun(Run run, Partner from, Chat chat, String text, String intent) {
        Frame frame = run.top();
        Dialog dialog = dialogOf(frame);
        State state = dialog.state(frame.state());
        Step step = state.step();
        if (step instanceof Step.Rendezvous) {
            if (rendezvousAnswer(from, chat, text)) {
                return;
            }
            return;
        }
        if (!(step instanceof Step.Wait wait) || wait.text() == null) {
            if (!chat.isGroup()) {
                sayBot(chat, "use_buttons");
            }
            return;
        }
        if (!mayAct(run, state, from)) {
            sayBot(chat, "not_your_turn");
            return;
        }
        Step.TextHandler handler = wait.text();
        if (handler instanceof Step.TextHandler.Capture cap) {
            Optional<String> value = AnswerCheck.accept(cap.validation(), text);
            if (value.isEmpty()) {
                say(chat, cap.invalid() != null ? cap.invalid() : bot.message("invalid_input"),
                        variantKey(frame, "invalid"), ctx(chat, from));
                return;
            }
            frame = frame.withAnswer(from, cap.into(), value.get(), chat);
            if (holdForSharing != null) {
                frame = frame.withHeld(from, cap.into(), holdForSharing);
            }
            closeOpenButtons(chat, frame, null);
            putTop(chat, frame, from);
            continueTo(chat, from, cap.to());
        } else if (handler instanceof Step.TextHandler.Routes routes) {
            String target = routes.byIntent().getOrDefault(intent, routes.fallback());
            closeOpenButtons(chat, frame, null);
            putTop(chat, frame, from);
            enter(chat, target);
        } else {
            Step.TextHandler.AnyText any = (Step.TextHandler.AnyText) handler;
            closeOpenButtons(chat, frame, null);
            putTop(chat, frame, from);
            continueTo(chat, from, any.to());
        }
    }

    private void press(Partner from, Chat chat, String data) {
        Optional<CallbackData> parsed = CallbackData.parse(data);
        if (parsed.isEmpty()) {
            sayBot(chat, "stale_button");
            return;
        }
        CallbackData cb = parsed.get();
        if (cb.isMenu()) {
            actions.add(new Action.CloseButtons(chat, cb.ref(), null));
            // only what the menu offers can be started from it, whatever data a modified client sends
            Optional<Dialog> d = bot.menu().contains(cb.choice()) ? library.current(cb.choice()) : Optional.empty();
            if (d.isPresent()) {
                startDialog(chat, d.get(), from);
            } else {
                sayBot(chat, "stale_button");
            }
            return;
        }
        Chat runChat = findRunFor(chat, cb);
        if (runChat == null) {
            actions.add(new Action.CloseButtons(chat, cb.ref(), null));
            if (!versionMoved) {
                sayBot(chat, "stale_button");
            }
            return;
        }
        Run run = runs.get(runChat);
        Frame frame = run.top();
        Dialog dialog = dialogOf(frame);
        State state = dialog.state(frame.state());
        Step step = state.step();
        if (step instanceof Step.Rendezvous rv && cb.choice().startsWith(ANSWER)) {
            rendezvousButton(runChat, from, chat, rv, cb);
        } else if (step instanceof Step.Rendezvous rv) {
            rendezvousConsent(runChat, from, chat, rv, cb);
        } else if (step instanceof Step.Share share) {
            shareAnswer(runChat, from, chat, share, cb);
        } else if (step instanceof Step.AssignRoles roles) {
            if (!mayAct(run, state, from)) {
                sayBot(chat, "not_your_turn");
                return;
            }
            Partner first = "A".equals(cb.choice()) ? Partner.A : Partner.B;
            actions.add(new Action.CloseButtons(chat, cb.ref(), original.name(first)));
            assignRoles(runChat, first);
            putTop(runChat, runs.get(runChat).top(), from);
            enter(runChat, roles.to());
        } else if (step instanceof Step.Wait wait) {
            if (!mayAct(run, state, from)) {
                sayBot(chat, "not_your_turn");
                return;
            }
            int index;
            try {
                index = Integer.parseInt(cb.choice());
            } catch (NumberFormatException e) {
                sayBot(chat, "stale_button");
                return;
            }
            if (index < 0 || index >= wait.buttons().size()) {
                sayBot(chat, "stale_button");
                return;
            }
            Button b = wait.buttons().get(index);
            Map<String, String> vars = new LinkedHashMap<>(frame.vars());
            vars.putAll(b.set());
            Frame updated = frame.withVars(vars).withButtonsRef(null);
            actions.add(new Action.CloseButtons(chat, cb.ref(), b.label()));
            putTop(runChat, updated, from);
            enter(runChat, b.to());
        } else {
            sayBot(chat, "stale_button");
        }
    }

    /** The chat whose run shows the pressed message: this chat's own run, or the group's (consent asked privately). */
    private Chat findRunFor(Chat chat, CallbackData cb) {
        for (Chat c : chat.isGroup() ? List.of(Chat.GROUP) : List.of(chat, Chat.GROUP)) {
            Run run = runs.get(c);
            if (run == null || !refreshVersion(c)) {
                continue;
            }
            Frame f = runs.get(c).top();
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

    private void timerFired(String id) {
        PendingTimer t = timers.remove(id);
        if (t == null) {
            PendingFollowUp f = followUps.remove(id);
            if (f != null) {
                followUpDue(f);
            }
            return; // cancelled, or already fired: a timer acts once
        }
        Run run = runs.get(t.chat());
        if (run == null || run.top().step() != t.step() || !refreshVersion(t.chat())) {
            return;
        }
        Frame frame = runs.get(t.chat()).top();
        Dialog dialog = dialogOf(frame);
        Timer timer = timerOf(dialog.state(frame.state()).step());
        if (timer == null) {
            return;
        }
        if (timer.nudge() != null && !t.nudged()) {
            nudge(t.chat(), frame, dialog.state(frame.state()), timer);
            schedule(t.chat(), frame.step(), timer, true);
            return;
        }
        closeOpenButtons(t.chat(), frame, null);
        for (String ref : frame.waiting().refs().values()) {
            actions.add(new Action.CloseButtons(chatOfRef(frame, ref, t.chat()), ref, null));
        }
        enter(t.chat(), timer.to());
    }

    private Chat chatOfRef(Frame frame, String ref, Chat fallback) {
        for (Map.Entry<Partner, String> e : frame.waiting().refs().entrySet()) {
            if (e.getValue().equals(ref)) {
                return Chat.privateOf(e.getKey());
            }
        }
        return fallback;
    }

    private void nudge(Chat chat, Frame frame, State state, Timer timer) {
        Step step = state.step();
        String key = variantKey(frame, "nudge");
        if (step instanceof Step.Rendezvous rv) {
            for (Partner p : Partner.values()) {
                if (!frame.waiting().answered().contains(p) && !frame.waiting().awaitingConsent().contains(p)) {
                    Chat to = rv.in() == Step.AnswerPlace.GROUP ? Chat.GROUP : Chat.privateOf(p);
                    say(to, timer.nudge(), key, ctxFor(chat, p, to));
                }
            }
        } else if (step instanceof Step.Share share) {
            Partner author = People.author(runs.get(chat), share.from());
            Chat to = Chat.privateOf(author);
            say(to, timer.nudge(), key, ctxFor(chat, author, to));
        } else {
            say(chat, timer.nudge(), key, ctx(chat, runs.get(chat).lastActor()));
        }
    }

    // ---------------------------------------------------------------- global handlers

    private void stop(Chat chat) {
        Run run = runs.get(chat);
        if (run == null) {
            // nothing runs, but a dialog was to come back here: /stop means "don't", like it ends a running one
            sayBot(chat, cancelFollowUps(chat, null) ? "stopped" : "nothing_to_stop");
            return;
        }
        endRun(chat, EndReason.STOPPED);
        sayBot(chat, "stopped");
    }

    private void menu(Chat chat) {
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        long msg = ++seq;
        List<Action.ButtonOut> buttons = new ArrayList<>();
        for (String id : bot.menu()) {
            library.current(id).filter(d -> d.audience() == here)
                    .ifPresent(d -> buttons.add(new Action.ButtonOut(d.title(), CallbackData.encodeMenu(d.id(), msg))));
        }
        String html = Html.render(parse(variants.pick(bot.message("menu"), "bot/menu")), ref -> "");
        actions.add(new Action.Send(chat, Refs.message(msg), html, buttons));
    }

    private void safety(Partner from, Chat chat, SafetyKind kind) {
        actions.add(new Action.SafetyRaised(from, kind));
        if (!kind.takesOver()) {
            showSafety(from, new SafetyDecision.Flow(kind), Frame.STAY);
            return;
        }
        if (kind.pausesShared()) {
            holds.put(from, kind);
            resumeAt.remove(from); // a new disclosure undoes a resume that was on its way
        }
        boolean groupWasActive = runs.containsKey(Chat.GROUP);
        for (Chat c : List.of(Chat.privateOf(from), Chat.GROUP)) {
            if (runs.containsKey(c)) {
                endRun(c, EndReason.SAFETY);
            }
        }
        cancelFollowUps(Chat.privateOf(from), null);
        cancelFollowUps(Chat.GROUP, null);
        if (kind.pausesShared()) {
            cancelFollowUps(Chat.privateOf(from.other()), null);
        }
        if (kind.pausesShared() && runs.containsKey(Chat.privateOf(from.other()))) {
            // nothing the partner does may reach the person at risk through the bot; no message hints why
            endRun(Chat.privateOf(from.other()), EndReason.SAFETY);
        }
        if (chat.isGroup() || groupWasActive) {
            sayBot(Chat.GROUP, "safety_group_pause");
        }
        String dialogId = bot.flowDialog(kind);
        Optional<Dialog> d = dialogId == null ? Optional.empty() : library.current(dialogId);
        if (d.isPresent()) {
            beginRun(Chat.privateOf(from), d.get(), from);
        } else {
            sayBot(Chat.privateOf(from), "internal_error");
        }
    }

    // ---------------------------------------------------------------- safety in context

    /**
     * Whether a text from {@code from} here would be taken as the answer to a question an exercise asked (a
     * capture, any text, or a private rendezvous question): the context in which honest, vulnerable words are
     * what was asked for. A question routed by intent ("what brings you here?") is not one.
     */
    private boolean answering(Partner from, Chat chat) {
        if (!chat.isGroup() && !inSafetyDialog(from, chat) && rendezvousWaitsFor(from)) {
            return true;
        }
        Run run = runs.get(chat);
        if (run == null) {
            return false;
        }
        State state = library.version(run.top().dialog(), run.top().version()).map(d -> d.state(run.top().state()))
                .orElse(null);
        return state != null && state.step() instanceof Step.Wait w && mayAct(run, state, from)
                && (w.text() instanceof Step.TextHandler.Capture || w.text() instanceof Step.TextHandler.AnyText);
    }

    /** Whether the dialog acting in this private chat is one of bot.yaml's safety, check or support dialogs. */
    private boolean inSafetyDialog(Partner from, Chat chat) {
        Run run = chat.isGroup() ? null : runs.get(chat);
        return run != null && bot.safetyDialogs().contains(run.top().dialog());
    }

    private boolean rendezvousWaitsFor(Partner from) {
        Run group = runs.get(Chat.GROUP);
        if (group == null) {
            return false;
        }
        Frame f = group.top();
        State state = library.version(f.dialog(), f.version()).map(d -> d.state(f.state())).orElse(null);
        return state != null && state.step() instanceof Step.Rendezvous rv && rv.in() != Step.AnswerPlace.GROUP
                && rv.buttons().isEmpty() && !f.waiting().answered().contains(from)
                && !f.waiting().awaitingConsent().contains(from);
    }

    /** A check for which bot.yaml has no gentle question is a flow: an unsure disclosure is never dropped. */
    private SafetyDecision resolve(SafetyDecision d) {
        if (d instanceof SafetyDecision.Check c && bot.checkDialog(c.kind()) == null) {
            return new SafetyDecision.Flow(c.kind());
        }
        return d;
    }

    /** The answer is taken: go on to {@code next}, with a pending check or gentle flow shown first, privately. */
    private void continueTo(Chat chat, Partner from, String next) {
        SafetyDecision d = pendingSafety;
        pendingSafety = null;
        if (d == null) {
            enter(chat, next);
        } else if (chat.isGroup()) {
            enter(chat, next);
            showSafety(from, d, Frame.STAY);
        } else {
            showSafety(from, d, next);
        }
    }

    /**
     * A check or a flow that does not take over, in {@code who}'s private chat: on top of what runs there, which
     * goes on at {@code returnTo} afterwards ({@link Frame#STAY}: where it was), or on its own.
     */
    private void showSafety(Partner who, SafetyDecision d, String returnTo) {
        String id = d instanceof SafetyDecision.Check c ? bot.checkDialog(c.kind()) : bot.flowDialog(d.kind());
        Optional<Dialog> dialog = id == null ? Optional.empty() : library.current(id);
        if (dialog.isEmpty()) {
            if (!Frame.STAY.equals(returnTo)) {
                enter(Chat.privateOf(who), returnTo);
            }
            return; // a gentle kind bot.yaml gives no dialog: nothing to show
        }
        if (d instanceof SafetyDecision.Flow) {
            actions.add(new Action.SafetyRaised(who, d.kind()));
        }
        onTop(who, dialog.get(), returnTo);
    }

    /** Starts a private dialog on top of what runs in {@code who}'s private chat, or on its own when nothing does. */
    private void onTop(Partner who, Dialog d, String returnTo) {
        Chat mine = Chat.privateOf(who);
        Run run = runs.get(mine);
        if (run == null) {
            beginRun(mine, d, who);
            return;
        }
        if (run.stack().size() >= MAX_CALL_DEPTH) {
            endRun(mine, EndReason.REPLACED); // nested too deep to come back to: what runs ends, help starts on its own
            beginRun(mine, d, who);
            return;
        }
        if (run.top().dialog().equals(d.id())) {
            // already showing (a second /support): start it afresh in its place, where the first would have returned
            actions.add(new Action.DialogEnded(mine, run.top().dialog(), EndReason.REPLACED));
            closeOpenButtons(mine, run.top(), null);
            runs.put(mine, run.withTop(Frame.start(d, run.top().returnTo())));
        } else {
            List<Frame> stack = new ArrayList<>(run.stack());
            stack.add(Frame.start(d, returnTo));
            runs.put(mine, new Run(mine, run.owner(), stack, run.roles(), who));
        }
        actions.add(new Action.DialogStarted(mine, d.id(), d.version()));
        enter(mine, d.start());
    }

    /** {@code /support}: in every state and chat, always privately; the group only learns that a message was sent. */
    private void support(Partner from, Chat chat) {
        Optional<Dialog> d = bot.support() == null ? Optional.empty() : library.current(bot.support());
        if (d.isEmpty()) {
            sayBot(chat, "help");
            return;
        }
        if (chat.isGroup() && bot.messages().containsKey("support_in_group")) {
            sayBot(chat, "support_in_group");
        }
        onTop(from, d.get(), Frame.STAY);
    }

    /** A check's "I'm not safe": the flow of that kind, as if the detector had raised it. */
    private void raise(Chat chat, SafetyKind kind) {
        Run run = runs.get(chat);
        Partner who = run.owner() != null ? run.owner() : run.lastActor();
        if (kind.takesOver()) {
            safety(who, Chat.privateOf(who), kind);
            return;
        }
        // a gentle flow takes the check's place, and returns where the check would have
        actions.add(new Action.SafetyRaised(who, kind));
        String id = bot.flowDialog(kind);
        Optional<Dialog> d = id == null ? Optional.empty() : library.current(id);
        if (d.isPresent()) {
            handOverTo(chat, d.get());
        } else {
            finishFrame(chat);
        }
    }

    /** {@code shared_exercises:} on a state of the person's private dialog: only their own pause is theirs to lift. */
    private void sharedExercises(Partner who, State.SharedExercises what) {
        SafetyKind held = holds.get(who);
        if (held == null || !held.pausesShared()) {
            return;
        }
        if (what == State.SharedExercises.RESUME) {
            resumeAt.putIfAbsent(who, now.plus(bot.resumeAfter()).getEpochSecond());
        } else {
            resumeAt.remove(who);
        }
    }

    /** {@code paused(me)} ({@code resuming} false) and {@code resuming(me)} (true). */
    private boolean pauseState(Partner me, boolean resuming) {
        return me != null && Session.pausedBy(me, holds, resumeAt, now) && resuming == resumeAt.containsKey(me);
    }

    /** Whether the couple's shared exercises are paused now (see {@link Session#sharedPaused}). */
    private boolean sharedPaused() {
        return Session.sharedPaused(holds, resumeAt, now);
    }

    /**
     * A yes to showing an answer the detector wanted checked first: the answer stays private (the yes counts as a
     * no) and the author gets the gentle check, with its resources. Returns whether that happened.
     */
    private boolean heldBack(Frame frame, Partner author, String variable) {
        SafetyKind kind = frame.heldFor(author, variable);
        if (kind == null) {
            return false;
        }
        if (bot.messages().containsKey("share_held")) {
            sayBot(Chat.privateOf(author), "share_held");
        }
        pendingChecks.add(new PendingCheck(author, kind));
        return true;
    }

    /** Checks asked for while a press is handled, shown once the press's own steps are done. */
    private final List<PendingCheck> pendingChecks = new ArrayList<>();

    private record PendingCheck(Partner who, SafetyKind kind) {}

    private void showPendingChecks() {
        for (PendingCheck c : List.copyOf(pendingChecks)) {
            ask(c.who(), Chat.privateOf(c.who()), c.kind());
        }
        pendingChecks.clear();
    }

    /** The gentle check of {@code kind}; where bot.yaml has none, the flow itself. */
    private void ask(Partner who, Chat chat, SafetyKind kind) {
        SafetyDecision d = resolve(new SafetyDecision.Check(kind));
        if (d instanceof SafetyDecision.Flow f && f.kind().takesOver()) {
            safety(who, chat, f.kind());
        } else {
            showSafety(who, d, Frame.STAY);
        }
    }

    // ---------------------------------------------------------------- starting and ending

    private void startDialog(Chat chat, Dialog dialog, Partner from) {
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        if (dialog.audience() != here) {
            sayBot(chat, dialog.audience() == Audience.PRIVATE ? "private_only" : "group_only");
            return;
        }
        if (dialog.audience() == Audience.GROUP && sharedPaused()) {
            sayBot(chat, "shared_paused");
            return;
        }
        if (runs.containsKey(chat)) {
            endRun(chat, EndReason.REPLACED);
        }
        beginRun(chat, dialog, from);
    }

    private void beginRun(Chat chat, Dialog dialog, Partner from) {
        cancelFollowUps(chat, dialog.id()); // started afresh, it will leave its own follow-up if it ends with one
        Frame frame = Frame.start(dialog, null);
        runs.put(chat, new Run(chat, chat.owner(), List.of(frame), Map.of(), from));
        actions.add(new Action.DialogStarted(chat, dialog.id(), dialog.version()));
        enter(chat, dialog.start());
    }

    /** Ends the whole run in a chat: its timers are cancelled and its open buttons closed. */
    private void endRun(Chat chat, EndReason reason) {
        Run run = runs.remove(chat);
        if (run == null) {
            return;
        }
        cancelTimers(chat);
        Frame top = run.top();
        closeOpenButtons(chat, top, null);
        for (Map.Entry<Partner, String> e : top.waiting().refs().entrySet()) {
            actions.add(new Action.CloseButtons(Chat.privateOf(e.getKey()), e.getValue(), null));
        }
        for (int i = run.stack().size() - 1; i >= 0; i--) {
            actions.add(new Action.DialogEnded(chat, run.stack().get(i).dialog(), reason));
        }
    }

    // ---------------------------------------------------------------- entering states

    private void enter(Chat chat, String stateName) {
        if (++transitions > MAX_TRANSITIONS) {
            fail(chat, "dialog went through " + MAX_TRANSITIONS + " states without waiting for anyone");
            return;
        }
        Run run = runs.get(chat);
        if (run == null) {
            return;
        }
        cancelTimers(chat);
        Frame frame = run.top();
        Dialog dialog = dialogOf(frame);
        State state = dialog.state(stateName);
        if (state == null) {
            fail(chat, "dialog " + dialog.id() + " has no state '" + stateName + "'");
            return;
        }
        long step = ++seq;
        Map<String, String> vars = new LinkedHashMap<>(frame.vars());
        vars.putAll(state.set());
        for (String counter : state.increment()) {
            vars.put(counter, increment(vars.get(counter)));
        }
        frame = frame.at(frame.version(), stateName, step).withVars(vars).withWaiting(Waiting.none()).withButtonsRef(null);
        Map<String, Partner> roles = run.roles();
        if (state.swapRoles() && roles.size() == 2) {
            Map<String, Partner> swapped = new LinkedHashMap<>();
            for (Map.Entry<String, Partner> e : roles.entrySet()) {
                swapped.put(e.getKey(), e.getValue().other());
            }
            roles = swapped;
        }
        run = new Run(run.chat(), run.owner(), run.stack(), roles, run.lastActor()).withTop(frame);
        runs.put(chat, run);
        if (state.journal() != null) {
            Partner author = People.author(run, state.journal().author());
            Chat authorChat = Chat.privateOf(author);
            String text = Html.plain(render(state.journal().text(), variantKey(frame, "journal"),
                    ctxFor(chat, author, authorChat)));
            actions.add(new Action.SaveJournal(dialog.id(), state.journal().kind(), author, text));
        }
        if (state.reminder() != null) {
            setReminder(chat, run, frame, dialog, state);
        }
        if (state.sharedExercises() != null && run.owner() != null) {
            sharedExercises(run.owner(), state.sharedExercises());
        }
        Step s = state.step();
        if (s instanceof Step.Wait wait) {
            enterWait(chat, state, wait);
            return;
        }
        if (state.say() != null) {
            say(chat, state.say(), variantKey(frame, "say"), ctx(chat, run.lastActor()));
        }
        if (s instanceof Step.Goto g) {
            enter(chat, g.to());
        } else if (s instanceof Step.Branch b) {
            enter(chat, branch(chat, b));
        } else if (s instanceof Step.End) {
            finishFrame(chat);
        } else if (s instanceof Step.Call call) {
            callDialog(chat, call);
        } else if (s instanceof Step.Handover h) {
            handover(chat, h);
        } else if (s instanceof Step.AssignRoles ar) {
            enterAssignRoles(chat, ar);
        } else if (s instanceof Step.Rendezvous rv) {
            enterRendezvous(chat, rv);
        } else if (s instanceof Step.Share share) {
            enterShare(chat, share);
        } else if (s instanceof Step.Raise r) {
            raise(chat, r.kind());
        }
    }

    /**
     * One {@link Action.SetReminder} per recipient, its time, days and text rendered as that recipient may see
     * them: a time that is another person's answer they did not agree to show is withheld, so no reminder is set.
     */
    private void setReminder(Chat chat, Run run, Frame frame, Dialog dialog, State state) {
        Reminder r = state.reminder();
        Partner setter = People.author(run, "me");
        List<Partner> recipients = r.to() == Reminder.Recipient.BOTH ? presentPartners() : List.of(setter);
        String key = variantKey(frame, "reminder");
        for (Partner p : recipients) {
            Values.Ctx seen = ctxFor(chat, p, Chat.privateOf(p));
            Optional<LocalTime> at = Reminder.clock(plainValue(r.at(), r, key + "/at", seen));
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            boolean daysKnown = true;
            for (String d : r.days()) {
                Optional<Set<DayOfWeek>> parsed = Reminder.days(plainValue(d, r, key + "/days", seen));
                daysKnown &= parsed.isPresent();
                parsed.ifPresent(days::addAll);
            }
            if (at.isEmpty() || !daysKnown) {
                actions.add(new Action.Trouble(chat, dialog.id(), state.name(), "the reminder for partner " + p
                        + (at.isEmpty() ? " has no time of day (not a time, or not shown to them)" : " has a value in days that is not a day")
                        + "; no reminder was set"));
                continue;
            }
            String html = render(r.text(), key, seen);
            actions.add(new Action.SetReminder(p, r.to() == Reminder.Recipient.BOTH ? setter : p, dialog.id(), at.get(), days, html));
        }
    }

    /** A reminder's time or days with its placeholder filled, as plain text. */
    private String plainValue(String written, Reminder r, String key, Values.Ctx seen) {
        return Html.plain(render(new Message(List.of(written), r.source()), key, seen));
    }

    private void enterWait(Chat chat, State state, Step.Wait wait) {
        Run run = runs.get(chat);
        Frame frame = run.top();
        String ref = null;
        if (state.say() != null || !wait.buttons().isEmpty()) {
            long msg = ++seq;
            ref = Refs.message(msg);
            List<Action.ButtonOut> buttons = new ArrayList<>();
            for (int i = 0; i < wait.buttons().size(); i++) {
                buttons.add(new Action.ButtonOut(wait.buttons().get(i).label(),
                        CallbackData.encode(frame.dialog(), frame.state(), Integer.toString(i), msg)));
            }
            Message say = state.say() != null ? state.say() : bot.message("use_buttons");
            String html = render(say, variantKey(frame, "say"), ctx(chat, run.lastActor()));
            actions.add(new Action.Send(chat, ref, html, buttons));
            if (buttons.isEmpty()) {
                ref = null;
            }
        }
        runs.put(chat, run.withTop(frame.withButtonsRef(ref)));
        if (wait.timer() != null) {
            schedule(chat, frame.step(), wait.timer(), false);
        }
    }

    private void enterAssignRoles(Chat chat, Step.AssignRoles ar) {
        Run run = runs.get(chat);
        if (ar.method() == Step.RoleAssignment.CHOSEN) {
            Frame frame = run.top();
            long msg = ++seq;
            String ref = Refs.message(msg);
            List<Action.ButtonOut> buttons = new ArrayList<>();
            for (Partner p : Partner.values()) {
                buttons.add(new Action.ButtonOut(original.name(p),
                        CallbackData.encode(frame.dialog(), frame.state(), p.name(), msg)));
            }
            Message ask = ar.ask() != null ? ar.ask() : bot.message("use_buttons");
            actions.add(new Action.Send(chat, ref, render(ask, variantKey(frame, "ask"), ctx(chat, run.lastActor())), buttons));
            runs.put(chat, run.withTop(frame.withButtonsRef(ref)));
            if (ar.timer() != null) {
                schedule(chat, frame.step(), ar.timer(), false);
            }
            return;
        }
        Partner first;
        if (ar.method() == Step.RoleAssignment.ALTERNATE && firstRole.containsKey(run.top().dialog())) {
            first = firstRole.get(run.top().dialog()).other();
        } else {
            first = rng.nextInt(2) == 0 ? Partner.A : Partner.B;
        }
        assignRoles(chat, first);
        enter(chat, ar.to());
    }

    private void assignRoles(Chat chat, Partner first) {
        Run run = runs.get(chat);
        Dialog dialog = dialogOf(run.top());
        List<String> names = rolesOf(run);
        if (names.size() != 2) {
            return;
        }
        Map<String, Partner> roles = new LinkedHashMap<>();
        roles.put(names.get(0), first);
        roles.put(names.get(1), first.other());
        firstRole.put(dialog.id(), first);
        runs.put(chat, new Run(run.chat(), run.owner(), run.stack(), roles, run.lastActor()));
    }

    /** Roles are declared by the run's bottom dialog; a called dialog shares them. */
    private List<String> rolesOf(Run run) {
        for (int i = run.stack().size() - 1; i >= 0; i--) {
            List<String> r = dialogOf(run.stack().get(i)).roles();
            if (!r.isEmpty()) {
                return r;
            }
        }
        return List.of();
    }

    private void enterRendezvous(Chat chat, Step.Rendezvous rv) {
        Run run = runs.get(chat);
        Frame frame = run.top();
        String key = variantKey(frame, "ask");
        if (rv.in() == Step.AnswerPlace.GROUP) {
            say(Chat.GROUP, rv.ask(), key, ctx(chat, run.lastActor()));
        } else if (!rv.buttons().isEmpty()) {
            askWithAnswerButtons(chat, rv, key);
        } else {
            for (Partner p : presentPartners()) {
                Chat to = Chat.privateOf(p);
                say(to, rv.ask(), key, ctxFor(chat, p, to));
            }
        }
        if (rv.timer() != null) {
            schedule(chat, frame.step(), rv.timer(), false);
        }
    }

    private boolean rendezvousAnswer(Partner from, Chat chat, String text) {
        Chat runChat = Chat.GROUP;
        Run run = runs.get(runChat);
        if (run == null && !chat.isGroup()) {
            runChat = chat;
            run = runs.get(runChat);
        }
        if (run == null || !refreshVersion(runChat)) {
            return false;
        }
        run = runs.get(runChat);
        Frame frame = run.top();
        State state = dialogOf(frame).state(frame.state());
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
            sayBot(chat, "use_buttons"); // the answer is one of the buttons above; a typed word could be misread
            return true;
        }
        Optional<String> value = AnswerCheck.accept(rv.validation(), text);
        if (value.isEmpty()) {
            say(chat, rv.invalid() != null ? rv.invalid() : bot.message("invalid_input"), variantKey(frame, "invalid"),
                    ctxFor(runChat, from, chat));
            return true;
        }
        acceptRendezvousAnswer(runChat, from, chat, rv, value.get());
        return true;
    }

    /** Keeps a partner's rendezvous answer, then asks for consent or counts them as done. */
    private void acceptRendezvousAnswer(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, String answer) {
        Frame frame = runs.get(runChat).top();
        Waiting w = frame.waiting();
        frame = frame.withAnswer(from, rv.into(), answer, chat);
        if (holdForSharing != null) {
            frame = frame.withHeld(from, rv.into(), holdForSharing);
        }
        putTop(runChat, frame, from);
        if (rv.consent() != null) {
            long msg = ++seq;
            String ref = Refs.message(msg);
            Chat to = Chat.privateOf(from);
            String yes = rv.consent().yesLabel() != null ? rv.consent().yesLabel() : plainBot("consent_yes");
            String no = rv.consent().noLabel() != null ? rv.consent().noLabel() : plainBot("consent_no");
            List<Action.ButtonOut> buttons = List.of(
                    new Action.ButtonOut(yes, CallbackData.encode(frame.dialog(), frame.state(), "y", msg)),
                    new Action.ButtonOut(no, CallbackData.encode(frame.dialog(), frame.state(), "n", msg)));
            actions.add(new Action.Send(to, ref, render(rv.consent().ask(), variantKey(frame, "consent"),
                    ctxFor(runChat, from, to)), buttons));
            Set<Partner> awaiting = new HashSet<>(w.awaitingConsent());
            awaiting.add(from);
            Map<Partner, String> refs = new EnumMap<>(Partner.class);
            refs.putAll(w.refs());
            refs.put(from, ref);
            frame = frame.withWaiting(new Waiting(w.answered(), awaiting, refs));
            putTop(runChat, frame, from);
            return;
        }
        putTop(runChat, frame, from);
        markAnswered(runChat, from, chat, rv);
    }

    /** The question in each partner's private chat, with the answer buttons; each message is that partner's own. */
    private void askWithAnswerButtons(Chat runChat, Step.Rendezvous rv, String key) {
        Frame frame = runs.get(runChat).top();
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        for (Partner p : presentPartners()) {
            long msg = ++seq;
            String ref = Refs.message(msg);
            Chat to = Chat.privateOf(p);
            List<Action.ButtonOut> buttons = new ArrayList<>();
            for (int i = 0; i < rv.buttons().size(); i++) {
                buttons.add(new Action.ButtonOut(rv.buttons().get(i).label(),
                        CallbackData.encode(frame.dialog(), frame.state(), ANSWER + i, msg)));
            }
            actions.add(new Action.Send(to, ref, render(rv.ask(), key, ctxFor(runChat, p, to)), buttons));
            refs.put(p, ref);
        }
        runs.put(runChat, runs.get(runChat).withTop(frame.withWaiting(new Waiting(Set.of(), Set.of(), refs))));
    }

    /** Callback choices of answer buttons: a0, a1, ...; consent uses y and n. */
    private static final String ANSWER = "a";

    /** A press on an answer button: it answers for the partner whose private chat it is in, once. */
    private void rendezvousButton(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, CallbackData cb) {
        Waiting w = runs.get(runChat).top().waiting();
        int index;
        try {
            index = Integer.parseInt(cb.choice().substring(ANSWER.length()));
        } catch (NumberFormatException e) {
            index = -1;
        }
        boolean own = chat == Chat.privateOf(from) && cb.ref().equals(w.refs().get(from));
        if (!own || index < 0 || index >= rv.buttons().size() || w.answered().contains(from)
                || w.awaitingConsent().contains(from)) {
            sayBot(chat, "stale_button"); // nothing is closed: the message may be the partner's, in their chat
            return;
        }
        Step.AnswerButton b = rv.buttons().get(index);
        actions.add(new Action.CloseButtons(chat, cb.ref(), b.label()));
        Frame frame = runs.get(runChat).top();
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        refs.putAll(w.refs());
        refs.remove(from);
        runs.put(runChat, runs.get(runChat).withTop(frame.withWaiting(new Waiting(w.answered(), w.awaitingConsent(), refs))));
        acceptRendezvousAnswer(runChat, from, chat, rv, b.value());
    }

    private void rendezvousConsent(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv, CallbackData cb) {
        Frame frame = runs.get(runChat).top();
        Waiting w = frame.waiting();
        if (!cb.ref().equals(w.refs().get(from)) || !w.awaitingConsent().contains(from) || rv.consent() == null) {
            sayBot(chat, "stale_button");
            return;
        }
        boolean yes = "y".equals(cb.choice()) && !heldBack(frame, from, rv.into());
        String label = yes
                ? (rv.consent().yesLabel() != null ? rv.consent().yesLabel() : plainBot("consent_yes"))
                : (rv.consent().noLabel() != null ? rv.consent().noLabel() : plainBot("consent_no"));
        actions.add(new Action.CloseButtons(chat, cb.ref(), label));
        List<Consent> consents = new ArrayList<>(frame.consents());
        if (yes) {
            consents.add(new Consent(from, rv.into(), rv.consent().with()));
            actions.add(new Action.Shared(from, rv.into(), rv.consent().with()));
        }
        Set<Partner> awaiting = new HashSet<>(w.awaitingConsent());
        awaiting.remove(from);
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        refs.putAll(w.refs());
        refs.remove(from);
        frame = frame.withConsents(consents, new Waiting(w.answered(), awaiting, refs));
        putTop(runChat, frame, from);
        markAnswered(runChat, from, chat, rv);
    }

    /** Counts a partner as done; continues only when both are, so nobody learns who was first. */
    private void markAnswered(Chat runChat, Partner from, Chat chat, Step.Rendezvous rv) {
        Frame frame = runs.get(runChat).top();
        Waiting w = frame.waiting();
        Set<Partner> answered = new HashSet<>(w.answered());
        answered.add(from);
        frame = frame.withWaiting(new Waiting(answered, w.awaitingConsent(), w.refs()));
        runs.put(runChat, runs.get(runChat).withTop(frame));
        if (answered.containsAll(presentPartners())) {
            enter(runChat, rv.to());
        } else {
            say(chat, rv.waiting() != null ? rv.waiting() : bot.message("rendezvous_waiting"),
                    variantKey(frame, "waiting"), ctxFor(runChat, from, chat));
        }
    }

    private void enterShare(Chat chat, Step.Share share) {
        Run run = runs.get(chat);
        Frame frame = run.top();
        Partner author = People.author(run, share.from());
        if (!original.isPaired()) {
            if (share.noPartner() != null) {
                enter(chat, share.noPartner());
            } else {
                sayBot(Chat.privateOf(author), "no_partner");
                enter(chat, share.no());
            }
            return;
        }
        if (sharedPaused()) {
            sayBot(Chat.privateOf(author), "shared_paused");
            enter(chat, share.no());
            return;
        }
        long msg = ++seq;
        String ref = Refs.message(msg);
        Chat to = Chat.privateOf(author);
        String yes = share.yesLabel() != null ? share.yesLabel() : plainBot("consent_yes");
        String no = share.noLabel() != null ? share.noLabel() : plainBot("consent_no");
        List<Action.ButtonOut> buttons = List.of(
                new Action.ButtonOut(yes, CallbackData.encode(frame.dialog(), frame.state(), "y", msg)),
                new Action.ButtonOut(no, CallbackData.encode(frame.dialog(), frame.state(), "n", msg)));
        actions.add(new Action.Send(to, ref, render(share.ask(), variantKey(frame, "ask"), ctxFor(chat, author, to)), buttons));
        Map<Partner, String> refs = new EnumMap<>(Partner.class);
        refs.put(author, ref);
        runs.put(chat, run.withTop(frame.withWaiting(new Waiting(Set.of(), Set.of(author), refs))));
        if (share.timer() != null) {
            schedule(chat, frame.step(), share.timer(), false);
        }
    }

    private void shareAnswer(Chat runChat, Partner from, Chat chat, Step.Share share, CallbackData cb) {
        Run run = runs.get(runChat);
        Frame frame = run.top();
        Partner author = People.author(run, share.from());
        if (from != author || !cb.ref().equals(frame.waiting().refs().get(author))) {
            sayBot(chat, "stale_button");
            return;
        }
        boolean yes = "y".equals(cb.choice()) && !heldBack(frame, author, share.variable());
        String label = yes
                ? (share.yesLabel() != null ? share.yesLabel() : plainBot("consent_yes"))
                : (share.noLabel() != null ? share.noLabel() : plainBot("consent_no"));
        actions.add(new Action.CloseButtons(chat, cb.ref(), label));
        if (!yes) {
            putTop(runChat, frame.withWaiting(Waiting.none()), from);
            enter(runChat, share.no());
            return;
        }
        List<Consent> consents = new ArrayList<>(frame.consents());
        consents.add(new Consent(author, share.variable(), share.with()));
        frame = frame.withConsents(consents, Waiting.none());
        putTop(runChat, frame, from);
        actions.add(new Action.Shared(author, share.variable(), share.with()));
        Chat target = share.with() == ShareTarget.GROUP ? Chat.GROUP : Chat.privateOf(author.other());
        say(target, share.deliver(), variantKey(frame, "deliver"), ctxFor(runChat, author, target));
        enter(runChat, share.yes());
    }

    private String branch(Chat chat, Step.Branch b) {
        Run run = runs.get(chat);
        Partner me = run.owner() != null ? run.owner() : run.lastActor();
        Conditions eval = new Conditions(ref -> values.forCondition(run, ref), (ref, to) -> values.agreed(run, ref, to),
                resuming -> pauseState(me, resuming));
        for (Step.Case c : b.cases()) {
            if (eval.test(c.when())) {
                return c.to();
            }
        }
        return b.otherwise();
    }

    private void callDialog(Chat chat, Step.Call call) {
        Run run = runs.get(chat);
        Optional<Dialog> callee = library.current(call.dialog());
        if (callee.isEmpty()) {
            fail(chat, "dialog '" + call.dialog() + "' to call does not exist");
            return;
        }
        if (run.stack().size() >= MAX_CALL_DEPTH) {
            fail(chat, "sub-dialogs nested deeper than " + MAX_CALL_DEPTH);
            return;
        }
        Dialog d = callee.get();
        List<Frame> stack = new ArrayList<>(run.stack());
        stack.add(Frame.start(d, call.returnTo()));
        runs.put(chat, new Run(run.chat(), run.owner(), stack, run.roles(), run.lastActor()));
        actions.add(new Action.DialogStarted(chat, d.id(), d.version()));
        enter(chat, d.start());
    }

    private void handover(Chat chat, Step.Handover h) {
        Run run = runs.get(chat);
        Optional<Dialog> next = library.current(h.dialog());
        if (next.isEmpty()) {
            fail(chat, "dialog '" + h.dialog() + "' to hand over to does not exist");
            return;
        }
        handOverTo(chat, next.get());
    }

    /** The top dialog ends and {@code d} takes its place, returning where it would have. */
    private void handOverTo(Chat chat, Dialog d) {
        Run run = runs.get(chat);
        Frame old = run.top();
        actions.add(new Action.DialogEnded(chat, old.dialog(), EndReason.COMPLETED));
        runs.put(chat, run.withTop(Frame.start(d, old.returnTo())));
        actions.add(new Action.DialogStarted(chat, d.id(), d.version()));
        enter(chat, d.start());
    }

    /** The top dialog reached an end: return to its caller, or end the run. */
    private void finishFrame(Chat chat) {
        Run run = runs.get(chat);
        Frame done = run.top();
        actions.add(new Action.DialogEnded(chat, done.dialog(), EndReason.COMPLETED));
        if (run.stack().size() == 1) {
            runs.remove(chat);
            cancelTimers(chat);
            leaveFollowUp(chat, run);
            return;
        }
        List<Frame> stack = new ArrayList<>(run.stack().subList(0, run.stack().size() - 1));
        runs.put(chat, new Run(run.chat(), run.owner(), stack, run.roles(), run.lastActor()));
        if (!refreshVersion(chat)) {
            return;
        }
        if (!Frame.STAY.equals(done.returnTo())) {
            enter(chat, done.returnTo());
            return;
        }
        // shown on top of a dialog that waits: its question again, with fresh buttons and its timer (the overlay's
        // states cancelled it), and without its entry effects a second time
        Frame below = runs.get(chat).top();
        State state = dialogOf(below).state(below.state());
        if (state != null && state.step() instanceof Step.Wait wait) {
            closeOpenButtons(chat, below, null);
            enterWait(chat, state, wait);
        }
    }

    private void fail(Chat chat, String why) {
        // the dialog is at fault, not the couple: end it kindly and report it for the log
        Run run = runs.get(chat);
        actions.add(new Action.Trouble(chat, run == null ? null : run.top().dialog(),
                run == null ? null : run.top().state(), why));
        if (run != null) {
            endRun(chat, EndReason.ERROR);
        }
        sayBot(chat, "internal_error");
    }

    // ---------------------------------------------------------------- follow-ups

    /** How long a follow-up that found its chat busy waits before it tries again, and how often it tries. */
    static final java.time.Duration FOLLOW_UP_RETRY = java.time.Duration.ofHours(1);
    static final int FOLLOW_UP_TRIES = 24;

    /** The run just ended in an ending state; if that state has a follow_up, keep the run to come back to. */
    private void leaveFollowUp(Chat chat, Run ended) {
        Frame top = ended.top();
        Dialog dialog = dialogOf(top);
        State state = dialog.state(top.state());
        if (state == null || !(state.step() instanceof Step.End end) || end.followUp() == null
                || end.followUp().after() == null) {
            return;
        }
        cancelFollowUps(chat, top.dialog()); // the newest ending speaks for the dialog
        Frame kept = top.withWaiting(Waiting.none()).withButtonsRef(null);
        Run run = new Run(chat, ended.owner(), List.of(kept), ended.roles(), ended.lastActor());
        scheduleFollowUp(new PendingFollowUp(Refs.timer(++seq), chat, run, end.followUp().to(), 0),
                end.followUp().after());
    }

    private void scheduleFollowUp(PendingFollowUp f, java.time.Duration after) {
        followUps.put(f.id(), f);
        actions.add(new Action.ScheduleTimer(f.id(), now.plus(after), after));
    }

    /**
     * A follow-up came due. In an idle chat its dialog starts again at the follow-up's state. A chat busy with
     * another dialog is not interrupted: the follow-up tries again an hour later, up to a day, then is dropped
     * (logged as Trouble).
     */
    private void followUpDue(PendingFollowUp f) {
        Chat chat = f.chat();
        if (chat.isGroup() && (!original.isPaired() || sharedPaused())) {
            return; // shared exercises are off for this couple now
        }
        if (runs.containsKey(chat)) {
            if (f.tries() + 1 >= FOLLOW_UP_TRIES) {
                actions.add(new Action.Trouble(chat, f.dialog(), f.to(), "follow-up dropped: the chat was busy with"
                        + " another dialog each of " + FOLLOW_UP_TRIES + " times it came due"));
                return;
            }
            scheduleFollowUp(new PendingFollowUp(Refs.timer(++seq), chat, f.run(), f.to(), f.tries() + 1),
                    FOLLOW_UP_RETRY);
            return;
        }
        Frame frame = f.run().top();
        runs.put(chat, f.run().withTop(frame.at(frame.version(), f.to(), frame.step())));
        if (!refreshVersion(chat)) {
            return; // its version is gone and the state with it: the run moved on or ended, the user was told
        }
        actions.add(new Action.DialogStarted(chat, frame.dialog(), runs.get(chat).top().version()));
        enter(chat, f.to());
    }

    /** Drops the follow-ups pending in a chat (of one dialog, or all when null); true if there were any. */
    private boolean cancelFollowUps(Chat chat, String dialogId) {
        List<String> ids = new ArrayList<>();
        for (PendingFollowUp f : followUps.values()) {
            if (f.chat() == chat && (dialogId == null || dialogId.equals(f.dialog()))) {
                ids.add(f.id());
            }
        }
        for (String id : ids) {
            followUps.remove(id);
            actions.add(new Action.CancelTimer(id));
        }
        return !ids.isEmpty();
    }

    // ---------------------------------------------------------------- versions

    /**
     * Makes sure the run's top frame can be executed. A frame whose version is no longer loaded moves to
     * the current version when its state still exists there, else to the dialog's on_change state, else
     * the run ends with a kind word. Returns false when the run ended.
     */
    private boolean refreshVersion(Chat chat) {
        Run run = runs.get(chat);
        if (run == null) {
            return false;
        }
        Frame f = run.top();
        if (library.version(f.dialog(), f.version()).isPresent()) {
            return true;
        }
        Optional<Dialog> current = library.current(f.dialog());
        if (current.isPresent() && current.get().state(f.state()) != null) {
            runs.put(chat, run.withTop(f.at(current.get().version(), f.state(), f.step())));
            return true;
        }
        versionMoved = true;
        if (current.isPresent() && current.get().onChange() != null) {
            runs.put(chat, run.withTop(f.at(current.get().version(), current.get().onChange(), f.step())
                    .withWaiting(Waiting.none()).withButtonsRef(null)));
            closeOpenButtons(chat, f, null);
            enter(chat, current.get().onChange());
            return false;
        }
        endRun(chat, EndReason.DIALOG_CHANGED);
        sayBot(chat, "dialog_changed");
        return false;
    }

    private Dialog dialogOf(Frame f) {
        return library.version(f.dialog(), f.version())
                .or(() -> library.current(f.dialog()))
                .orElseThrow(() -> new IllegalStateException("dialog " + f.dialog() + " is not loaded"));
    }

    // ---------------------------------------------------------------- timers

    private void schedule(Chat chat, long step, Timer timer, boolean nudged) {
        String id = Refs.timer(++seq);
        timers.put(id, new PendingTimer(id, chat, step, nudged));
        java.time.Duration after = lengthOf(chat, timer);
        actions.add(new Action.ScheduleTimer(id, now.plus(after), timer.grace() != null ? timer.grace() : after));
    }

    /** Only reached with a library that skipped validation: some length is kinder than a timer that never fires. */
    private static final java.time.Duration LAST_RESORT = java.time.Duration.ofHours(1);

    /**
     * A timer's length; one written with a variable ({minutes}m) is filled from the dialog's values now. A value
     * that gives no duration falls back to the variable's declared default, and the adapter logs why.
     */
    private java.time.Duration lengthOf(Chat chat, Timer timer) {
        if (timer.afterFrom() == null) {
            return timer.after();
        }
        Frame f = runs.get(chat).top();
        Optional<java.time.Duration> filled = dev.rekindle.dialog.model.TimerLength.fill(timer.afterFrom(), f.vars());
        if (filled.isPresent()) {
            return filled.get();
        }
        java.time.Duration fallback = dev.rekindle.dialog.model.TimerLength.fill(timer.afterFrom(), dialogOf(f).variables())
                .orElse(LAST_RESORT);
        String gave = dev.rekindle.dialog.model.TimerLength.filledText(timer.afterFrom(), f.vars())
                .map(x -> "gave '" + x + "', which is not a duration").orElse("has a variable with no value");
        actions.add(new Action.Trouble(chat, f.dialog(), f.state(), "timer 'after: " + timer.afterFrom() + "' " + gave
                + "; waited " + dev.rekindle.dialog.model.Durations.format(fallback)
                + " instead (from its default under variables:)"));
        return fallback;
    }

    private void cancelTimers(Chat chat) {
        List<String> ids = new ArrayList<>();
        for (PendingTimer t : timers.values()) {
            if (t.chat() == chat) {
                ids.add(t.id());
            }
        }
        for (String id : ids) {
            timers.remove(id);
            actions.add(new Action.CancelTimer(id));
        }
    }

    private static Timer timerOf(Step step) {
        if (step instanceof Step.Wait w) return w.timer();
        if (step instanceof Step.Rendezvous r) return r.timer();
        if (step instanceof Step.Share s) return s.timer();
        if (step instanceof Step.AssignRoles a) return a.timer();
        return null;
    }

    // ---------------------------------------------------------------- people and values

    private boolean mayAct(Run run, State state, Partner from) {
        if (state.actor() == null) {
            return true;
        }
        Partner holder = run.roles().get(state.actor());
        return holder == null || holder == from;
    }

    private List<Partner> presentPartners() {
        return original.isPaired() ? List.of(Partner.A, Partner.B) : List.of(Partner.A);
    }

    private Values.Ctx ctx(Chat runChat, Partner actor) {
        Run run = runs.get(runChat);
        Partner me = run == null ? null : (run.owner() != null ? run.owner() : actor);
        return new Values.Ctx(runChat, runChat, me);
    }

    private Values.Ctx ctxFor(Chat runChat, Partner me, Chat recipient) {
        return new Values.Ctx(runChat, recipient, me);
    }

    private Values.Ctx ctxNone(Chat chat) {
        return new Values.Ctx(null, chat, chat.owner());
    }

    // ---------------------------------------------------------------- messages

    private void say(Chat to, Message message, String key, Values.Ctx ctx) {
        String html = render(message, key, ctx);
        actions.add(new Action.Send(to, Refs.message(++seq), html, List.of()));
    }

    /** A bot.yaml sentence in {@code to}; also what {@link Engine#sayBot} says outside any dialog. */
    void sayBot(Chat to, String key) {
        say(to, bot.message(key), "bot/" + key, ctxNone(to));
    }

    private String plainBot(String key) {
        return Html.plain(render(bot.message(key), "bot/" + key, ctxNone(Chat.A)));
    }

    private String render(Message message, String key, Values.Ctx ctx) {
        return Html.render(parse(variants.pick(message, key)), ref -> values.forTemplate(ctx, ref));
    }

    private static dev.rekindle.dialog.model.Template parse(String text) {
        try {
            return dev.rekindle.dialog.model.Template.parse(text);
        } catch (dev.rekindle.dialog.model.Template.SyntaxException e) {
            // the validator rejects such text; if one slips through, say it as written rather than fail
            return new dev.rekindle.dialog.model.Template(List.of(new dev.rekindle.dialog.model.Template.Literal(text)));
        }
    }

    private static String variantKey(Frame f, String what) {
        return f.dialog() + "/" + f.state() + "/" + what;
    }

    // ---------------------------------------------------------------- frame helpers

    private void closeOpenButtons(Chat chat, Frame frame, String label) {
        if (frame.buttonsRef() != null) {
            actions.add(new Action.CloseButtons(chat, frame.buttonsRef(), label));
        }
    }

    private void putTop(Chat chat, Frame frame, Partner actor) {
        Run run = runs.get(chat);
        Run withActor = new Run(run.chat(), run.owner(), run.stack(), run.roles(), actor == null ? run.lastActor() : actor);
        runs.put(chat, withActor.withTop(frame));
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
}
