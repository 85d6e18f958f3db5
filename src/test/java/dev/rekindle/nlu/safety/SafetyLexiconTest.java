package dev.rekindle.nlu.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.SafetyDecision;
import dev.rekindle.dialog.model.SafetyKind;
import org.junit.jupiter.api.Test;

class SafetyLexiconTest {
    static final SafetyLexicon LEXICON_WITH_TIME = SafetyLexicon.parse("time.txt", """
            crisis: kill* myself
            crisis: tried to end it
            abuse: hit* me
            uses_violence: i ** hit her
            child_at_risk: hits the kids
            past: my ex
            past: years ago
            past: when i was
            past: used to
            now: again
            now: last night
            """);

    static final SafetyLexicon LEXICON = SafetyLexicon.parse("test-safety.txt", """
            # --- crisis ---
            crisis: kill* myself
            crisis: end ** my life
            crisis: better off without me
            crisis: suicide
            # --- abuse ---
            abuse: he * hit* me
            abuse: scared of ** him
            abuse: wont let me see my *
            # --- safe ---
            safe: dying to
            safe: killing it
            """);

    @Test
    void patternsMatchWordsPrefixesOneWordAndShortGaps() {
        assertEquals(SafetyKind.CRISIS, kind("Sometimes I want to KILL myself."));
        assertEquals(SafetyKind.CRISIS, kind("i thought about killing myself last night"));
        assertEquals(SafetyKind.CRISIS, kind("I just want to end it all, end my life"));
        assertEquals(SafetyKind.CRISIS, kind("i could end this whole stupid my life"), "** spans up to three words");
        assertNull(kind("end of the day I love my life"), "more than three words apart is no match");
        assertEquals(SafetyKind.ABUSE, kind("last night he really hit me"));
        assertEquals(SafetyKind.ABUSE, kind("honestly I’m scared of being alone with him"));
        assertEquals(SafetyKind.ABUSE, kind("she won't let me see my sister"), "apostrophes are dropped");
    }

    @Test
    void longWordsForgiveOneTypo() {
        assertEquals(SafetyKind.CRISIS, kind("thinking about suicde"));
        assertEquals(SafetyKind.CRISIS, kind("theyd be beter off without me"));
        assertNull(kind("the suite was lovely"), "two edits away is not a match");
    }

    @Test
    void safeIdiomsAreRemovedBeforeMatching() {
        assertNull(kind("im dying to see that film"));
        assertNull(kind("you are killing it at work"));
        assertEquals(
                SafetyKind.CRISIS,
                kind("im dying to sleep but also i want to kill myself"),
                "an idiom elsewhere does not hide a disclosure");
    }

    @Test
    void crisisComesBeforeAbuse() {
        assertEquals(SafetyKind.CRISIS, kind("he hit me and i want to kill myself"));
    }

    @Test
    void problemsAreReportedWithTheirLines() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SafetyLexicon.parse("s.txt", """
                crisis: ok words
                danger: nope
                abuse: **
                safe: ** x
                """));
        assertTrue(e.getMessage().contains("s.txt:2: a line must start with a safety kind (crisis, "), e.getMessage());
        assertTrue(e.getMessage().contains("s.txt:3: a pattern needs at least one word"), e.getMessage());
        assertTrue(e.getMessage().contains("s.txt:4: ** cannot start or end a pattern"), e.getMessage());
    }

    @Test
    void aListedHarmIsAFlowUnlessTheModelIsAllButSureItIsOrdinaryAndTheModelAloneOnlyAsks() {
        SafetyDetector detector = new SafetyDetector(LEXICON, null);
        SafetyLexicon.Hits harm = new SafetyLexicon.Hits(
                java.util.Map.of(SafetyKind.ABUSE, LexiconPattern.parse("he * hit* me", 1)), false, false, true, 6);
        SafetyModel.Opinion agrees = new SafetyModel.Opinion(SafetyKind.ABUSE, 0.9, 0.05);
        SafetyModel.Opinion doubts = new SafetyModel.Opinion(SafetyKind.ABUSE, 0.03, 0.90);
        SafetyModel.Opinion denies = new SafetyModel.Opinion(SafetyKind.ABUSE, 0.01, 0.99);
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.ABUSE),
                detector.decide(harm, agrees).asMessage());
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.ABUSE),
                detector.decide(harm, agrees).asAnswer());
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.ABUSE),
                detector.decide(harm, doubts).asMessage(),
                "a listed harm stays a flow unless the model is all but sure");
        assertEquals(
                new SafetyDecision.Check(SafetyKind.ABUSE),
                detector.decide(harm, denies).asMessage(),
                "they disagree: a check");
        SafetyLexicon.Hits crisis = new SafetyLexicon.Hits(
                java.util.Map.of(SafetyKind.CRISIS, LexiconPattern.parse("kill myself", 1)), false, false, true, 6);
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.CRISIS),
                detector.decide(crisis, denies).asMessage(),
                "a listed crisis is never talked down by the model");
        SafetyLexicon.Hits nothing = new SafetyLexicon.Hits(java.util.Map.of(), false, false, true, 6);
        assertEquals(
                new SafetyDecision.Check(SafetyKind.ABUSE),
                detector.decide(nothing, new SafetyModel.Opinion(SafetyKind.ABUSE, 0.97, 0.02))
                        .asMessage(),
                "the model alone asks, it never starts a flow");
        SafetyLexicon.Hits noRiskWord = new SafetyLexicon.Hits(java.util.Map.of(), false, false, false, 6);
        assertEquals(
                SafetyDecision.nothing(),
                detector.decide(noRiskWord, new SafetyModel.Opinion(SafetyKind.CRISIS, 0.75, 0.25))
                        .asMessage(),
                "without a word that can carry a risk, the model alone asks only when surer");
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.decide(noRiskWord, new SafetyModel.Opinion(SafetyKind.CRISIS, 0.85, 0.15))
                        .asAnswer(),
                "a goodbye told as arrangements has no alarming word: sure enough, the model asks");
        assertEquals(
                SafetyDecision.nothing(),
                detector.decide(nothing, new SafetyModel.Opinion(SafetyKind.ABUSE, 0.55, 0.45))
                        .asMessage(),
                "a calibrated probability under the threshold asks nothing");
        assertEquals(
                SafetyDecision.nothing(),
                detector.decide(
                                new SafetyLexicon.Hits(java.util.Map.of(), false, false, true, 1),
                                new SafetyModel.Opinion(SafetyKind.ABUSE, 0.99, 0.0))
                        .asMessage(),
                "one word is read by the lexicon alone");
    }

    @Test
    void wordsThatMayMeanItOnlyAsk() {
        SafetyLexicon lexicon = SafetyLexicon.parse("unsure.txt", """
                crisis: kill* myself
                abuse: hit* me
                crisis?: cant do this anymore
                """);
        SafetyDetector detector = new SafetyDetector(lexicon, null);
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.read("honestly i cant do this anymore").asMessage());
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.read("honestly i cant do this anymore").asAnswer());
        assertEquals(
                SafetyKind.CRISIS,
                detector.read("honestly i cant do this anymore").beforeSharing());
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.CRISIS),
                detector.read("i cant do this anymore i will kill myself").asMessage(),
                "a listed concern still makes it a flow");
    }

    @Test
    void aJokeTheModelAlsoReadsAsOrdinaryIsAskedAboutNeverIgnored() {
        SafetyLexicon lexicon = SafetyLexicon.parse("joke.txt", """
                crisis: lethal dose
                abuse: hit* me
                joke: lol
                """);
        SafetyDetector detector = new SafetyDetector(lexicon, null);
        SafetyModel.Opinion ordinary = new SafetyModel.Opinion(SafetyKind.CRISIS, 0.05, 0.95);
        SafetyModel.Opinion worried = new SafetyModel.Opinion(SafetyKind.CRISIS, 0.6, 0.4);
        SafetyLexicon.Hits lol = lexicon.read("whats the lethal dose of caffeine lol im on my fifth coffee");
        SafetyLexicon.Hits emoji = lexicon.read("whats the lethal dose of caffeine \uD83D\uDE02 fifth coffee");
        SafetyLexicon.Hits plain = lexicon.read("whats the lethal dose of caffeine im on my fifth coffee");
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.decide(lol, ordinary).asMessage());
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.decide(emoji, ordinary).asMessage(),
                "a laughing emoji is a joke marker in any language");
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.CRISIS),
                detector.decide(lol, worried).asMessage(),
                "the model does not read it as ordinary: the flow");
        assertEquals(
                new SafetyDecision.Flow(SafetyKind.CRISIS),
                detector.decide(plain, ordinary).asMessage(),
                "without a joke a listed crisis is never talked down");
    }

    @Test
    void wordsThatMayMeanItAreNotAskedAboutWhenTheModelIsAllButSureTheyAreOrdinary() {
        SafetyLexicon lexicon =
                SafetyLexicon.parse("unsure.txt", "crisis: kill* myself\nabuse: hit* me\nabuse?: scared hell\n");
        SafetyDetector detector = new SafetyDetector(lexicon, null);
        SafetyLexicon.Hits hits = lexicon.read("im scared hell get bored of me one day");
        assertEquals(
                SafetyDecision.nothing(),
                detector.decide(hits, new SafetyModel.Opinion(SafetyKind.ABUSE, 0.004, 0.996))
                        .asMessage());
        assertEquals(
                new SafetyDecision.Check(SafetyKind.ABUSE),
                detector.decide(hits, new SafetyModel.Opinion(SafetyKind.ABUSE, 0.15, 0.85))
                        .asMessage(),
                "short of sure, the words are asked about");
    }

    @Test
    void wordsThatMayMeanALifeIsAtRiskAreAskedAboutWhateverTheModelReads() {
        SafetyLexicon lexicon = SafetyLexicon.parse("unsure.txt", """
                crisis: kill* myself
                abuse: hit* me
                crisis?: closed garage
                partner_at_risk?: giving away his
                sexual_pain?: orgasms hurt
                """);
        SafetyDetector detector = new SafetyDetector(lexicon, null);
        SafetyModel.Opinion sureItIsOrdinary = new SafetyModel.Opinion(SafetyKind.CRISIS, 0.001, 0.999);
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                detector.decide(lexicon.read("is a car running in a closed garage painless"), sureItIsOrdinary)
                        .asMessage(),
                "a life at risk is not talked down by the model, as a listed crisis is not");
        assertEquals(
                new SafetyDecision.Check(SafetyKind.PARTNER_AT_RISK),
                detector.decide(lexicon.read("hes been giving away his records"), sureItIsOrdinary)
                        .asMessage());
        assertEquals(
                new SafetyDecision.Check(SafetyKind.SEXUAL_PAIN),
                detector.decide(lexicon.read("since my surgery orgasms hurt"), sureItIsOrdinary)
                        .asMessage(),
                "a gentle kind's check is gentle: asked too");
    }

    @Test
    void painAndAPastHarmAreTheWritersToShareButACurrentHarmIsCheckedFirst() {
        SafetyLexicon lexicon = SafetyLexicon.parse("share.txt", """
                crisis: kill* myself
                sexual_pain: sex hurts
                past_trauma: raped in college
                abuse: he hits me
                """);
        SafetyDetector detector = new SafetyDetector(lexicon, null);
        assertEquals(null, detector.read("sex hurts so slow helps").beforeSharing());
        assertEquals(null, detector.read("i was raped in college so slow helps").beforeSharing());
        assertEquals(
                SafetyKind.ABUSE, detector.read("he hits me when he drinks").beforeSharing());
    }

    @Test
    void abuseToldAsHistoryIsPastTraumaUnlessSomethingSaysItIsHappeningNow() {
        SafetyLexicon.Hits past = LEXICON_WITH_TIME.read("my dad used to hit me when i was a kid");
        assertEquals(SafetyKind.PAST_TRAUMA, SafetyDetector.listedKind(past));
        assertEquals(
                SafetyKind.ABUSE,
                SafetyDetector.listedKind(
                        LEXICON_WITH_TIME.read("my ex used to hit me and he hit me again last night")));
        assertEquals(
                SafetyKind.USES_VIOLENCE,
                SafetyDetector.listedKind(LEXICON_WITH_TIME.read("i used to hit her")),
                "the writer's own violence is never history");
        assertEquals(
                SafetyKind.CHILD_AT_RISK,
                SafetyDetector.listedKind(LEXICON_WITH_TIME.read("my ex hits the kids")),
                "nor is a child at risk");
        assertEquals(
                SafetyKind.ABUSE,
                SafetyDetector.listedKind(LEXICON_WITH_TIME.read("he hit me and i want to kill myself")),
                "the kind that pauses wins over a crisis in the same message (its flow gives the crisis lines too)");
        assertEquals(
                new SafetyDecision.Check(SafetyKind.CRISIS),
                new SafetyDetector(LEXICON_WITH_TIME, null)
                        .read("i tried to end it years ago")
                        .asMessage(),
                "a past attempt on one's life is asked about");
    }

    @Test
    void oneEditIsOneEdit() {
        assertTrue(LexiconPattern.withinOneEdit("suicide", "suicde"));
        assertTrue(LexiconPattern.withinOneEdit("suicide", "suicidee"));
        assertTrue(LexiconPattern.withinOneEdit("suicide", "suicude"));
        assertFalse(LexiconPattern.withinOneEdit("suicide", "sucde"));
        assertFalse(LexiconPattern.withinOneEdit("abc", "abcde"));
    }

    private static SafetyKind kind(String text) {
        SafetyLexicon.Match m = LEXICON.find(text);
        return m == null ? null : m.kind();
    }
}
