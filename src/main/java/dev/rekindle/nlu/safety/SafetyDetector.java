package dev.rekindle.nlu.safety;

import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.engine.SafetyReading;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.nlu.safety.SafetyModel.Opinion;

/**
 * Decides what a message asks of the bot's safety: a flow, a gentle check, or nothing, both for a message of its
 * own and for an answer to an exercise's question, before any intent routing. Two readers, on purpose:
 *
 * <ul>
 *   <li>the <b>lexicon</b> a therapist writes ({@code safety.txt}): what each kind of concern sounds like, whether
 *       a harm is told as past or present, and the harmless idioms;
 *   <li>the <b>safety model</b>, a classifier trained on written examples: it reads phrasings nobody listed, and
 *       knows when listed words are used harmlessly.
 * </ul>
 *
 * A concern the lexicon lists is a flow, unless it is a harm (abuse, violence, a child) and the model is all but
 * certain the message is ordinary: then the two disagree, and it is a check, a private question that shows the resources either way and pauses nothing unless the person
 * says so. The model alone never starts a flow: when it alone sees a concern, it asks, and on an answer to an
 * exercise's question it needs to be surer, because honest, vulnerable answers are what those questions ask for. One or two words are read by the lexicon alone. Harm told as history
 * is acknowledged (past_trauma), never an alarm.
 */
public final class SafetyDetector {
    private final SafetyLexicon lexicon;
    private final SafetyModel model;
    private final Thresholds t;

    /**
     * How sure the model must be, as its probability of some concern (or of none).
     *
     * @param check         a check from the model alone, on a message with a word that can carry a risk
     * @param checkAnswer   the same, on an answer to an exercise's question
     * @param checkUnlisted a check from the model alone, on a message or answer without any such word: the
     *                      disclosures that use no alarming word at all (a goodbye, a plan told as arrangements)
     * @param deny          the model says ordinary so surely that a listed concern is only a check
     * @param denyJoke      the same, when the writer signals a joke ("lol", a laughing emoji): any kind, a crisis too
     * @param veto          the model says ordinary so surely that words which only MAY mean a concern do not
     * @param share         the stricter setting: an answer is checked with its author before it is shared
     * @param refine        the model's kind (a child, or history) replaces the lexicon's generic abuse
     */
    public record Thresholds(
            double check,
            double checkAnswer,
            double checkUnlisted,
            double deny,
            double denyJoke,
            double veto,
            double share,
            double refine) {
        public static final Thresholds DEFAULT = new Thresholds(0.60, 0.60, 0.80, 0.94, 0.85, 0.90, 0.30, 0.35);
    }

    /**
     * The detector over {@code lexicon} and {@code model} (null: the lexicon alone, in tests).
     *
     * @throws IllegalArgumentException when the model is not calibrated: its raw scores do not mean what the
     *     thresholds mean
     */
    public SafetyDetector(SafetyLexicon lexicon, SafetyModel model, Thresholds thresholds) {
        if (model != null && !model.isCalibrated()) {
            throw new IllegalArgumentException("the safety model is not calibrated: its raw probabilities are not"
                    + " what the thresholds mean (load it with its safety-calibration.txt)");
        }
        this.lexicon = java.util.Objects.requireNonNull(lexicon, "lexicon");
        this.model = model;
        this.t = thresholds;
    }

    public SafetyDetector(SafetyLexicon lexicon, SafetyModel model) {
        this(lexicon, model, Thresholds.DEFAULT);
    }

    /** The calibrated safety model (null: the lexicon alone), for {@code nlu safety --reliability}. */
    public SafetyModel model() {
        return model;
    }

    public SafetyReading read(String text) {
        return explain(text).reading();
    }

    /** The reading with what it was made of: for {@code nlu classify} and the terminal chat's {@code --explain}. */
    public Explained explain(String text) {
        SafetyLexicon.Hits hits = lexicon.read(text);
        Opinion opinion = model == null || hits.words() == 0 ? Opinion.ABSENT : model.opinion(text);
        return new Explained(hits, opinion, decide(hits, opinion));
    }

    /** A reading and its evidence. */
    public record Explained(SafetyLexicon.Hits lexicon, Opinion model, SafetyReading reading) {}

    SafetyReading decide(SafetyLexicon.Hits h, Opinion o) {
        SafetyKind listed = refine(listedKind(h), h, o);
        boolean fewWords = h.words() <= 2;
        SafetyDecision asMessage = decide(listed, h, o, fewWords, false);
        SafetyDecision asAnswer = decide(listed, h, o, fewWords, true);
        SafetyKind share = listed != null
                ? listed
                : h.unsureKind() != null
                        ? h.unsureKind()
                        : !fewWords && h.risk() && o.kind() != null && o.concern() >= t.share() ? o.kind() : null;
        return new SafetyReading(asMessage, asAnswer, share == null || !share.checkedBeforeSharing() ? null : share);
    }

    private SafetyDecision decide(
            SafetyKind listed, SafetyLexicon.Hits h, Opinion o, boolean fewWords, boolean answer) {
        if (listed != null) {
            if (!listed.takesOver()) {
                return new SafetyDecision.Flow(listed); // gentle: acknowledged on top of what goes on
            }
            if (listed == SafetyKind.CRISIS && h.past() && !h.now()) {
                return new SafetyDecision.Check(listed); // "I tried to end it years ago": asked about, gently
            }
            if (h.joke() && !o.equals(Opinion.ABSENT) && !fewWords && o.none() >= t.denyJoke()) {
                // "what's the lethal dose of caffeine lol": a joke the model also reads as ordinary is asked about,
                // with the lines shown either way; "i want to die lol" can be meant, so never nothing
                return new SafetyDecision.Check(listed);
            }
            // words of harm have everyday uses ("she destroyed me at chess"); words of dying rarely survive the safe:
            // idioms, and a crisis the model misreads must not become a mere question
            boolean denied = !o.equals(Opinion.ABSENT) && !fewWords && family(listed) == 1 && o.none() >= t.deny();
            return denied ? new SafetyDecision.Check(listed) : new SafetyDecision.Flow(listed);
        }
        SafetyKind unsure = h.unsureKind();
        if (unsure != null
                && h.words() > 2
                && !(family(unsure) == 1 && !o.equals(Opinion.ABSENT) && o.none() >= t.veto())) {
            // words a therapist listed as "may mean it": asked. The model may veto only a harm's words ("I'm scared
            // he'll get bored of me"); a life at risk, and the gentle kinds, are asked about whatever it reads
            return new SafetyDecision.Check(unsure);
        }
        if (fewWords || o.kind() == null || (answer && h.words() < 3)) {
            return SafetyDecision.nothing();
        }
        double needed = !h.risk() ? t.checkUnlisted() : answer ? t.checkAnswer() : t.check();
        return o.concern() >= needed ? new SafetyDecision.Check(o.kind()) : SafetyDecision.nothing();
    }

    /**
     * The kind the lexicon lists, the one that protects most ({@link SafetyKind#BY_PROTECTION}; the pausing flows
     * give the crisis lines too). Abuse told only as the past is history: past_trauma.
     */
    static SafetyKind listedKind(SafetyLexicon.Hits h) {
        SafetyKind k = h.listedKind();
        // only the writer's own hurt can be history; a child at risk or the writer's violence never is
        return k == SafetyKind.ABUSE && h.past() && !h.now() ? SafetyKind.PAST_TRAUMA : k;
    }

    /** Whether the therapists' list alone names a concern in {@code text}; the model is not asked. */
    public boolean listed(String text) {
        return lexicon.read(text).any();
    }

    /**
     * Who is at risk, when the lexicon only knows that someone is hurt: the model's reading, if it is sure, that a
     * child is (whose flow also gives the domestic violence lines) or that the harm is history. Never the other way
     * round, and never "you are the one who hurts" or "your partner is at risk" from the model alone: told to the
     * wrong person, those flows would blame a victim or overlook the writer's own crisis.
     */
    private SafetyKind refine(SafetyKind listed, SafetyLexicon.Hits h, Opinion o) {
        if (listed != SafetyKind.ABUSE || o.kind() == null || o.p() < t.refine()) {
            return listed;
        }
        if (o.kind() == SafetyKind.CHILD_AT_RISK || (o.kind() == SafetyKind.PAST_TRAUMA && h.past() && !h.now())) {
            return o.kind();
        }
        return listed;
    }

    private static int family(SafetyKind k) {
        return switch (k) {
            case CRISIS, PARTNER_AT_RISK -> 0;
            case ABUSE, USES_VIOLENCE, CHILD_AT_RISK -> 1;
            default -> 2;
        };
    }
}
