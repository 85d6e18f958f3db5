package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.model.Partner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TerminalChatTest {

    private static String run(LocalCouple couple, String script, boolean interactive) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new TerminalChat(couple, new StringReader(script), out, interactive).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class OnAScriptedEngine {

        @Test
        void aScriptedSessionPrintsMessagesWithoutPrompts() throws Exception {
            String out = run(ScriptedEngine.couple(), """
                    /ask
                    /press 2
                    /as B
                    /in group
                    thank you
                    /Menu@RekindleBot now
                    /later
                    /wait 5m
                    /safety crisis
                    /quit
                    ignored after quit
                    """, false);
            assertEquals("""
                    [private → Sam] Pick one & go
                      [1] Yes  [2] No
                    [private → Sam] ✓ No
                    [private → Sam] You chose No
                    -- you are Alex (B), in your private chat
                    -- you are Alex (B), in the group
                    [group → both] heard "thank you" as thanks
                    [group → both] command /menu args [now]
                    [group → both] later
                    -- 5m later: Mon 2026-01-05 09:05 UTC
                    [group → both] fired t5 at 2026-01-05T09:05:00Z
                    [group → both] fired t5b at 2026-01-05T09:05:00Z
                    [private → Alex] safety CRISIS
                    """, out);
        }

        @Test
        void badMetaCommandsGetClearMessages() throws Exception {
            String out = run(ScriptedEngine.couple(), """
                    /as C
                    /in kitchen
                    /wait soon
                    /press
                    /press 1
                    /ask
                    /press 3
                    /press Maybe
                    /safety worry
                    /wait 1h
                    /boom
                    """, false);
            assertEquals("""
                    ! /as needs A (Sam) or B (Alex), not 'C'
                    ! /in needs private or group, not 'kitchen'
                    ! /wait needs a duration such as 90s, 10m, 2h or 1d, not 'soon'
                    ! /press needs a button number (or label), e.g. /press 1
                    ! there are no open buttons in Sam's private chat (no message there has buttons that can still be pressed)
                    [private → Sam] Pick one & go
                      [1] Yes  [2] No
                    ! there is no button 3 in Sam's private chat; the buttons are 1 "Yes", 2 "No"
                    ! there is no button "Maybe" in Sam's private chat; the buttons are "Yes", "No"
                    ! /safety needs one of crisis, partner_at_risk, abuse, uses_violence, child_at_risk, past_trauma, sexual_pressure, sexual_pain (or check and one of them), not 'worry'
                    -- 1h later: Mon 2026-01-05 10:00 UTC (nothing happened)
                    """, out.substring(0, out.indexOf("! the engine failed")));
        }

        @Test
        void namesSwitchPartnersAndAnUnpairedUserHasNoB() throws Exception {
            assertEquals(
                    "-- you are Alex (B), in your private chat\n", run(ScriptedEngine.couple(), "/as alex\n", false));
            LocalCouple single = new LocalCouple(
                    new ScriptedEngine(),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    Map.of(Partner.A, "Sam"),
                    1);
            assertEquals(
                    "! there is no partner B: Sam is not paired (give two names with --names to simulate a couple)\n",
                    run(single, "/as B\n", false));
        }

        @Test
        void anInteractiveSessionShowsThePrompt() throws Exception {
            String out = run(ScriptedEngine.couple(), "/in group\n/as B\n", true);
            assertEquals(
                    "Sam@private> -- you are Sam (A), in the group\n"
                            + "Sam@group> -- you are Alex (B), in the group\n"
                            + "Alex@group> \n",
                    out);
        }
    }

    /** A scripted session on the real engine and loader (fails until both are merged). */
    @Nested
    class OnTheRealEngine {

        @Test
        void aScriptedSessionAgainstSmallDialogs() throws Exception {
            LocalCouple couple = LocalCouple.of(
                    TestDialogs.library(),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    Map.of(Partner.A, "Sam", Partner.B, "Alex"),
                    1);
            String out = run(couple, """
                    /hello
                    /press 1
                    /as B
                    /note
                    the coffee in bed
                    /in group
                    /ping
                    /wait 10m
                    /wait 10m
                    /quit
                    """, false);
            assertEquals("""
                    [private → Sam] Hi Sam! Ready?
                      [1] Yes  [2] No
                    [private → Sam] ✓ Yes
                    [private → Sam] Great, off we go.
                    -- you are Alex (B), in your private chat
                    [private → Alex] What did you appreciate today?
                    [private → Alex] Saved.
                    -- you are Alex (B), in the group
                    [group → both] Anyone there?
                    -- 10m later: Mon 2026-01-05 09:10 UTC
                    [group → both] Still there?
                    -- 10m later: Mon 2026-01-05 09:20 UTC
                    [group → both] Never mind.
                    """, out);
        }

        @Test
        void aRefusedPressIsAPopUpForThePresserAndAnAnswerShowsUnderItsQuestion() throws Exception {
            LocalCouple couple = LocalCouple.of(
                    TestDialogs.repoLibrary(ShippedTranscriptsTest.DIALOGS),
                    dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    Map.of(Partner.A, "Sam", Partner.B, "Alex"),
                    1);
            String out = run(couple, """
                    /in group
                    /talk
                    /press Yes, let's start
                    /press Sam
                    /as B
                    /press I've said a piece
                    /press We need a break
                    """, false);
            String tail = out.substring(out.indexOf("-- you are Alex"));
            assertEquals("""
                    -- you are Alex (B), in the group
                    [pop-up → Alex] This one is your partner's to tap. Your turn will come.
                    [group → both] ✓ Alex: We need a break
                    [group → both] Good call. Take a break, and agree on when you'll come back to it. /talk starts again whenever you're both ready.
                    """, tail);
        }
    }
}
