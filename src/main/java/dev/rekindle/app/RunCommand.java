package dev.rekindle.app;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.StoreException;
import dev.rekindle.telegram.TelegramSettings;
import dev.rekindle.telegram.WebhookLimits;
import dev.rekindle.telegram.WebhookSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rekindle run}: the bot on Telegram until SIGTERM or Ctrl-C; without a token, how to get one and then the
 * terminal chat.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run the bot on Telegram (long polling, or a webhook with --webhook) when TELEGRAM_BOT_TOKEN "
                + "is set; without a token, explain how to get one and start the terminal chat instead.")
final class RunCommand implements Callable<Integer> {

    private final ChatCommand chat;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseFile db = new DatabaseFile();

    @Option(
            names = "--api-url",
            paramLabel = "URL",
            description = "another Bot API server (default: $TELEGRAM_API_URL, else https://api.telegram.org)")
    private String apiUrl;

    @Mixin
    private ContentFolders folders = new ContentFolders();

    @Option(
            names = "--webhook",
            paramLabel = "URL",
            description = "receive updates by webhook at this public https URL instead of long polling; a "
                    + "reverse proxy there ends TLS and forwards to --listen (secret: $TELEGRAM_WEBHOOK_SECRET, "
                    + "else a new random one at each start)")
    private String webhookUrl;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description = "where the webhook endpoint listens, in plain HTTP for the proxy (default: "
                    + WebhookSettings.DEFAULT_LISTEN + ")")
    private String listen;

    /** @param chat the terminal chat, started instead when no token is set */
    RunCommand(ChatCommand chat) {
        this.chat = chat;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = new HashMap<>(System.getenv());
        String token = env.get(TelegramSettings.TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            explainToken(err);
            return chat.start(folders.dialogs, folders.models, "Sam,Alex", 1);
        }
        if (apiUrl != null) {
            env.put(TelegramSettings.API_URL_VARIABLE, apiUrl);
        }
        if (listen != null && webhookUrl == null) {
            err.println(
                    "rekindle run: --listen is for webhook mode: give --webhook URL too (without it the bot long-polls "
                            + "and listens on no port)");
            return 2;
        }
        TelegramSettings settings;
        WebhookSettings webhook;
        try {
            settings = TelegramSettings.fromEnvironment(env);
            webhook = webhookUrl == null ? null : WebhookSettings.parse(webhookUrl, listen, env, new SecureRandom());
            if (webhook != null) {
                // the JDK reads these once, at the first HTTP server of the JVM: before the endpoint is made
                WebhookLimits.setJvmDefaults(System.getProperties());
            }
        } catch (IllegalArgumentException e) {
            err.println("rekindle run: " + e.getMessage());
            return 2;
        }
        Startup start = new Startup("run", err);
        if (folders.dialogs != null && !Files.isDirectory(folders.dialogs)) {
            return start.missing(folders.dialogs, "give the dialogs folder, or leave --dialogs out");
        }
        DialogSource dialogSource = DialogSource.choose(folders.dialogs);
        Startup.Loaded loaded = start.load(ModelSource.of(folders.models), dialogSource);
        if (!loaded.ready()) {
            return loaded.refusal();
        }
        Understanding understanding = loaded.understanding();
        DialogLibrary library = loaded.library();
        Path file = db.in(env);
        return runOnTelegram(settings, webhook, library, understanding, file, err);
    }

    private static void explainToken(PrintWriter err) {
        err.println("rekindle run: no TELEGRAM_BOT_TOKEN is set, so there is no bot to run on Telegram.");
        err.println("  1. In Telegram, talk to @BotFather: send /newbot and follow the steps; it gives you a token.");
        err.println("  2. export TELEGRAM_BOT_TOKEN=<that token>   (keep it secret: it is the bot's password)");
        err.println(
                "  3. rekindle run   (TELEGRAM_API_URL or --api-url for another Bot API server; REKINDLE_DB or --db "
                        + "for the database file)");
        err.println("Starting the terminal chat instead (the same as 'rekindle chat').");
        err.flush();
    }

    /** Starts the bot and waits until the shutdown hook has closed it; 2 when it cannot start. */
    private static int runOnTelegram(
            TelegramSettings settings,
            WebhookSettings webhook,
            DialogLibrary library,
            Understanding understanding,
            Path file,
            PrintWriter err)
            throws InterruptedException {
        TelegramBot bot;
        try {
            bot = TelegramBot.start(settings, library, understanding, TelegramBot.Options.of(file), webhook);
        } catch (IllegalStateException | StoreException e) {
            // the messages name the problem and the fix (a wrong data key too), and never the token (Redact)
            err.println("rekindle run: " + settings.redact().apply(e.getMessage()));
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: stop polling (or the webhook endpoint), finish the update in hand, drain, close the
        // database; the JVM's own hooks run after ours, and the status is 0 (StopSignals)
        StopSignals.exitWithZero();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            bot.close();
                            err.println("Rekindle stopped.");
                            err.flush();
                            stopped.countDown();
                        },
                        "rekindle-shutdown"));
        String how = webhook == null
                ? ""
                : ", by webhook at " + settings.redact().apply(webhook.url().toString()) + " (listening on "
                        + bot.webhookAddress().getHostString() + ":"
                        + bot.webhookAddress().getPort() + ")";
        err.println("Rekindle is running on Telegram as @" + bot.identity().username() + how + " (database " + file
                + "). Stop it with Ctrl-C.");
        err.flush();
        stopped.await();
        return 0;
    }
}
