package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.load.SourceFile;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.local.TranscriptCoverage.Gap;
import dev.rekindle.local.TranscriptCoverage.Promise;
import dev.rekindle.nlu.understanding.TestUnderstanding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The library's "done when": every dialog has a transcript that reaches an end, one that stops it with
 * /stop while it runs, and, where a state lets only one role act, one where the other partner's press is
 * refused. Checked from what the engine did in the shipped transcripts, not from their file names.
 */
class TranscriptCoverageTest {

    @Test
    void everyShippedDialogIsEndedStoppedAndGuardedByItsTranscripts() throws Exception {
        TranscriptCoverage coverage = ShippedRuns.get().coverage();
        List<Gap> gaps = coverage.gaps();
        if (!gaps.isEmpty()) {
            List<String> lines = new ArrayList<>();
            gaps.forEach(g -> lines.add(g.toString()));
            fail("write a transcript in dialogs/tests/ for each:\n" + String.join("\n", lines));
        }
        // the check itself must have had something to find: the group dialogs with roles refuse a press
        assertTrue(
                !coverage.keptBy("daily_checkin", Promise.WRONG_PARTNER_REFUSED).isEmpty());
    }

    @Nested
    class OnSmallDialogs {
        private static final String TAKE_TURNS = """
                id: take_turns
                title: Take turns
                description: The teller taps when done; the other may not.
                audience: group
                triggers:
                  commands: [/turns]
                roles: [teller, hearer]
                start: pick
                states:
                  pick:
                    assign_roles: {method: random, to: tell}
                  tell:
                    actor: teller
                    say: "{teller.name}, tell a story; tap when done."
                    buttons:
                      - {label: "Done", to: done}
                  done:
                    say: "Thank you."
                    end: true
                """;

        private final DialogLibrary library = load();
        private final TranscriptRunner runner =
                TranscriptRunner.of(library, TestUnderstanding.withoutSafety(new KeywordIntentClassifier()));

        private DialogLibrary load() {
            List<SourceFile> sources = new ArrayList<>(TestDialogs.sources());
            sources.add(new SourceFile("dialogs/take_turns.yaml", TAKE_TURNS));
            return DialogLoader.loadSources(sources).library().orElseThrow();
        }

        private TranscriptCoverage run(String... transcripts) throws Exception {
            TranscriptCoverage c = new TranscriptCoverage(library);
            int n = 0;
            for (String t : transcripts) {
                TranscriptRunner.Result r =
                        runner.run(TranscriptLoader.parse("dialogs/tests/t" + (++n) + ".yaml", t), c);
                assertTrue(r.passed(), r.diff());
            }
            return c;
        }

        private List<String> gapsOf(TranscriptCoverage c, String dialog) {
            List<String> out = new ArrayList<>();
            for (Gap g : c.gaps()) {
                if (g.dialog().equals(dialog)) {
                    out.add(g.promise().name());
                }
            }
            return out;
        }

        @Test
        void aDialogThatOnlyEndsStillLacksAStop() throws Exception {
            TranscriptCoverage c = run("""
                    transcript: hello ends
                    steps:
                      - A: /hello
                      - press: {A: "Yes"}
                    """);
            assertEquals(List.of("STOPPED_WHILE_RUNNING"), gapsOf(c, "hello"));
            assertEquals(List.of("dialogs/tests/t1.yaml"), c.keptBy("hello", Promise.REACHES_AN_END));
            assertTrue(
                    c.gaps().stream()
                            .anyMatch(
                                    g -> g.toString()
                                            .equals(
                                                    "dialogs/hello.yaml: dialog 'hello': no transcript sends /stop while it is running")));
        }

        @Test
        void stopCountsOnlyWhileTheDialogRuns() throws Exception {
            TranscriptCoverage idle = run("""
                    transcript: stop with nothing running
                    steps:
                      - A: /stop
                      - A: /hello
                      - press: {A: "No"}
                      - A: /stop
                    """);
            assertEquals(List.of("STOPPED_WHILE_RUNNING"), gapsOf(idle, "hello"));
            TranscriptCoverage stopped = run("""
                    transcript: hello stopped
                    steps:
                      - A: /hello
                      - A: /stop
                    """);
            assertEquals(List.of("REACHES_AN_END"), gapsOf(stopped, "hello"));
        }

        @Test
        void aDialogWithAnActorNeedsTheWrongPartnerRefused() throws Exception {
            String rightPartnerOnly = """
                    transcript: the teller taps
                    steps:
                      - A@group: /turns
                      - press: {%s@group: "Done"}
                      - A@group: /turns
                      - A@group: /stop
                    """;
            // the default seed picks the first teller at random; find out who it is from what the bot said
            TranscriptRunner.Result probe = runner.run(TranscriptLoader.parse("dialogs/tests/probe.yaml", """
                    transcript: who tells
                    steps:
                      - A@group: /turns
                    """));
            String teller = probe.conversation().get(0).text().startsWith("Sam") ? "A" : "B";
            String other = teller.equals("A") ? "B" : "A";
            TranscriptCoverage right = run(rightPartnerOnly.formatted(teller));
            assertEquals(List.of("WRONG_PARTNER_REFUSED"), gapsOf(right, "take_turns"));
            TranscriptCoverage wrong = run("""
                    transcript: the other partner is refused, then the teller taps
                    steps:
                      - A@group: /turns
                      - press: {%s@group: "Done"}
                      - press: {%s@group: "Done"}
                      - A@group: /turns
                      - A@group: /stop
                    """.formatted(other, teller));
            assertEquals(List.of(), gapsOf(wrong, "take_turns"));
            assertEquals(List.of("dialogs/tests/t1.yaml"), wrong.keptBy("take_turns", Promise.WRONG_PARTNER_REFUSED));
        }

        @Test
        void aDialogIsAskedOnlyForWhatItCanDo() {
            assertEquals(
                    List.of(Promise.REACHES_AN_END),
                    TranscriptCoverage.promisesOf(
                            library.current("safety_crisis").orElseThrow()));
            assertEquals(
                    List.of(Promise.REACHES_AN_END, Promise.STOPPED_WHILE_RUNNING),
                    TranscriptCoverage.promisesOf(library.current("ping").orElseThrow()));
            assertEquals(
                    List.of(Promise.values()),
                    TranscriptCoverage.promisesOf(library.current("take_turns").orElseThrow()));
        }
    }
}
