package dev.rekindle.app;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the real bot on the fake Bot API starts from: the shipped dialogs and Understanding
 * (loaded once per JVM), a fresh fake Bot API on 127.0.0.1 with its chats, a database folder, a movable clock,
 * and the bot, closed after each test before the fake.
 */
abstract class BotOnFakeTelegram {
    protected static DialogLibrary library;
    protected static Understanding understanding;

    @TempDir
    protected Path dir;

    protected final MovableClock clock = MovableClock.followingRealTime();
    protected FakeBotApi api;
    protected Chats chats;
    protected TelegramBot bot;

    @BeforeAll
    static void loadShippedOnce() throws Exception {
        library = Shipped.library();
        understanding = Shipped.understanding();
    }

    @BeforeEach
    void startFakeBotApi() {
        api = FakeBotApi.start();
        chats = new Chats(api);
    }

    @AfterEach
    void stopBotThenFake() {
        if (bot != null) {
            bot.close();
        }
        api.close();
    }
}
