package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.app.KeywordIntentClassifier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TranscriptRunnerTest {

    private static Transcript parse(String yaml) throws TranscriptException {
        return TranscriptLoader.parse("dialogs/tests/t.yaml", yaml);
    }

    @Nested
    class OnAScriptedEngine {
        private final TranscriptRunner runner = new TranscriptRunner(
                new ScriptedEngine(),
                dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()));

        @Test
        void aMatchingTranscriptPasses() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: buttons and timers
                    steps:
                      - A: /ask
                        expect:
                          - {to: A, text: "Pick one & go", buttons: ["Yes", "No"]}
                      - press: {A: "No"}
                        expect: [{to: A, text: You chose No}]
                      - B@group: thank you
                        expect: [{to: group, matches: "as thanks$"}]
                      - B@group: thank you
                        intent: appreciation
                        expect: [{to: group, contains: "as appreciation"}]
                      - A: /later
                      - wait: 4m
                        expect: []
                      - wait: 1m
                        expect: [{to: group, contains: t5}, {to: group, contains: t5b}]
                      - A: /note the coffee
                      - journal:
                          - {kind: appreciation, author: A, contains: coffee}
                      - safety: {B: crisis}
                        expect: [{to: B, text: safety CRISIS}]
                    """));
            assertTrue(r.passed(), r.diff());
            assertEquals("", r.diff());
            assertEquals(10, r.stepsRun());
        }

        @Test
        void aDifferingMessageGivesTheDiffOfThatMessage() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: wrong answer
                    steps:
                      - A@group: /ask
                      - press: {B@group: "Yes"}
                        expect:
                          - {to: group, contains: "coffee"}
                      - A: hi
                    """));
            assertFalse(r.passed());
            assertEquals(2, r.stepsRun());
            assertEquals("""
                    dialogs/tests/t.yaml: step 2 (press B@group "Yes"): message 1 differs
                      expected: to group contains "coffee"
                      actual:   to group "You chose Yes"
                      (the 1 later step did not run)""", r.diff());
        }

        @Test
        void buttonsAndRecipientAreCompared() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: wrong buttons
                    steps:
                      - A: /ask
                        expect:
                          - {to: A, contains: Pick, buttons: ["Yes", "Maybe"]}
                    """));
            assertEquals("""
                    dialogs/tests/t.yaml: step 1 (A: "/ask"): message 1 differs
                      expected: to A contains "Pick" [Yes] [Maybe]
                      actual:   to A "Pick one & go" [Yes] [No]""", r.diff());
        }

        @Test
        void aDifferentNumberOfMessagesListsThemSideBySide() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: too few
                    steps:
                      - A: /later
                      - wait: 1h
                        expect:
                          - {to: group, contains: t5}
                          - {to: A, contains: t10}
                    """));
            assertEquals("""
                    dialogs/tests/t.yaml: step 2 (wait 1h): expected 2 messages, got 3
                      1 ok:       to group "fired t5 at 2026-01-05T09:05:00Z"
                      2 expected: to A contains "t10"
                        actual:   to group "fired t5b at 2026-01-05T09:05:00Z"
                      3 expected: (no message)
                        actual:   to group "fired t10 at 2026-01-05T09:10:00Z\"""", r.diff());
        }

        @Test
        void expectingSilenceShowsWhatWasSent() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: silence
                    steps:
                      - A: hello
                        expect: []
                    """));
            assertEquals("""
                    dialogs/tests/t.yaml: step 1 (A: "hello"): expected no message, got 1
                      1 expected: (no message)
                        actual:   to A "heard \\"hello\\" as greeting\"""", r.diff());
        }

        @Test
        void aMissingButtonFailsTheStepWithTheLabels() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: no such button
                    steps:
                      - A: /ask
                      - press: {A: "Send it"}
                    """));
            assertEquals(
                    "dialogs/tests/t.yaml: step 2 (press A \"Send it\"): there is no button \"Send it\" in Sam's"
                            + " private chat; the buttons are \"Yes\", \"No\"",
                    r.diff());
        }

        @Test
        void aJournalMismatchIsShown() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: journal
                    steps:
                      - B: /note the tea
                      - journal:
                          - {kind: appreciation, author: B, contains: coffee}
                    """));
            assertEquals("""
                    dialogs/tests/t.yaml: step 2 (journal): journal entry 1 differs
                      expected: appreciation by B contains "coffee"
                      actual:   appreciation by B in note "the tea\"""", r.diff());
        }

        @Test
        void anEngineFailureFailsTheStep() throws Exception {
            TranscriptRunner.Result r = runner.run(parse("transcript: boom\nsteps:\n  - A: /boom\n"));
            assertFalse(r.passed());
            assertTrue(
                    r.diff().startsWith("dialogs/tests/t.yaml: step 1 (A: \"/boom\"): the engine failed on Command["),
                    r.diff());
        }
    }

    /** On the real engine and loader (fails until both are merged). */
    @Nested
    class OnTheRealEngine {

        @Test
        void aFailingTranscriptYieldsTheDiff() throws Exception {
            TranscriptRunner runner = TranscriptRunner.of(
                    TestDialogs.library(),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()));
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: hello goes wrong
                    steps:
                      - A: /hello
                        expect:
                          - {to: A, text: "Hi Sam! Ready?", buttons: ["Yes", "No"]}
                      - press: {A: "Yes"}
                        expect:
                          - {to: A, contains: "coffee"}
                    """));
            assertFalse(r.passed());
            assertEquals("""
                    dialogs/tests/t.yaml: step 2 (press A "Yes"): message 1 differs
                      expected: to A contains "coffee"
                      actual:   to A "Great, off we go.\"""", r.diff());
        }

        @Test
        void aMatchingTranscriptPasses() throws Exception {
            TranscriptRunner runner = TranscriptRunner.of(
                    TestDialogs.library(),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()));
            TranscriptRunner.Result r = runner.run(parse("""
                    transcript: hello, note and ping
                    steps:
                      - A: /hello
                        expect: [{to: A, text: "Hi Sam! Ready?", buttons: ["Yes", "No"]}]
                      - press: {A: 2}
                        expect: [{to: A, text: "Maybe later."}]
                      - B: /note
                        expect: [{to: B, text: "What did you appreciate today?"}]
                      - B: the coffee in bed
                        expect: [{to: B, text: "Saved."}]
                      - journal:
                          - {kind: appreciation, author: B, text: the coffee in bed}
                      - A@group: /ping
                        expect: [{to: group, text: "Anyone there?"}]
                      - wait: 10m
                        expect: [{to: group, text: "Still there?"}]
                      - wait: 10m
                        expect: [{to: group, text: "Never mind."}]
                    """));
            assertTrue(r.passed(), r.diff());
        }
    }
}
