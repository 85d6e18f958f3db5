package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.validate.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptLoaderTest {

    private static final String FULL = """
            transcript: appreciation is shared after a yes
            partners: {A: Sam, B: Alex}
            seed: 7
            steps:
              - A: /appreciate
                expect:
                  - to: A
                    text: "What did you appreciate?"
                    buttons: [Send it, Keep it private]
              - A@group: I loved the coffee
                intent: appreciation
                expect: []
              - press: {A: "Send it"}
                expect:
                  - {to: B, contains: coffee}
                  - {to: group, matches: "Sam.*wrote"}
              - press: {B@group: 2}
              - press: {A: "2"}
              - wait: 10m
              - safety: {B@group: abuse}
              - journal:
                  - {kind: appreciation, author: A, contains: coffee}
            """;

    @Test
    void readsEveryKindOfStep() throws Exception {
        Transcript t = TranscriptLoader.parse("dialogs/tests/appreciation.yaml", FULL);
        assertEquals("appreciation is shared after a yes", t.name());
        assertEquals("dialogs/tests/appreciation.yaml", t.file());
        assertEquals(Map.of(Partner.A, "Sam", Partner.B, "Alex"), t.partners());
        assertEquals(7, t.seed());
        assertEquals(8, t.steps().size());

        Transcript.Say s1 = assertInstanceOf(Transcript.Say.class, t.steps().get(0));
        assertEquals(Partner.A, s1.from());
        assertEquals(Chat.A, s1.chat());
        assertEquals("/appreciate", s1.text());
        assertNull(s1.intent());
        assertEquals(1, s1.expect().size());
        Transcript.ExpectedMessage m = s1.expect().get(0);
        assertEquals(Chat.A, m.to());
        assertEquals(Transcript.TextCheck.Mode.TEXT, m.text().mode());
        assertEquals(List.of("Send it", "Keep it private"), m.buttons());
        assertEquals(7, m.source().line());
        assertEquals(9, m.source().column());

        Transcript.Say s2 = assertInstanceOf(Transcript.Say.class, t.steps().get(1));
        assertEquals(Chat.GROUP, s2.chat());
        assertEquals("appreciation", s2.intent());
        assertEquals(List.of(), s2.expect());

        Transcript.Press p1 = assertInstanceOf(Transcript.Press.class, t.steps().get(2));
        assertEquals("Send it", p1.label());
        assertEquals("press A \"Send it\"", p1.written());
        assertEquals(Chat.B, p1.expect().get(0).to());
        assertEquals(
                Transcript.TextCheck.Mode.CONTAINS, p1.expect().get(0).text().mode());
        assertNull(p1.expect().get(0).buttons(), "buttons not given are not checked");
        assertEquals(Chat.GROUP, p1.expect().get(1).to());
        assertTrue(p1.expect().get(1).text().test("Sam wrote this"));

        Transcript.Press p2 = assertInstanceOf(Transcript.Press.class, t.steps().get(3));
        assertEquals(Partner.B, p2.from());
        assertEquals(Chat.GROUP, p2.chat());
        assertNull(p2.label());
        assertEquals(2, p2.number());
        assertNull(p2.expect(), "no expect: the answer is not checked");
        assertEquals("press B@group 2", p2.written());

        Transcript.Press p3 = assertInstanceOf(Transcript.Press.class, t.steps().get(4));
        assertEquals("2", p3.label(), "a quoted number is a label");

        assertEquals(
                Duration.ofMinutes(10),
                assertInstanceOf(Transcript.Wait.class, t.steps().get(5)).duration());

        Transcript.Detection safety =
                assertInstanceOf(Transcript.Detection.class, t.steps().get(6));
        assertEquals(SafetyKind.ABUSE, safety.kind());
        assertEquals(Chat.GROUP, safety.chat());

        Transcript.JournalCheck j =
                assertInstanceOf(Transcript.JournalCheck.class, t.steps().get(7));
        assertEquals(1, j.entries().size());
        assertEquals("appreciation", j.entries().get(0).kind());
        assertEquals(Partner.A, j.entries().get(0).author());
    }

    @Test
    void partnersAndSeedHaveDefaults() throws Exception {
        Transcript t = TranscriptLoader.parse("t.yaml", "transcript: x\nsteps:\n  - B: hi\n");
        assertEquals(Map.of(Partner.A, "Sam", Partner.B, "Alex"), t.partners());
        assertEquals(1, t.seed());
    }

    @Test
    void exactTextIgnoresTheTrailingNewlineOfABlockScalar() throws Exception {
        Transcript t = TranscriptLoader.parse("t.yaml", """
                transcript: x
                steps:
                  - A: hi
                    expect:
                      - to: A
                        text: |
                          Hello there
                """);
        assertTrue(t.steps().get(0).expect().get(0).text().test("Hello there"));
    }

    @Test
    void problemsNameFileLineAndColumnAndAllAreReported() {
        TranscriptException e =
                assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("dialogs/tests/bad.yaml", """
                transcript: broken
                steps:
                  - A: hello
                    expct: []
                  - wait: 10 minutes
                  - press: {C: 1}
                  - A: /menu
                    intent: help
                  - A: hi
                    expect:
                      - {to: Sam, text: hi}
                      - {to: A, text: hi, contains: h}
                      - {to: A, matches: "("}
                  - A: hi
                    wait: 5m
                  - safety: {A: panic}
                  - A: hi
                    intent: apreciation
                """));
        List<String> lines = e.problems().stream().map(Problem::toString).toList();
        assertEquals(
                List.of(
                        "dialogs/tests/bad.yaml:4:5: error: unknown key 'expct' in step 1 (did you mean 'expect'?)",
                        "dialogs/tests/bad.yaml:5:11: error: wait needs a duration such as 90s, 10m, 2h or 1d, not '10 minutes'"
                                + " (one number from 1 to 999999 and one unit s, m, h or d)",
                        "dialogs/tests/bad.yaml:6:13: error: 'C' is not a partner and chat (did you mean 'A'?)",
                        "dialogs/tests/bad.yaml:8:5: error: intent: applies to free text, and /menu is a command (remove intent:)",
                        "dialogs/tests/bad.yaml:11:14: error: to: is A, B or group, not 'Sam'",
                        "dialogs/tests/bad.yaml:12:27: error: use one of text:, contains: and matches:, not text and contains",
                        "dialogs/tests/bad.yaml:13:26: error: matches: is not a valid Java regular expression: Unclosed group"
                                + " near character 2 (quote special characters with \\\\)",
                        "dialogs/tests/bad.yaml:15:5: error: step 6 does A and wait: a step does one thing"
                                + " (split it into separate steps)",
                        "dialogs/tests/bad.yaml:16:17: error: safety is one of crisis, partner_at_risk, abuse, uses_violence, "
                                + "child_at_risk, past_trauma, sexual_pressure, sexual_pain, or 'check' and one of them for the gentle check, not 'panic'",
                        "dialogs/tests/bad.yaml:18:13: error: intent 'apreciation' is not in the taxonomy"
                                + " (did you mean 'appreciation'?)"),
                lines);
        assertTrue(e.getMessage().startsWith("dialogs/tests/bad.yaml:4:5: error: unknown key 'expct'"));
    }

    @Test
    void aPopUpIsExpectedForThePresserAndAPressCanCheckTheAnswerItShows() throws Exception {
        Transcript t = TranscriptLoader.parse("t.yaml", """
                transcript: a refused press and an answered one
                steps:
                  - press: {B@group: "I'm done"}
                    expect:
                      - {popup: B, text: "This one is your partner's to tap."}
                  - press: {A@group: "I'm done"}
                    answered: "Sam: I'm done"
                """);
        Transcript.Press refused =
                assertInstanceOf(Transcript.Press.class, t.steps().get(0));
        Transcript.ExpectedMessage popup = refused.expect().get(0);
        assertEquals(Partner.B, popup.popup());
        assertNull(popup.to());
        assertEquals("pop-up to B text \"This one is your partner's to tap.\"", popup.describe());
        assertTrue(popup.matches(
                new Sent(Chat.GROUP, null, "x", "This one is your partner's to tap.", List.of(), Partner.B)));
        assertTrue(
                !popup.matches(new Sent(Chat.GROUP, "m1", "x", "This one is your partner's to tap.", List.of())),
                "a message to the group is not a pop-up");
        assertNull(refused.answered());
        assertEquals("Sam: I'm done", ((Transcript.Press) t.steps().get(1)).answered());
    }

    @Test
    void aPopUpGoesToOnePartnerWithoutButtonsAndAnsweredBelongsToAPress() {
        TranscriptException e =
                assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("dialogs/tests/bad.yaml", """
                transcript: broken
                partners: {A: Sam}
                steps:
                  - press: {A: 1}
                    expect:
                      - {popup: A, to: A, text: no}
                      - {popup: group, text: no}
                      - {popup: B, text: no}
                      - {popup: A, text: no, buttons: []}
                  - A: hello
                    answered: "Sam: hello"
                """));
        assertEquals(
                List.of(
                        "dialogs/tests/bad.yaml:6:20: error: an expected message is either in a chat (to:) or a pop-up"
                                + " to the partner who pressed (popup:), not both (remove to: for a pop-up)",
                        "dialogs/tests/bad.yaml:7:17: error: popup: is the partner who pressed, A or B, not 'group'",
                        "dialogs/tests/bad.yaml:8:17: error: popup: B, but B is not in partners",
                        "dialogs/tests/bad.yaml:9:30: error: a pop-up has no buttons (remove buttons:)",
                        "dialogs/tests/bad.yaml:11:5: error: answered: checks the answer a pressed message shows, so it"
                                + " goes on a press: step, not on A: (move it to the press that answers the question)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void unsureGivesTheClassifiersDoubtAndIsCheckedLikeAnIntent() throws Exception {
        Transcript ok = TranscriptLoader.parse("dialogs/tests/unsure.yaml", """
                transcript: unsure
                steps:
                  - A: we never talk
                    unsure: [low_desire, feel_disconnected]
                """);
        Transcript.Say say = assertInstanceOf(Transcript.Say.class, ok.steps().get(0));
        assertNull(say.intent());
        assertEquals(List.of("low_desire", "feel_disconnected"), say.unsure());
        assertEquals("A: \"we never talk\" (unsure: low_desire, feel_disconnected)", say.written());
        TranscriptException e =
                assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("dialogs/tests/bad.yaml", """
                transcript: broken
                steps:
                  - A: hi
                    intent: greeting
                    unsure: [greeting]
                  - A: /menu
                    unsure: [help]
                  - A: hi
                    unsure: [a, b, c]
                  - A: hi
                    unsure: [lowdesire]
                  - wait: 1m
                    unsure: [help]
                """));
        assertEquals(
                List.of(
                        "dialogs/tests/bad.yaml:5:5: error: unsure: applies to text a partner writes without intent: (the"
                                + " classifier is sure, or unsure) (keep one of them, e.g. - A: we never talk   unsure:"
                                + " [feel_disconnected, low_desire])",
                        "dialogs/tests/bad.yaml:7:5: error: unsure: applies to free text, and /menu is a command (remove"
                                + " unsure:)",
                        "dialogs/tests/bad.yaml:9:13: error: unsure: is a list of the one or two likeliest intents"
                                + " (unsure: [feel_disconnected, low_desire])",
                        "dialogs/tests/bad.yaml:11:14: error: intent 'lowdesire' is not in the taxonomy (did you mean"
                                + " 'low_desire'?)",
                        "dialogs/tests/bad.yaml:13:5: error: unsure: applies to text a partner writes without intent:"
                                + " (the classifier is sure, or unsure) (keep one of them, e.g. - A: we never talk  "
                                + " unsure: [feel_disconnected, low_desire])"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void aMisspeltTranscriptWordMayBeTwoEditsOffOrOneWhenShort() {
        assertEquals("did you mean 'wait'?", TranscriptNodes.didYouMean("wiet", List.of("wait", "expect")));
        assertEquals("did you mean 'expect'?", TranscriptNodes.didYouMean("Expcet", List.of("wait", "expect")));
        assertEquals("did you mean 'A'?", TranscriptNodes.didYouMean("C", TranscriptLoader.SAYERS));
        assertEquals(
                "",
                TranscriptNodes.didYouMean("Cg", TranscriptLoader.SAYERS),
                "two edits are too many for a short word");
        assertEquals("", TranscriptNodes.didYouMean("pause", List.of("wait", "expect")));
    }

    @Test
    void yamlSyntaxErrorsHaveAPosition() {
        TranscriptException e = assertThrows(
                TranscriptException.class,
                () -> TranscriptLoader.parse("t.yaml", "transcript: x\nsteps:\n  - A: [unclosed\n"));
        Problem p = e.problems().get(0);
        assertEquals("t.yaml", p.source().file());
        assertTrue(p.source().line() >= 3, p.toString());
        assertTrue(p.message().startsWith("this is not valid YAML"), p.toString());
    }

    @Test
    void duplicateKeysAreRefused() {
        TranscriptException e = assertThrows(
                TranscriptException.class,
                () -> TranscriptLoader.parse("t.yaml", "transcript: x\ntranscript: y\nsteps:\n  - A: hi\n"));
        assertEquals(
                "t.yaml:2:1: error: 'transcript' is given twice at the top of a transcript (keep one)",
                e.problems().get(0).toString());
    }

    @Test
    void missingNameAndStepsAreReported() {
        TranscriptException e =
                assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("t.yaml", "partners: {A: Sam}\n"));
        assertEquals(
                List.of(
                        "t.yaml:1:1: error: the transcript has no name (add a first line such as transcript: appreciation is"
                                + " shared after a yes)",
                        "t.yaml:1:1: error: the transcript has no steps (add steps: with at least one step, e.g. - A: /help)"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void anUnpairedTranscriptCannotUsePartnerB() {
        TranscriptException e = assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("t.yaml", """
                transcript: single
                partners: {A: Sam}
                steps:
                  - B: hi
                """));
        assertEquals(
                "t.yaml:4:5: error: B is not in partners (this transcript is an unpaired user)"
                        + " (add B under partners, e.g. partners: {A: Sam, B: Alex})",
                e.problems().get(0).toString());
    }

    @Test
    void emptyFileIsReported() {
        TranscriptException e = assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("t.yaml", ""));
        assertEquals(
                "t.yaml:1:1: error: the transcript is empty (start with transcript: <what it checks>, then steps:)",
                e.problems().get(0).toString());
    }

    @Test
    void tagsCannotConstructObjects() {
        TranscriptException e = assertThrows(
                TranscriptException.class,
                () -> TranscriptLoader.parse(
                        "t.yaml", "transcript: !!javax.script.ScriptEngineManager [x]\nsteps:\n  - A: hi\n"));
        assertEquals(
                "t.yaml:1:13: error: transcript must be a single value, not a list"
                        + " (put quotes around text that contains ': ' or starts with [ or {)",
                e.problems().get(0).toString());
    }

    @Test
    void positionsInsideADocumentStartAtTheGivenLine() {
        TranscriptException e = assertThrows(
                TranscriptException.class,
                () -> TranscriptLoader.parse("docs/dialogs.md", "transcript: x\nsteps:\n  - wait: soon\n", 40));
        assertEquals(42, e.problems().get(0).source().line());
    }

    @Test
    void transcriptsAreReadWithTheLimitsOfADialog() {
        StringBuilder aliases = new StringBuilder("transcript: &said hi\nsteps:\n");
        for (int i = 0; i < 21; i++) {
            aliases.append("  - A: *said\n");
        }
        TranscriptException e = assertThrows(
                TranscriptException.class, () -> TranscriptLoader.parse("docs/dialogs.md", aliases.toString(), 40));
        assertEquals(
                "docs/dialogs.md:62:8: error: too many aliases (*name): at most 20 per file"
                        + " (write the values out instead of repeating aliases)",
                e.problems().get(0).toString());

        String deep = "transcript: x\nsteps:\n  - A: " + "[".repeat(41) + "hi" + "]".repeat(41) + "\n";
        e = assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("t.yaml", deep));
        assertTrue(
                e.problems()
                        .get(0)
                        .toString()
                        .startsWith("t.yaml:3:45: error: values are nested more than 40 levels deep"),
                e.problems().toString());
    }

    @Test
    void loadsFilesAndListsYamlFilesSorted(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "transcript: b\nsteps:\n  - A: hi\n");
        Files.writeString(dir.resolve("a.yml"), "transcript: a\nsteps:\n  - A: hi\n");
        Files.writeString(dir.resolve("notes.txt"), "not a transcript");
        List<Path> files = TranscriptLoader.list(dir);
        assertEquals(List.of(dir.resolve("a.yml"), dir.resolve("b.yaml")), files);
        Transcript t = TranscriptLoader.load(files.get(1));
        assertEquals("b", t.name());
        assertEquals(dir.resolve("b.yaml").toString(), t.file());
    }

    @Test
    void aRemindersStepReadsWhoWhenWhichDaysAndText() throws Exception {
        Transcript t = TranscriptLoader.parse("t.yaml", """
                transcript: x
                steps:
                  - reminders:
                      - {to: A, at: "7:05", days: [fri, sat], contains: date}
                      - {to: B, days: daily}
                  - reminders: []
                """);
        Transcript.RemindersCheck r =
                assertInstanceOf(Transcript.RemindersCheck.class, t.steps().get(0));
        assertEquals(Partner.A, r.reminders().get(0).to());
        assertEquals("07:05", r.reminders().get(0).at());
        assertEquals(
                java.util.Set.of(java.time.DayOfWeek.FRIDAY, java.time.DayOfWeek.SATURDAY),
                r.reminders().get(0).days());
        assertTrue(r.reminders().get(0).text().test("date night"));
        assertNull(r.reminders().get(1).at());
        assertEquals(7, r.reminders().get(1).days().size());
        assertEquals(
                List.of(),
                assertInstanceOf(Transcript.RemindersCheck.class, t.steps().get(1))
                        .reminders());
    }

    @Test
    void aRemindersStepWithABadTimeDayOrKeyIsReportedWithItsPlace() {
        TranscriptException e = assertThrows(TranscriptException.class, () -> TranscriptLoader.parse("t.yaml", """
                transcript: x
                steps:
                  - reminders:
                      - {to: C, at: "7.30pm", days: [fryday], when: now}
                    expect: []
                """));
        List<String> lines = e.problems().stream().map(Problem::toString).toList();
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("t.yaml:4:14: error: to is A or B, not 'C'")),
                lines.toString());
        assertTrue(
                lines.stream()
                        .anyMatch(
                                l -> l.startsWith("t.yaml:4:21: error: at is a time such as \"19:30\", not '7.30pm'")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("days are daily, or weekdays")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("'when'")), lines.toString());
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("reminders: checks the reminders and has no expect:")),
                lines.toString());
    }
}
