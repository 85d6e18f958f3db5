package dev.rekindle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.sqlite.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal chat on the whole bot: the shipped dialogs and understanding, a real SQLite file, the core and its
 * flows driven by lines as a person or a script types them. What each line prints is what a person at the terminal
 * reads; the whole scripted evening (two /starts to /forget) is {@code TerminalSessionIT}.
 */
class TerminalChatTest {
    private static DialogLibrary shipped;
    private static Understanding understanding;

    @TempDir
    Path dir;

    private int runs;

    @BeforeAll
    static void load() throws Exception {
        shipped = TestDialogs.repoLibrary(ShippedTranscriptsTest.DIALOGS);
        understanding = ShippedTranscriptsTest.productionUnderstanding();
    }

    /** Runs {@code script} on a new database with the shipped dialogs; returns everything printed. */
    private String chat(List<String> names, boolean paired, String script) {
        return chat(shipped, names, paired, TerminalChat.Typing.SCRIPT, script);
    }

    private String chat(
            DialogLibrary library, List<String> names, boolean paired, TerminalChat.Typing typing, String script) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LocalClock clock = new LocalClock(LocalCouple.START);
        try (SqliteStore store = SqliteStore.open(dir.resolve("chat" + ++runs + ".db"), clock);
                LocalBot bot = LocalBot.start(store, library, understanding, clock, Cast.of(names), 1, paired)) {
            new TerminalChat(bot, new StringReader(script), out, typing).run();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void assertInOrder(String out, String... parts) {
        int from = 0;
        for (String p : parts) {
            int at = out.indexOf(p, from);
            assertTrue(at >= 0, "'" + p + "' should come after what came before it in:\n" + out);
            from = at + p.length();
        }
    }

    @Test
    void someoneAloneIsToldThereIsNoGroupAndNoPartnerInsteadOfAStackTrace() {
        String out = chat(List.of("Sam"), false, "/in group\n/as B\nhello\n");
        assertInOrder(
                out,
                "! there is no group: Sam is alone in this session (give two names, e.g. --names Sam,Alex, for a "
                        + "partner and a group)\n",
                "! /as needs A (Sam), not 'B'; Sam is alone in this session (give two names, e.g. --names Sam,Alex)\n",
                "[private → Sam] Hi, I'm Rekindle.",
                "[private → Sam] First: are you 18 or older?");
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void aGroupNoCoupleHasLinkedAnswersNoOneAndTheTerminalSaysWhy() {
        String out = chat(List.of("Sam", "Alex"), false, "/in group\n/checkin\n/link\n");
        assertInOrder(
                out,
                "-- Sam makes a group with Alex and adds the bot\n",
                "[group → both] Hello! I can be the shared space for a couple on Rekindle.",
                "-- you are Sam (A), in the group\n",
                "-- (no reply: this group is not linked to a couple: pair up first (/invite in a private chat), then "
                        + "send /link here)\n",
                "[group → both] To link a group, first pair up in a private chat with me: /invite makes a link for "
                        + "your partner.\n");
    }

    @Test
    void theLinkSamWasGivenIsOpenedByAlexWhoIsOnboardedAndOffered() {
        String out = chat(List.of("Sam", "Alex"), false, """
                /open
                /start
                /press 1
                /press That's okay
                /press Use my Telegram name
                +1
                /press Yes, I feel safe
                /invite
                /as B
                /open
                """);
        assertInOrder(
                out,
                "! no invitation link was shown yet: /invite in a private chat makes one\n",
                "[private → Sam] Thank you, Sam. You're set up (time zone: +01:00).",
                "[private → Sam] Send this link to your partner.",
                "https://t.me/RekindleLocalBot?start=",
                "-- you are Alex (B), in your private chat\n",
                "-- Alex opens the link, which sends /start ",
                "[private → Alex] First: are you 18 or older?");
    }

    @Test
    void aPairedCouplesCheckInRunsInTheirGroupAndItsTimerFiresWhenTheClockPassesIt() {
        String out = chat(List.of("Sam", "Alex"), true, """
                /in group
                /checkin
                /press Phones are away
                /press I'm done
                /wait 6m
                /wait 1m
                """);
        assertInOrder(
                out,
                "-- you are Sam (A), in the group\n",
                "[group → both] Time for your 15-minute check-in",
                "[group → both] Sam speaks, Alex listens.",
                "[group → both] Alex speaks, Sam listens.",
                "-- 6m later: Mon 2026-01-05 09:06 UTC (nothing happened)\n",
                "-- 1m later: Mon 2026-01-05 09:07 UTC\n[group → both] Time's up. Thank you, Alex.\n",
                "[private → Sam] One word for how you feel right now?",
                "[private → Alex] One word for how you feel right now?");
        assertFalse(out.contains("makes a group"), "a paired couple's group exists already: " + out);
    }

    @Test
    void aDailyReminderComesEachEveningOfALongWaitNotOnceAtItsEnd() {
        String out = chat(List.of("Sam", "Alex"), true, """
                /rituals
                /press A few minutes together each evening
                21:00
                /press Keep it to me
                /press Yes, remind me
                /wait 2d
                """);
        String reminder = "[private → Sam] A gentle reminder: a few minutes together each evening, at 21:00.";
        assertInOrder(out, "-- 2d later: Wed 2026-01-07 09:00 UTC\n", reminder, reminder);
        assertEquals(2, out.split(java.util.regex.Pattern.quote(reminder), -1).length - 1, out);
        assertFalse(out.contains("[private → Alex] A gentle reminder"), "Sam's reminder is Sam's: " + out);
    }

    @Test
    void explainSaysTheIntentTheSafetyDecisionAndTheStateEachMessageMovedTo() {
        String out = chat(List.of("Sam", "Alex"), true, """
                /explain on
                /appreciate
                i want to kill myself
                /explain off
                /help
                """);
        assertInOrder(
                out,
                "-- explaining each message from now on\n",
                "-- explain: the command /appreciate (no intent, no safety reading) → Sam's private chat: no dialog → "
                        + "appreciation.",
                "-- explain: intent ",
                "safety: flow crisis → Sam's private chat: appreciation.",
                " → safety_crisis.",
                "-- explaining nothing any more\n");
        assertEquals(2, out.split("-- explain: ", -1).length - 1, "nothing explained after /explain off: " + out);
    }

    @Test
    void aSimulatedSafetyFlowPausesTheSharedExercisesAndUnpairingTellsBoth() {
        String out = chat(List.of("Sam", "Alex"), true, """
                /explain on
                /safety abuse
                /explain off
                /unpair
                /press Yes, end it
                """);
        assertInOrder(
                out,
                "-- explain: a safety flow abuse (no intent, no safety reading) → Sam's private chat: no dialog → "
                        + "safety_abuse.",
                "; the shared exercises paused by Sam (abuse)\n",
                "[private → Sam] Do you want to end your pairing with Alex?",
                "[private → Sam] Your pairing has ended.",
                "[private → Alex] Your pairing on Rekindle has ended.");
    }

    @Test
    void badMetaCommandsGetClearMessages() {
        String out = chat(List.of("Sam", "Alex"), true, """
                /as C
                /in kitchen
                /wait soon
                /press
                /press 1
                /hello
                /safety worry
                /safety check crisis
                /explain maybe
                /rituals
                /press 9
                /press Maybe
                """);
        assertInOrder(
                out,
                "! /as needs A (Sam) or B (Alex), not 'C'\n",
                "! /in needs private or group, not 'kitchen'\n",
                "! /wait needs a duration such as 90s, 10m, 2h or 1d, not 'soon'\n",
                "! /press needs a button number (or label), e.g. /press 1\n",
                "! there are no open buttons in Sam's private chat (no message there has buttons that can still be "
                        + "pressed)\n",
                "! /safety needs one of crisis, ",
                "not 'worry'\n",
                "not 'check crisis' (a gentle check comes from words the detector is unsure about: write them)\n",
                "! /explain needs on or off, not 'maybe'\n",
                "! there is no button 9 in Sam's private chat; the buttons are 1 \"30 minutes a day",
                "! there is no button \"Maybe\" in Sam's private chat; the buttons are \"30 minutes a day");
    }

    @Test
    void aPersonSeesPromptsAndAnEchoedScriptReadsAsATranscript() {
        String typed = chat(shipped, List.of("Sam", "Alex"), true, TerminalChat.Typing.PERSON, "/in group\n/as B\n");
        assertEquals(
                "Sam@private> -- you are Sam (A), in the group\n"
                        + "Sam@group> -- you are Alex (B), in the group\n"
                        + "Alex@group> \n",
                typed);
        String echoed = chat(
                shipped,
                List.of("Sam", "Alex"),
                true,
                TerminalChat.Typing.SCRIPT_ECHOED,
                "# to the group\n/in group\n");
        assertEquals("# to the group\nSam@private> /in group\n-- you are Sam (A), in the group\n", echoed);
        String quiet = chat(shipped, List.of("Sam", "Alex"), true, TerminalChat.Typing.SCRIPT, "# a note\n/in group\n");
        assertEquals("-- you are Sam (A), in the group\n", quiet, "a script's comments and lines are not printed");
    }

    @Test
    void dialogsWithoutTheFlowsSentencesRunForACoupleThatStartsPaired() throws Exception {
        String out = chat(TestDialogs.library(), List.of("Kim", "Lee"), false, TerminalChat.Typing.SCRIPT, """
                /hello
                /press 2
                /as Lee
                /in group
                /ping
                /wait 10m
                """);
        assertEquals("""
                [private → Kim] Hi Kim! Ready?
                  [1] Yes  [2] No
                [private → Kim] Maybe later.
                -- you are Lee (B), in your private chat
                -- you are Lee (B), in the group
                [group → both] Anyone there?
                -- 10m later: Mon 2026-01-05 09:10 UTC
                [group → both] Still there?
                """, out);
    }
}
