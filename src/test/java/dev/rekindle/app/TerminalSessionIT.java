package dev.rekindle.app;

import static dev.rekindle.app.Shipped.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.local.LocalCouple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.DatabaseBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted evening of {@code docs/examples/terminal-session.txt}, run as README shows it ({@code chat --echo}
 * with the script on stdin) on the shipped dialogs and models and a real SQLite file: two /starts, the invitation
 * and its acceptance, a linked group, a check-in whose second turn runs out on the clock, a ritual whose reminder
 * comes at 21:00 after /wait, /export and /forget. Then the database is read: Sam is gone from it, Alex is not. And
 * every line README shows of the session is in what it printed, in order.
 */
class TerminalSessionIT {
    static final Path SESSION = Path.of("docs", "examples", "terminal-session.txt");
    private static final Path README = Path.of("README.md");
    private static final String SESSION_OUTPUT = "<!-- terminal-session: output -->";
    private static final String EXPLAIN_OUTPUT = "<!-- terminal-explain: output -->";
    /** README's --explain example: the script it pipes in. */
    private static final String EXPLAIN_SCRIPT =
            "/appreciate\nyou made me coffee every morning this week\ni want to kill myself\n";

    private static String script;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws Exception {
        script = Files.readString(SESSION);
    }

    private MainTest.Run session(Path db) {
        MainTest.Run r = MainTest.rekindleWithInput(script, "chat", "--echo", "--db", db.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no failure on stderr: " + r.err());
        return r;
    }

    @Test
    void twoStartsPairingALinkedGroupACheckInAReminderExportAndForget() throws Exception {
        Path db = dir.resolve("chat.db");
        String out = session(db).out();
        assertInOrder(
                out,
                "Sam@private> /start\n",
                shown("[private → Sam] ", said("onboarding_done", "name", "Sam", "zone", "Europe/London")) + "\n",
                shown("[private → Sam] ", said("invite_link", "link", "https://t.me/RekindleLocalBot?start=")),
                "Alex@private> /open\n",
                shown("[private → Alex] ", said("onboarding_done_invited", "name", "Alex", "zone", "America/Toronto"))
                        + "\n",
                shown("[private → Alex] ", said("pairing_offer", "partner", "Sam")) + "\n",
                shown("[private → Alex] ", said("pairing_done_invited", "partner", "Sam")) + "\n",
                shown("[private → Sam] ", said("pairing_done_inviter", "partner", "Alex")) + "\n",
                "-- Alex makes a group with Sam and adds the bot\n",
                shown("[group → both] ", said("link_confirm", "name", "Alex", "partner", "Sam")) + "\n",
                shown("[group → both] ", said("link_done")) + "\n",
                "Sam@group> /checkin\n",
                "[group → both] Time for your 15-minute check-in",
                "-- 7m later: Mon 2026-01-05 09:07 UTC\n[group → both] Time's up. Thank you, Alex.\n",
                "[private → Sam] One word for how you feel right now?\n",
                "[private → Alex] One word for how you feel right now?\n",
                "[group → both] Your words stay with you today, and that's okay.\n",
                "[group → both] Saved in your journal.",
                "[private → Sam] Done: I'll remind you every day at 21:00, your local time.",
                "-- 12h later: Mon 2026-01-05 21:07 UTC\n"
                        + "[private → Sam] A gentle reminder: a few minutes together each evening, at 21:00.",
                "[private → Sam] file rekindle-export.json:\n",
                shown("[private → Sam] ", said("export_sent")) + "\n",
                shown("[private → Sam] ", said("forget_confirm")) + "\n",
                shown("[private → Sam] ", said("forget_done")) + "\n",
                shown("[private → Alex] ", said("unpair_told")) + "\n");
        for (String line : out.lines().toList()) {
            if (line.startsWith("[group") || line.startsWith("[private → Sam]")) {
                assertFalse(line.contains("tired"), "Alex kept her word to herself: " + line);
            }
        }
        assertExportIsSamsAlone(exported(out));
        try (SqliteStore store = SqliteStore.open(db, InstantSource.fixed(LocalCouple.START))) {
            assertTrue(store.couples().user(1001).isEmpty(), "Sam is forgotten");
            assertEquals(
                    CoupleStatus.FORMING,
                    store.couples().coupleOf(1002).orElseThrow().status(),
                    "Alex goes on alone");
            assertTrue(store.reminders().ofCouple(1).isEmpty(), "Sam's reminder went with Sam");
        }
        assertFalse(DatabaseBytes.contain(db, "Europe/London"), "Sam's time zone is gone from the file and its log");
        assertTrue(DatabaseBytes.contain(db, "America/Toronto"), "the search finds what is still kept (Alex's)");
    }

    @Test
    void everyLineReadmeShowsOfTheSessionIsWhatItPrints() throws Exception {
        String out = session(dir.resolve("chat.db")).out();
        assertShows(readmeBlock(SESSION_OUTPUT), out);
        assertTrue(script.lines().anyMatch(l -> l.equals("/forget")), "README's script is the one run here");
    }

    @Test
    void readmesExplainedMessagesAreWhatExplainPrints() throws Exception {
        assertTrue(
                Files.readString(README).contains(EXPLAIN_SCRIPT.replace("\n", "\\n")),
                "README pipes in the script run here: " + EXPLAIN_SCRIPT);
        MainTest.Run r = MainTest.rekindleWithInput(EXPLAIN_SCRIPT, "chat", "--paired", "--explain", "--echo");
        assertEquals(0, r.code(), r.err());
        assertShows(readmeBlock(EXPLAIN_OUTPUT), r.out());
    }

    /** Every line of {@code shown} but "..." (lines left out) is a line {@code out} printed, in the same order. */
    private static void assertShows(List<String> shown, String out) {
        assertTrue(shown.size() > 5, "README shows the output: " + shown);
        List<String> printed = out.lines().toList();
        int at = 0;
        for (String line : shown) {
            if (line.strip().equals("...")) {
                continue; // README leaves lines out here
            }
            int found = printed.subList(at, printed.size()).indexOf(line);
            assertTrue(
                    found >= 0,
                    "README shows a line the session does not print (after line " + at + "):\n" + line
                            + "\n--- the session printed:\n" + out);
            at += found + 1;
        }
    }

    /** The lines of README's code block after {@code marker}, as printed (the ``` fences excluded). */
    private static List<String> readmeBlock(String marker) throws Exception {
        List<String> lines = Files.readAllLines(README);
        int start = lines.indexOf(marker);
        assertTrue(start >= 0, "README marks an output with " + marker);
        List<String> block = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && !lines.get(i).equals("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    private static JsonNode exported(String out) throws Exception {
        String from = "[private → Sam] file rekindle-export.json:\n";
        int start = out.indexOf(from) + from.length();
        StringBuilder json = new StringBuilder();
        for (String line : out.substring(start).lines().toList()) {
            if (!line.startsWith("  ")) {
                break;
            }
            json.append(line.substring(2)).append('\n');
        }
        return new ObjectMapper().readTree(json.toString());
    }

    private static void assertExportIsSamsAlone(JsonNode export) {
        assertEquals(1001, export.path("user").path("telegram_id").asLong());
        assertEquals("Sam", export.path("user").path("name").asText());
        assertEquals("Europe/London", export.path("user").path("time_zone").asText());
        assertEquals("safe", export.path("onboarding").path("safety_answer").asText());
        assertEquals("21:00", export.path("reminders").get(0).path("at").asText());
        assertTrue(export.path("couple").path("paired").asBoolean());
        assertEquals(1, export.path("journal").size(), "the check-in Sam closed: " + export);
        for (String alexs : List.of("Alex", "Toronto", "tired", "1002")) {
            assertFalse(
                    export.toString().contains(alexs), "nothing of Alex in Sam's export (" + alexs + "): " + export);
        }
    }

    /** A message as the chat prints it: after where it went, each further line indented (an empty one left empty). */
    private static String shown(String where, String text) {
        return where + text.replaceAll("\n(?=.)", "\n  ");
    }

    private static void assertInOrder(String out, String... parts) {
        int from = 0;
        for (String p : parts) {
            int at = out.indexOf(p, from);
            assertTrue(at >= 0, "'" + p + "' should come after what came before it in:\n" + out);
            from = at + p.length();
        }
    }
}
