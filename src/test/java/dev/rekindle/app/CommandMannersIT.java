package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.store.Profile;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 5, through the real TelegramBots client against the fake Bot API: a command nobody knows, one typed
 * in the wrong kind of chat, /help in each chat, a returning person's /start, a mistaken "I'm under 18" and the invited
 * partner's last onboarding sentence. The shipped dialogs, the real models, a real SQLite file.
 */
class CommandMannersIT extends BotOnFakeTelegram {
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final Pattern LINK =
            Pattern.compile("t\\.me/" + FakeBotApi.BOT_USERNAME + "\\?start=([A-Za-z0-9_-]+)");

    @BeforeEach
    void start() {
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                library,
                understanding,
                TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                        .withClock(clock)
                        .withLimits(RateLimiter.Limits.NONE));
    }

    /** Sam and Alex, onboarded and paired through the store, with their group linked through the bot. */
    private void pairedAndLinked() {
        dev.rekindle.store.Store store = bot.store();
        store.couples().createUser(SAM.id(), "Sam", ZoneOffset.UTC);
        store.couples().createUser(ALEX.id(), "Alex", ZoneOffset.UTC);
        store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, ALEX.id());
        api.setGroupMembers(US, SAM, ALEX);
        api.pushBotAdded(US, SAM);
        chats.awaitSent(US.id(), "privacy mode");
        api.pushGroupText(US, SAM, "/link@" + FakeBotApi.BOT_USERNAME);
        chats.press(ALEX, chats.awaitSent(US.id(), "Sam would like this group to be your shared space"), "Confirm");
        chats.awaitSent(US.id(), "This is your shared group now");
    }

    @Test
    void anUnknownCommandGetsDidYouMeanAndAMisplacedOneSaysWhereItWorksInEachChat() {
        pairedAndLinked();
        api.pushText(SAM, "/chekin");
        chats.awaitSent(SAM.id(), "I don't know /chekin. Did you mean /checkin?");
        api.pushGroupText(US, ALEX, "/chekin@" + FakeBotApi.BOT_USERNAME);
        chats.awaitSent(US.id(), "I don't know /chekin. Did you mean /checkin?");
        api.pushText(SAM, "/xyzzy");
        Call list = chats.awaitSent(SAM.id(), "I don't know /xyzzy. Here is what works in this chat:");
        assertTrue(Chats.plain(list.text()).contains("\n/invite: Invite your partner\n"), list.text());

        api.pushText(SAM, "/link"); // the group's own command, in a private chat
        chats.awaitSent(SAM.id(), "Use /link in your shared group with me.");
        api.pushGroupText(US, ALEX, "/invite"); // a private chat's own command, in the group
        chats.awaitSent(US.id(), "/invite works in your private chat with me. Write it to me there.");
        api.pushGroupText(US, SAM, "/export");
        chats.awaitSent(US.id(), "/export works in your private chat with me. Write it to me there.");
        assertTrue(chats.sent(SAM.id(), "rekindle-export").isEmpty()
                && api.calls("sendDocument").isEmpty());

        api.pushText(SAM, "/help");
        String privately =
                Chats.plain(chats.awaitSent(SAM.id(), "What works in this chat").text());
        for (String c :
                List.of("/menu:", "/appreciate:", "/invite:", "/reminders:", "/export:", "/forget:", "/stop:")) {
            assertTrue(privately.contains("\n" + c), c + " in " + privately);
        }
        assertFalse(privately.contains("/checkin:"), "a group exercise is not listed in a private chat");
        api.pushGroupText(US, ALEX, "/help");
        String together =
                Chats.plain(chats.awaitSent(US.id(), "What works in this chat").text());
        for (String c : List.of("/menu:", "/checkin:", "/talk:", "/link:", "/stop:", "/help:")) {
            assertTrue(together.contains("\n" + c), c + " in " + together);
        }
        for (String c : List.of("/invite:", "/forget:", "/appreciate:", "/support:")) {
            assertFalse(together.contains(c), c + " is not listed in the group");
        }
    }

    @Test
    void aReturningPersonsStartIsAWelcomeBackWithTheMenuNotTheIntroduction() {
        pairedAndLinked();
        api.pushText(SAM, "/start");
        chats.awaitSent(SAM.id(), "Welcome back, Sam.");
        Call menu = chats.awaitSent(SAM.id(), "What would you like to do?");
        assertTrue(menu.replyMarkup().toString().contains("Appreciation"), "the menu, with its buttons");
        assertTrue(
                chats.sent(SAM.id(), "I'm Rekindle").isEmpty(), "no introduction again: " + chats.received(SAM.id()));
    }

    @Test
    void aMistakenUnderEighteenIsPutRightOnceAndTheInvitedPartnerIsNotToldToInvite() {
        api.pushText(SAM, "/start");
        chats.press(SAM, chats.awaitSent(SAM.id(), "are you 18 or older"), "I'm under 18");
        Call underAge = chats.awaitSent(SAM.id(), "Rekindle is for adults only");
        chats.press(SAM, underAge, "My mistake: I'm 18 or older");
        chats.press(SAM, chats.awaitSent(SAM.id(), "Is that okay with you?"), "That's okay");
        chats.press(SAM, chats.awaitSent(SAM.id(), "What name shall I use"), "Use my Telegram name");
        chats.awaitSent(SAM.id(), "Where are you?");
        api.pushText(SAM, "London");
        chats.press(SAM, chats.awaitSent(SAM.id(), "do you feel safe with your partner?"), "Yes, I feel safe");
        assertTrue(
                Chats.plain(chats.awaitSent(SAM.id(), "You're set up").text()).contains("send /invite"),
                "the inviter is told how to invite");
        assertEquals(
                Profile.OnboardingStage.DONE,
                bot.store().pairings().profile(SAM.id()).orElseThrow().step());

        api.pushText(SAM, "/invite");
        Matcher m = LINK.matcher(Chats.plain(
                chats.awaitSent(SAM.id(), "Send this link to your partner").text()));
        assertTrue(m.find());
        api.pushText(ALEX, "/start " + m.group(1));
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "are you 18 or older"), "I'm 18 or older");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Is that okay with you?"), "That's okay");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "What name shall I use"), "Use my Telegram name");
        chats.awaitSent(ALEX.id(), "Where are you?");
        api.pushText(ALEX, "UTC");
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "do you feel safe with your partner?"), "Yes, I feel safe");
        String done = Chats.plain(chats.awaitSent(ALEX.id(), "You're set up").text());
        assertFalse(done.contains("/invite"), "the invitation is next, not an invitation of their own: " + done);
        chats.press(ALEX, chats.awaitSent(ALEX.id(), "Sam invited you to be a couple"), "Accept");
        chats.awaitSent(ALEX.id(), "You and Sam are a couple on Rekindle now");
    }
}
