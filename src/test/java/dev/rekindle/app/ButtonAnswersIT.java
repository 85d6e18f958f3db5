package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.store.Store;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import dev.rekindle.testing.Eventually;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the bot answers a press in the couple's group, through the real TelegramBots client against the fake Bot API:
 * a press that is not the presser's gets a pop-up only they see (answerCallbackQuery with text, not an alert) and
 * nothing in the group; a press that is taken leaves its message reading on with the answer under it.
 */
class ButtonAnswersIT extends BotOnFakeTelegram {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam");
    private static final Person ALEX = new Person(444555666L, "Alex");
    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final String NOT_YOURS = "This one is your partner's to tap. Your turn will come.";

    /** Sam and Alex, onboarded, with their group; a talk started with Sam chosen to speak first. */
    private Call samHasTheFloor() {
        bot = TelegramBot.start(
                api.settings(Duration.ofSeconds(1)),
                library,
                understanding,
                TelegramBot.Options.of(dir.resolve("data/rekindle.db"))
                        .withClock(clock)
                        .withLimits(RateLimiter.Limits.NONE));
        Store store = bot.store();
        store.couples().createUser(SAM.id(), "Sam", ZoneOffset.UTC);
        store.couples().createUser(ALEX.id(), "Alex", ZoneOffset.UTC);
        long couple = store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        store.couples().registerGroupChat(US.id(), couple);
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, ALEX.id());
        api.pushGroupText(US, SAM, "/talk@" + FakeBotApi.BOT_USERNAME);
        chats.press(SAM, chats.awaitSent(US.id(), "one hard topic"), "Yes, let's start");
        chats.press(SAM, chats.awaitSent(US.id(), "speaker first?"), "Sam");
        return chats.awaitSent(US.id(), "Sam, tap when you've said it.");
    }

    /** The press's id as the fake names it. */
    private static String pressId(Person who, Call message) {
        return Long.toString(who.id() * 1000 + message.messageId());
    }

    private Call answerTo(Person who, Call message) {
        return api.awaitCall(
                "answerCallbackQuery",
                c -> c.params().path("callback_query_id").asText().equals(pressId(who, message)),
                WAIT);
    }

    @Test
    void aPressThatIsNotThePressersIsAnsweredInAPopUpToThemAloneAndNothingReachesTheGroup() {
        Call floor = samHasTheFloor();
        int groupMessages = chats.received(US.id()).size();

        chats.press(ALEX, floor, "I've said a piece");
        Call popup = answerTo(ALEX, floor);
        assertEquals(NOT_YOURS, popup.params().path("text").asText());
        assertFalse(popup.params().path("show_alert").asBoolean(), "a pop-up that goes by itself, not an alert");
        assertTrue(api.showsButtons(US.id(), floor.messageId()), "the speaker can still press");

        // Sam's press comes after Alex's in the group's lane and outbox: whatever Alex's caused would be out by now
        chats.press(SAM, floor, "I've said a piece");
        chats.awaitSent(US.id(), "Just what Sam said, no answer yet.");
        List<String> after = chats.received(US.id())
                .subList(groupMessages, chats.received(US.id()).size());
        assertEquals(1, after.size(), "only the answer to Sam's press was posted in the group: " + after);
        assertEquals(List.of(NOT_YOURS), chats.popups(), "one pop-up, Alex's; Sam's press needed no words");
    }

    @Test
    void aTakenPressLeavesItsQuestionReadingOnWithTheAnswerAndAPressTooLateIsStaleForThePresserAlone() {
        Call floor = samHasTheFloor();
        chats.press(ALEX, floor, "We need a break");
        chats.awaitSent(US.id(), "Take a break");
        Call taken = answerTo(ALEX, floor);
        assertTrue(taken.params().path("text").asText("").isEmpty(), "the press was taken: nothing to say");
        Eventually.await(
                "the floor message to show the answer",
                () -> api.message(US.id(), floor.messageId())
                        .path("text")
                        .asText()
                        .endsWith("\n\n✓ Alex: We need a break"),
                WAIT);
        JsonNode shown = api.message(US.id(), floor.messageId());
        assertTrue(shown.path("text").asText().startsWith("Sam, "), "the question is still there: " + shown);
        assertFalse(api.showsButtons(US.id(), floor.messageId()), "and its buttons are gone");

        // Sam's client still showed the old buttons (a press sent before the edit arrived)
        int groupMessages = chats.received(US.id()).size();
        api.pushPress(SAM, US.id(), floor.messageId(), callbackData(floor, "I've said a piece"));
        Call stale = answerTo(SAM, floor);
        assertEquals(
                "That button belongs to an earlier message, so it doesn't do anything now.",
                stale.params().path("text").asText());
        api.pushGroupText(US, SAM, "/help@" + FakeBotApi.BOT_USERNAME);
        chats.awaitSent(US.id(), "guides the two of you");
        assertEquals(groupMessages + 1, chats.received(US.id()).size(), "the group got /help's answer only");
    }

    private static String callbackData(Call message, String label) {
        for (JsonNode row : message.replyMarkup().get("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.get("text").asText().equals(label)) {
                    return b.get("callback_data").asText();
                }
            }
        }
        throw new AssertionError("no button '" + label + "' on " + message.text());
    }
}
