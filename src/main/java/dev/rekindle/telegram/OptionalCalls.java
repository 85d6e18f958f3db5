package dev.rekindle.telegram;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Calls that make the bot nicer but that a couple can do without: the command menu, "typing...", stopping
 * a button's spinner. A refusal is logged once per method (a typing indicator fails the same way a hundred
 * times a day) and skipped; it never throws.
 */
public final class OptionalCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OptionalCalls.class);

    private final TelegramClient client;
    private final Redact redact;
    private final Consumer<String> warn;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public OptionalCalls(TelegramClient client, Redact redact) {
        this(client, redact, LOG::warn);
    }

    OptionalCalls(TelegramClient client, Redact redact, Consumer<String> warn) {
        this.client = client;
        this.redact = redact;
        this.warn = warn;
    }

    /** The menu of commands Telegram shows after "/"; names without the slash, in order. */
    public boolean setCommands(Map<String, String> descriptionByCommand) {
        List<BotCommand> commands = new ArrayList<>();
        descriptionByCommand.forEach((name, description) -> commands.add(new BotCommand(name, description)));
        return run(SetMyCommands.builder().commands(commands).build());
    }

    /** Shows "typing..." in the chat for a few seconds, while the bot prepares an answer. */
    public boolean typing(long chatId) {
        return run(SendChatAction.builder()
                .chatId(chatId)
                .action(ActionType.TYPING.toString())
                .build());
    }

    /** Stops the spinner on a pressed button; Telegram refuses this for a press older than a few minutes. */
    public boolean answerPress(String callbackQueryId) {
        return run(
                AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build());
    }

    /** {@link #typing}, without waiting: the future says whether it went through. */
    public java.util.concurrent.CompletableFuture<Boolean> typingAsync(long chatId) {
        return runAsync(SendChatAction.builder()
                .chatId(chatId)
                .action(ActionType.TYPING.toString())
                .build());
    }

    /** {@link #answerPress}, without waiting. */
    public java.util.concurrent.CompletableFuture<Boolean> answerPressAsync(String callbackQueryId) {
        return runAsync(
                AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build());
    }

    /** {@link #run} on the client's own threads; the future never fails (false when the call did). */
    public <T extends Serializable> java.util.concurrent.CompletableFuture<Boolean> runAsync(BotApiMethod<T> method) {
        try {
            return client.executeAsync(method).handle((v, e) -> {
                if (e == null) {
                    return true;
                }
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause()
                        : e;
                report(method, cause instanceof Exception x ? x : new RuntimeException(cause));
                return false;
            });
        } catch (TelegramApiException | RuntimeException e) {
            report(method, e);
            return java.util.concurrent.CompletableFuture.completedFuture(false);
        }
    }

    private void report(BotApiMethod<?> method, Exception e) {
        if (reported.add(method.getMethod())) {
            warn.accept("optional call " + method.getMethod()
                    + " failed and is skipped (later failures of it are not logged): " + describe(e));
        }
    }

    /** Runs the call; false when it failed (logged the first time this method fails). */
    public <T extends Serializable> boolean run(BotApiMethod<T> method) {
        try {
            client.execute(method);
            return true;
        } catch (TelegramApiException | RuntimeException e) {
            if (reported.add(method.getMethod())) {
                warn.accept("optional call " + method.getMethod()
                        + " failed and is skipped (later failures of it are not logged): " + describe(e));
            }
            return false;
        }
    }

    private String describe(Exception e) {
        if (e instanceof TelegramApiException t) {
            SendFailure f = SendFailure.classify(t, redact);
            return f + " / " + redact.describe(e);
        }
        return redact.describe(e);
    }
}
