package dev.rekindle.app;

import static dev.rekindle.app.Shipped.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Profile;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.DatabaseBytes;
import dev.rekindle.testing.Eventually;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One couple's whole way with Rekindle, as the two of them and their group see it: the real bot (long polling,
 * the TelegramBots client, a SQLite file, the shipped dialogs and models) against the fake Bot API, with
 * Telegram's sending limits, and a clock moved by hand for the check-in's timer. Each step waits for the answer a
 * person would wait for before the next; at the end every chat's complete transcript (texts, buttons, buttons
 * taken away, the export file) is compared with what the shipped YAML says, in order, and nothing of Sam's
 * private words reached Alex or the group except what Sam agreed to share there.
 */
class CoupleJourneyIT {
    private static final Person SAM = new Person(111222333L, "Sam");
    /** Her Telegram name is not the name she gives the bot: the bot must use the one she gave. */
    private static final Person ALEX = new Person(444555666L, "Alexandra");

    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final Pattern LINK =
            Pattern.compile("https://t\\.me/" + FakeBotApi.BOT_USERNAME + "\\?start=([A-Za-z0-9_-]{22})");

    // Sam's private words (each found nowhere in the shipped sentences) and Alex's kept word
    private static final String SAM_CITY = "Lisbon";
    private static final String APPRECIATION =
            "You took the kids to the Juniper-5821 fair on Saturday so I could rest. It meant a lot to me.";
    private static final String SAM_WORD = "sunlit";
    private static final String ALEX_WORD = "frazzled";
    private static final String CHECKIN =
            "Time for your 15-minute check-in: just the two of you, full attention. Can you"
                    + " both put your phones away? Keep one face down between you: I'll buzz when time is up. Each of you, tap"
                    + " when yours is away.";

    @TempDir
    Path dir;

    private final MovableClock clock = MovableClock.followingRealTime();
    private FakeBotApi api;
    private Chats chats;
    private TelegramBot bot;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        chats = new Chats(api);
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                Shipped.library(),
                Shipped.understanding(),
                TelegramBot.Options.of(db())
                        .withClock(clock)
                        .withLimits(RateLimiter.Limits.NONE)); // Telegram's pace is proven in TelegramBotIT
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        api.close();
    }

    private Path db() {
        return dir.resolve("data/rekindle.db");
    }

    @Test
    void twoStrangersBecomeACoupleShareAnAppreciationCheckInTogetherExportAndForget() throws Exception {
        // ---- Sam: /start, onboarding, /invite
        api.pushText(SAM, "/start");
        chats.press(SAM, chats.awaitSent(SAM.id(), "are you 18 or older"), "I'm 18 or older");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Is that okay with you?"), "That's okay");
        chats.press(SAM, chats.awaitSent(SAM.id(), "What name shall I use"), "Use my Telegram name");
        chats.awaitSent(SAM.id(), "Where are you?");
        api.pushText(SAM, SAM_CITY);
        chats.press(SAM, chats.awaitSent(SAM.id(), "do you feel safe with your partner?"), "Yes, I feel safe");
        chats.awaitSent(SAM.id(), "You're set up");
        api.pushText(SAM, "/invite");
        Matcher link = LINK.matcher(Chats.plain(
                chats.awaitSent(SAM.id(), "Send this link to your partner").text()));
        assertTrue(link.find(), "a t.me deep link with a 22-character code: " + chats.received(SAM.id()));
        String code = link.group(1);

        // ---- Alex opens the link (Telegram delivers it as "/start <code>"), onboards with her own name, accepts
        api.pushText(ALEX, "/start " + code);
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "are you 18 or older"), "I'm 18 or older");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Is that okay with you?"), "That's okay");
        chats.awaitSent(ALEX.id(), "What name shall I use");
        api.pushText(ALEX, "Alex");
        chats.awaitSent(ALEX.id(), "Where are you?");
        api.pushText(ALEX, "Toronto"); // which the shipped classifier takes for a crisis: see OnboardingTest
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "do you feel safe with your partner?"), "Yes, I feel safe");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Sam invited you to be a couple"), "Accept");
        chats.awaitSent(ALEX.id(), "You and Sam are a couple on Rekindle now");
        chats.awaitSent(SAM.id(), "Alex accepted your invitation");

        Couple couple = bot.store().couples().coupleOf(SAM.id()).orElseThrow();
        assertEquals(CoupleStatus.ACTIVE, couple.status());
        assertEquals(SAM.id(), couple.users().get(Partner.A));
        assertEquals(ALEX.id(), couple.users().get(Partner.B));
        Profile samProfile = bot.store().pairings().profile(SAM.id()).orElseThrow();
        assertTrue(samProfile.adult() && samProfile.onboarded());
        assertNotNull(samProfile.consented(), "consent is stored with its time");
        assertEquals(
                "Europe/Lisbon",
                bot.store().couples().user(SAM.id()).orElseThrow().timeZone().getId());
        assertEquals("Alex", bot.store().couples().user(ALEX.id()).orElseThrow().displayName());

        // ---- the group: the bot is added, Sam sends /link, Alex confirms
        api.setGroupMembers(US, SAM, ALEX);
        api.pushBotAdded(US, SAM);
        chats.awaitSent(US.id(), "privacy mode");
        api.pushGroupText(US, SAM, "/link@" + FakeBotApi.BOT_USERNAME);
        chats.press(ALEX, chats.awaitSent(US.id(), "Sam would like this group"), "Confirm");
        chats.awaitSent(US.id(), "This is your shared group now");
        assertEquals(
                US.id(), bot.store().couples().chatId(couple.id(), Chat.GROUP).getAsLong());

        // ---- Sam's appreciation, privately, shared with Alex after Sam's yes
        api.pushText(SAM, "/appreciate");
        chats.awaitSent(SAM.id(), "this week");
        api.pushText(SAM, APPRECIATION);
        Call offer = chats.awaitSent(SAM.id(), "Would you like me to send it to Alex?");
        assertTrue(chats.sent(ALEX.id(), "Juniper-5821").isEmpty(), "nothing reaches Alex before Sam says yes");
        chats.press(SAM, offer, "Send it");
        chats.awaitSent(ALEX.id(), "Juniper-5821");
        chats.awaitSent(SAM.id(), "Thank you for");

        // ---- the daily check-in in the group: both put their phones away, both press, the second turn runs out on
        // the clock, both write a word, both say how it was
        api.pushGroupText(US, SAM, "/checkin@" + FakeBotApi.BOT_USERNAME);
        chats.press(ALEX, chats.awaitSent(US.id(), "Can you both put your phones away?"), "My phone is away");
        chats.press(SAM, chats.awaitSent(US.id(), "Sam, tap when yours is away too."), "Mine is away too");
        Call turn = chats.awaitSent(US.id(), " speaks, ");
        Matcher roles =
                Pattern.compile("^(Sam|Alex) speaks, (Sam|Alex) listens").matcher(Chats.plain(turn.text()));
        assertTrue(roles.find(), turn.text());
        String first = roles.group(1);
        String second = roles.group(2);
        Person speaker = first.equals("Sam") ? SAM : ALEX;
        Person listener = speaker == SAM ? ALEX : SAM;
        chats.press(listener, turn, "I'm done");
        chats.awaitPopup(listener, "This one is your partner's to tap");
        chats.press(speaker, turn, "I'm done");
        chats.awaitSent(US.id(), second + " speaks, " + first + " listens");
        clock.advance(Duration.ofMinutes(7)); // the second speaker never taps: the turn's timer ends it
        chats.awaitSent(US.id(), "Time's up");
        chats.awaitSent(US.id(), "I've sent each of you a private question");
        chats.awaitSent(SAM.id(), "One word for how you feel");
        chats.awaitSent(ALEX.id(), "One word for how you feel");
        api.pushText(SAM, SAM_WORD);
        chats.press(SAM, chats.awaitSent(SAM.id(), "May I show your word"), "Show it");
        chats.awaitSent(SAM.id(), "I'll show the words in the group");
        api.pushText(ALEX, ALEX_WORD);
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "May I show your word"), "Keep it to me");
        chats.awaitSent(US.id(), "Your words stay with you today");
        chats.press(SAM, chats.awaitSent(US.id(), "How was this check-in for you?"), "Hard, but worth it");
        chats.press(ALEX, chats.awaitSent(US.id(), "And how was it for you, Alex?"), "Good, let's do it again");
        chats.awaitSent(US.id(), "Saved in your journal");

        // ---- Sam: /export
        int documents = api.calls("sendDocument").size();
        api.pushText(SAM, "/export");
        chats.awaitSent(SAM.id(), "Here is everything I keep about you");
        Call file = api.calls("sendDocument").get(documents);
        assertEquals(SAM.id(), file.chatId().longValue(), "the file goes to Sam's private chat");
        assertExportHoldsSamAndNothingOfAlex(file.params().get("file"));
        assertFalse(
                DatabaseBytes.contain(
                        db(), file.params().get("file").path("about").asText()),
                "the file is made when asked and sent, never stored");

        // ---- Sam: /forget, confirmed
        api.pushText(SAM, "/forget");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Shall I delete everything I keep about you"), "Yes, delete it all");
        chats.awaitSent(SAM.id(), "everything I kept about you is deleted");
        chats.awaitSent(ALEX.id(), "Your pairing on Rekindle has ended");
        Eventually.await(
                "every update handled and every message sent",
                () -> bot.store().inbox().pending().isEmpty()
                        && bot.store()
                                .outbox()
                                .due(clock.instant().plus(Duration.ofDays(1)), 1)
                                .isEmpty());

        // ---- every message each of them received, complete and in order
        assertTranscript(
                SAM.id(),
                List.of(
                        said("onboarding_about"),
                        said("onboarding_age") + "\n[I'm 18 or older] [I'm under 18]",
                        closed(said("onboarding_age")),
                        said("onboarding_privacy") + "\n[That's okay] [No, thanks]",
                        closed(said("onboarding_privacy")),
                        said("onboarding_name") + "\n[Use my Telegram name]",
                        closed(said("onboarding_name")),
                        said("onboarding_zone") + "\n[Use UTC]",
                        said("onboarding_safety") + "\n[Yes, I feel safe] [No, not always] [I'd rather not say]",
                        closed(said("onboarding_safety")),
                        said("onboarding_done", "name", "Sam", "zone", "Europe/Lisbon"),
                        said("invite_link", "link", "https://t.me/" + FakeBotApi.BOT_USERNAME + "?start=" + code),
                        said("pairing_done_inviter", "partner", "Alex"),
                        oneOf(
                                "What is something your partner did this week that you valued? Big or small: making the morning "
                                        + "coffee counts. Tell me what it was, and why it mattered to you.",
                                "Think back over this week. What did your partner do that you were glad of? It can be small, like "
                                        + "support on a hard day. What was it, and why did it matter?"),
                        "Thank you for noticing that. Would you like me to send it to Alex?\n[Send it] [Keep it private]",
                        answered("Thank you for noticing that. Would you like me to send it to Alex?", "Send it"),
                        oneOf(
                                "On its way to Alex. Thank you for telling them.",
                                "Done: I'm passing it on to Alex. Thank you for saying it."),
                        "One word for how you feel right now?",
                        "May I show your word in the group? I'll show the words only if you both say yes.\n[Show it] [Keep it to me]",
                        answered(
                                "May I show your word in the group? I'll show the words only if you both say yes.",
                                "Show it"),
                        "Thank you. I'll show the words in the group when it's time.",
                        "[document rekindle-export.json]",
                        said("export_sent"),
                        said("forget_confirm") + "\n[Yes, delete it all] [No, keep it]",
                        closed(said("forget_confirm")),
                        said("forget_done")));
        assertTranscript(
                ALEX.id(),
                List.of(
                        said("onboarding_about"),
                        said("onboarding_age") + "\n[I'm 18 or older] [I'm under 18]",
                        closed(said("onboarding_age")),
                        said("onboarding_privacy") + "\n[That's okay] [No, thanks]",
                        closed(said("onboarding_privacy")),
                        said("onboarding_name") + "\n[Use my Telegram name]",
                        said("onboarding_zone") + "\n[Use UTC]",
                        said("onboarding_safety") + "\n[Yes, I feel safe] [No, not always] [I'd rather not say]",
                        closed(said("onboarding_safety")),
                        said("onboarding_done_invited", "name", "Alex", "zone", "America/Toronto"),
                        said("pairing_offer", "partner", "Sam") + "\n[Accept] [Not now]",
                        closed(said("pairing_offer", "partner", "Sam")),
                        said("pairing_done_invited", "partner", "Sam"),
                        "Sam wanted you to know:\n\n" + APPRECIATION,
                        "One word for how you feel right now?",
                        "May I show your word in the group? I'll show the words only if you both say yes.\n[Show it] [Keep it to me]",
                        answered(
                                "May I show your word in the group? I'll show the words only if you both say yes.",
                                "Keep it to me"),
                        said("unpair_told")));
        assertTranscript(
                US.id(),
                List.of(
                        said("group_hello"),
                        said("link_confirm", "name", "Sam", "partner", "Alex") + "\n[Confirm]",
                        closed(said("link_confirm", "name", "Sam", "partner", "Alex")),
                        said("link_done"),
                        CHECKIN + "\n[My phone is away] [Not now]",
                        answered(CHECKIN, "Alex: My phone is away"),
                        "Thank you, Alex. Sam, tap when yours is away too.\n[Mine is away too] [Not now]",
                        answered("Thank you, Alex. Sam, tap when yours is away too.", "Sam: Mine is away too"),
                        "How it works: you take turns, about 7 minutes each.\n"
                                + "Speaker: talk about something on your mind from outside the two of you: work, friends, family.\n"
                                + "Listener: take the speaker's side. No advice unless asked. Show you get it: \"That sounds hard.\"",
                        first + " speaks, " + second + " listens. " + first + ", tap when you're done.\n[I'm done]",
                        answered(
                                first + " speaks, " + second + " listens. " + first + ", tap when you're done.",
                                first + ": I'm done"),
                        "Thank you for sharing, " + first + ", and for listening so well, " + second
                                + ". Let's turn it around.",
                        second + " speaks, " + first + " listens. " + second + ", tap when you're done.\n[I'm done]",
                        "(buttons closed: " + second + " speaks, " + first + " listens. " + second
                                + ", tap when you're done.)",
                        "Time's up. Thank you, " + second + ".",
                        "Thank you both. One last thing: I've sent each of you a private question.",
                        "Your words stay with you today, and that's okay.",
                        "How was this check-in for you? Each of you, tap your own answer.\n[Good, let's do it again] "
                                + "[Hard, but worth it] [Not for us today]",
                        answered(
                                "How was this check-in for you? Each of you, tap your own answer.",
                                "Sam: Hard, but worth it"),
                        "Thank you, Sam. And how was it for you, Alex?\n[Good, let's do it again] [Hard, but worth it] "
                                + "[Not for us today]",
                        answered("Thank you, Sam. And how was it for you, Alex?", "Alex: Good, let's do it again"),
                        "Saved in your journal. Start the next one with /checkin whenever you're ready."));

        // ---- nothing of Sam's private words reached Alex or the group but what Sam said yes to, and where
        for (String line : everythingShownIn(ALEX.id())) {
            for (String secret : List.of(SAM_CITY, SAM_WORD)) {
                assertFalse(line.contains(secret), "Alex was shown Sam's private '" + secret + "': " + line);
            }
            assertTrue(
                    !line.contains("Juniper-5821") || line.equals("Sam wanted you to know:\n\n" + APPRECIATION),
                    "the appreciation reached Alex only as Sam agreed to send it: " + line);
        }
        for (String line : everythingShownIn(US.id())) {
            for (String secret : List.of(SAM_CITY, "Juniper-5821", ALEX_WORD, "Toronto")) {
                assertFalse(line.contains(secret), "the group was shown a private '" + secret + "': " + line);
            }
        }
        for (String line : everythingShownIn(SAM.id())) {
            assertFalse(
                    line.contains(ALEX_WORD) || line.contains("Toronto"),
                    "Sam was shown Alex's private words: " + line);
        }
        String told = said("unpair_told");
        assertFalse(told.contains("Sam") || told.contains("delete") || told.contains("forget"), "neutral: " + told);

        // ---- Sam is gone from the database, and Sam's words from its file and log; Alex goes on alone
        assertTrue(bot.store().couples().user(SAM.id()).isEmpty());
        Couple alex = bot.store().couples().coupleOf(ALEX.id()).orElseThrow();
        assertEquals(CoupleStatus.FORMING, alex.status());
        assertTrue(bot.store().couples().chatId(alex.id(), Chat.GROUP).isEmpty(), "the group is no longer linked");
        assertEquals(
                List.of("Daily check-in, 2 turns. It felt: good."),
                bot.store().journal().list(alex.id()).stream()
                        .map(dev.rekindle.store.JournalEntry::text)
                        .toList(),
                "Sam's journal lines went with Sam; Alex keeps his own word on the check-in");
        assertEquals(
                List.of("outbox.chat_id: sent, emptied", "outbox.chat_id: sent, emptied"),
                rowsNaming(SAM.id()),
                "the only rows left that name Sam are the sent goodbye's and the closing of the confirmation's buttons"
                        + " (see docs/privacy.md, Not done yet)");
        for (String marker : List.of("Juniper-5821", SAM_WORD, "Europe/Lisbon")) {
            assertFalse(
                    DatabaseBytes.contain(db(), marker), "'" + marker + "' is still in the database file or its log");
        }
        assertTrue(
                DatabaseBytes.contain(db(), "America/Toronto"), "the search does find what is still stored (Alex's)");
    }

    // ---------------------------------------------------------------- helpers

    private void assertExportHoldsSamAndNothingOfAlex(JsonNode export) {
        assertNotNull(export, "the document is a JSON file");
        assertEquals(SAM.id(), export.path("user").path("telegram_id").asLong());
        assertEquals("Sam", export.path("user").path("name").asText());
        assertEquals("Europe/Lisbon", export.path("user").path("time_zone").asText());
        assertTrue(export.path("onboarding").path("said_18_or_older").asBoolean());
        assertEquals(
                bot.store()
                        .pairings()
                        .profile(SAM.id())
                        .orElseThrow()
                        .consented()
                        .toString(),
                export.path("onboarding").path("agreed_to_privacy_note").asText(),
                "the consent, with its time");
        assertEquals("safe", export.path("onboarding").path("safety_answer").asText());
        List<String> journal = new ArrayList<>();
        export.path("journal")
                .forEach(e -> journal.add(
                        e.path("kind").asText() + ": " + e.path("text").asText()));
        assertEquals(
                List.of(
                        "appreciation: " + APPRECIATION,
                        "daily_checkin: Daily check-in, 2 turns. It felt: hard but worth it."),
                journal,
                "Sam's own lines: the appreciation Sam wrote, the check-in Sam closed");
        assertEquals(0, export.path("answers").size(), "no exercise of Sam's is still running: " + export);
        assertTrue(export.path("couple").path("paired").asBoolean());
        assertEquals(1, export.path("invitations").size());
        assertTrue(export.path("invitations").get(0).has("used"));
        for (String alexs : List.of(ALEX_WORD, "Toronto", "Alex", String.valueOf(ALEX.id()))) {
            assertFalse(
                    export.toString().contains(alexs), "nothing of Alex in Sam's export ('" + alexs + "'): " + export);
        }
    }

    /** A line of the transcript that may read one of several ways (a dialog's variants). */
    /** How a chat shows that a message's buttons were taken away (see {@link Chats#transcript}). */
    private static String closed(String message) {
        return "(buttons closed: " + message.lines().findFirst().orElse("") + ")";
    }

    /**
     * How a chat shows that a press answered a message: the message edited to read on with "✓ answer" under its text,
     * its buttons gone (see {@link Chats#transcript}).
     */
    private static String answered(String message, String answer) {
        return "(edited: " + message.lines().findFirst().orElse("") + ") " + message + "\n\n✓ " + answer;
    }

    private static String oneOf(String... variants) {
        return String.join(ONE_OF, variants);
    }

    private static final String ONE_OF = "\u0000or\u0000";

    private void assertTranscript(long chatId, List<String> expected) {
        List<String> got = chats.transcript(chatId);
        String all = "\n--- chat " + chatId + " received:\n" + String.join("\n---\n", got);
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            List<String> ways = List.of(expected.get(i).split(ONE_OF));
            assertTrue(
                    ways.contains(got.get(i)),
                    "message " + (i + 1) + " in chat " + chatId + " should be\n" + String.join("\n  or\n", ways)
                            + "\nbut is\n" + got.get(i) + all);
        }
        assertEquals(expected.size(), got.size(), "how many things chat " + chatId + " received" + all);
    }

    /** Every text the chat was shown: messages, edits, and the export file's contents. */
    private List<String> everythingShownIn(long chatId) {
        List<String> out = new ArrayList<>(chats.transcript(chatId));
        api.calls("sendDocument").stream()
                .filter(c -> c.chatId() == chatId)
                .forEach(c -> out.add(c.params().toString()));
        return out;
    }

    /**
     * Where the database still names the user: "table.column" for each row whose column holds the id (as a number
     * or inside a text), with ", sent, emptied" for an outbox row that was sent and keeps no payload.
     */
    private List<String> rowsNaming(long userId) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME"));
                    }
                }
                for (String column : columns) {
                    boolean outbox = table.equals("outbox");
                    try (PreparedStatement p = c.prepareStatement("SELECT " + (outbox ? "state, payload" : "1")
                            + " FROM " + table + " WHERE CAST(" + column + " AS TEXT) LIKE ?")) {
                        p.setString(1, "%" + userId + "%");
                        try (ResultSet rs = p.executeQuery()) {
                            while (rs.next()) {
                                found.add(table + "." + column
                                        + (outbox
                                                        && rs.getString(1).equals("sent")
                                                        && rs.getString(2).isEmpty()
                                                ? ": sent, emptied"
                                                : ""));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
