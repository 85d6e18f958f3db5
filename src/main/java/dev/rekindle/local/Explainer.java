package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Run;
import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.engine.SafetyReading;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.Classification;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.Couple;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Store;
import dev.rekindle.store.StoredSession;
import dev.rekindle.store.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why the bot did what it did, for {@code chat --explain}: for free text, the classifier's intent with its
 * confidence and the safety detector's decision (as a message of its own and as an answer to a question, which
 * the engine tells apart by context); then, for any update, what it moved: the dialog and state in each chat of
 * the couple, the person's onboarding step, the couple's pairing and a pause of the shared exercises. Read from the
 * same store and the same understanding the core used.
 */
final class Explainer {
    /** What stood before an update, to compare with after. */
    record Before(Cast.Person who, Optional<Couple> couple, Session session, Profile.OnboardingStage step) {}

    private final Store store;
    private final Understanding understanding;
    private final Cast cast;
    private boolean on;

    Explainer(Store store, Understanding understanding, Cast cast) {
        this.store = store;
        this.understanding = understanding;
        this.cast = cast;
    }

    void on(boolean explain) {
        this.on = explain;
    }

    /** A snapshot before {@code who}'s update; null when not explaining. */
    Before before(Cast.Person who, boolean inGroup) {
        if (!on) {
            return null;
        }
        Optional<Couple> couple = store.couples().coupleOf(who.userId());
        return new Before(who, couple, session(couple), step(who));
    }

    /**
     * The explanation of the update {@code before} was taken for, in one line: {@code input} says what it was (a
     * command, a button), {@code text} is the free text, when it was some (then its intent and safety come first).
     */
    List<String> after(Before before, String input, String text) {
        if (before == null) {
            return List.of();
        }
        String what = text == null ? input + " (no intent, no safety reading)" : understood(text);
        Optional<Couple> couple = store.couples().coupleOf(before.who().userId());
        Session now = session(couple);
        List<String> moved = new ArrayList<>();
        Profile.OnboardingStage step = step(before.who());
        if (before.step() != step) {
            moved.add(before.who().name() + "'s onboarding " + stage(before.step()) + " → " + stage(step));
        }
        String pairing = pairing(before.couple(), couple);
        if (!pairing.isEmpty()) {
            moved.add(pairing);
        }
        for (Chat c : Chat.values()) {
            String was = where(before.session(), c);
            String is = where(now, c);
            if (!was.equals(is)) {
                moved.add(chatName(couple.or(before::couple), c) + ": " + was + " → " + is);
            }
        }
        Map<Partner, SafetyKind> holds = now == null ? Map.of() : now.holds();
        if (!holds.equals(before.session() == null ? Map.of() : before.session().holds())) {
            Optional<Couple> c = couple.or(before::couple);
            moved.add(
                    holds.isEmpty()
                            ? "the shared exercises are no longer paused"
                            : "the shared exercises paused by "
                                    + holds.entrySet().stream()
                                            .map(h -> name(c, h.getKey()) + " ("
                                                    + h.getValue().id() + ")")
                                            .collect(Collectors.joining(", ")));
        }
        return List.of("explain: " + what + " → " + (moved.isEmpty() ? "nothing moved" : String.join("; ", moved)));
    }

    private String understood(String text) {
        Classification c = understanding.classifier().classify(text);
        String next = c.ranked().stream()
                .filter(s -> !s.intent().equals(c.intent()))
                .findFirst()
                .map(s -> String.format(Locale.ROOT, " (next: %s %.2f)", s.intent(), s.probability()))
                .orElse("");
        return String.format(
                Locale.ROOT,
                "intent %s %.2f%s, safety: %s",
                c.intent(),
                c.confidence(),
                next,
                safety(understanding.safety(text)));
    }

    static String safety(SafetyReading r) {
        String asMessage = decision(r.asMessage());
        String asAnswer = decision(r.asAnswer());
        String both = asMessage.equals(asAnswer)
                ? asMessage
                : asMessage + " as a message, " + asAnswer + " as an answer to a question";
        SafetyKind share = r.beforeSharing();
        return share == null || share.equals(r.asAnswer().kind())
                ? both
                : both + ", checked before it is shared: " + share.id();
    }

    private static String decision(SafetyDecision d) {
        if (d instanceof SafetyDecision.Flow f) {
            return "flow " + f.kind().id();
        }
        if (d instanceof SafetyDecision.Check c) {
            return "check " + c.kind().id();
        }
        return "nothing";
    }

    private static String where(Session s, Chat c) {
        Run run = s == null ? null : s.run(c);
        if (run == null) {
            return "no dialog";
        }
        return run.stack().stream().map(f -> f.dialog() + "." + f.state()).collect(Collectors.joining(" > "));
    }

    private String pairing(Optional<Couple> was, Optional<Couple> is) {
        boolean wasPaired = was.map(c -> c.users().size() == 2).orElse(false);
        boolean isPaired = is.map(c -> c.users().size() == 2).orElse(false);
        if (wasPaired == isPaired && was.map(Couple::id).equals(is.map(Couple::id))) {
            return "";
        }
        if (is.isEmpty()) {
            return "no longer known to the bot";
        }
        return isPaired
                ? "paired (couple " + is.get().id() + ")"
                : "not paired (couple " + is.get().id() + " of one)";
    }

    private String chatName(Optional<Couple> couple, Chat c) {
        return c.isGroup() ? "the group" : name(couple, c == Chat.A ? Partner.A : Partner.B) + "'s private chat";
    }

    /** The person who is partner {@code p} of the couple, by their name in the session. */
    private String name(Optional<Couple> couple, Partner p) {
        Long userId = couple.map(x -> x.users().get(p)).orElse(null);
        if (userId == null) {
            return "partner " + p;
        }
        return cast.owner(userId)
                .map(Cast.Person::name)
                .orElseGet(() ->
                        store.couples().user(userId).map(User::displayName).orElse("partner " + p));
    }

    private Session session(Optional<Couple> couple) {
        return couple.flatMap(c -> store.sessions().load(c.id()))
                .map(StoredSession::session)
                .orElse(null);
    }

    private Profile.OnboardingStage step(Cast.Person who) {
        return store.pairings().profile(who.userId()).map(Profile::step).orElse(null);
    }

    private static String stage(Profile.OnboardingStage s) {
        return Objects.toString(s, "not started").toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
