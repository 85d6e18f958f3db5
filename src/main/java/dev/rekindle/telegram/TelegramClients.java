package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Builds and owns everything TelegramBots runs on, and the long polling: the OkHttp clients, the executor OkHttp's
 * dispatcher runs calls on, and the thread our {@link LongPoller} loops on. All threads are ours, named
 * {@code rekindle-telegram-*}, and {@link #close()} stops and joins them.
 *
 * <p>Of TelegramBots we keep the client (its Bot API methods, requests and error answers) and the model of what we
 * send; the getUpdates loop and the reading of updates are ours (see docs/architecture.md), because the library's
 * long-polling application confirms a batch whatever its consumer did with it and reads a whole answer at once.
 */
public final class TelegramClients implements AutoCloseable {
    public static final String THREAD_PREFIX = "rekindle-telegram-";
    /** What we ask getUpdates for; Telegram remembers the list, so updates we never handle are never sent. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "my_chat_member");

    private static final Logger LOG = LoggerFactory.getLogger(TelegramClients.class);
    private static final int MAX_CALLS_IN_FLIGHT = 16;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final TelegramSettings settings;
    private final Redact redact;
    private final LongPoller.Pause pollPause;
    private final Threads threads = new Threads();
    private final ExecutorService httpExecutor;
    private final ExecutorService pollExecutor;
    private final OkHttpClient http;
    /** getUpdates only: held open up to the poll timeout, and its own dispatcher, which stopping cancels. */
    private final OkHttpClient pollHttp;

    private final OkHttpTelegramClient client;
    private final OkHttpTelegramClient pollClient;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ObjectMapper json;
    private volatile LongPoller poller;
    private volatile Future<?> polling;

    private TelegramClients(TelegramSettings settings, LongPoller.Pause pollPause) {
        this.settings = settings;
        this.redact = settings.redact();
        this.pollPause = pollPause;
        // an unbounded queue never rejects (OkHttp fails a rejected call); the dispatcher caps calls in flight
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                MAX_CALLS_IN_FLIGHT,
                MAX_CALLS_IN_FLIGHT,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads.named("http"));
        pool.allowCoreThreadTimeOut(true);
        this.httpExecutor = pool;
        this.pollExecutor = Executors.newSingleThreadExecutor(threads.named("poll"));
        Dispatcher dispatcher = new Dispatcher(httpExecutor);
        dispatcher.setMaxRequests(MAX_CALLS_IN_FLIGHT);
        dispatcher.setMaxRequestsPerHost(MAX_CALLS_IN_FLIGHT); // every call goes to the one Bot API host
        // no logging interceptor, ever: OkHttp would log the request URL, and the URL holds the token
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_CALLS_IN_FLIGHT, 1, TimeUnit.MINUTES))
                .callTimeout(CALL_TIMEOUT)
                .build();
        // getUpdates is held open up to the poll timeout: its read timeout must be longer
        this.pollHttp = http.newBuilder()
                .dispatcher(new Dispatcher(httpExecutor)) // its own: cancelling the poll must not reach a send
                .callTimeout(Duration.ZERO)
                .readTimeout(settings.pollTimeout().plusSeconds(15))
                .build();
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        TelegramUrl url = settings.telegramUrl();
        this.client = new OkHttpTelegramClient(json, http, settings.token(), url);
        this.pollClient = new OkHttpTelegramClient(json, pollHttp, settings.token(), url);
    }

    public static TelegramClients open(TelegramSettings settings) {
        return new TelegramClients(settings, null);
    }

    /** With the poller's waits (after a failure, a 429) given to {@code pollPause}: tests see them, not wait them. */
    static TelegramClients open(TelegramSettings settings, LongPoller.Pause pollPause) {
        return new TelegramClients(settings, pollPause);
    }

    /** The Bot API client (thread-safe; calls run on our http executor). */
    public TelegramClient client() {
        return client;
    }

    public Redact redact() {
        return redact;
    }

    /** Asks Telegram who we are (getMe); fails with what to do when the token is refused. */
    public BotIdentity identify() {
        try {
            User me = client.execute(new GetMe());
            return new BotIdentity(me.getId(), me.getUserName() == null ? "" : me.getUserName());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                throw new IllegalStateException("Telegram refused the bot token (" + e.getErrorCode() + " "
                        + redact.apply(e.getApiResponse()) + "): check " + TelegramSettings.TOKEN_VARIABLE
                        + " against what @BotFather shows for the bot (/mybots, API Token)");
            }
            throw new IllegalStateException("Telegram did not say who the bot is: " + redact.describe(e), e);
        } catch (TelegramApiException e) {
            throw new IllegalStateException(
                    "could not reach the Bot API at " + settings.apiUrl() + ": " + redact.describe(e)
                            + " (check the network, or " + TelegramSettings.API_URL_VARIABLE + ")",
                    e);
        }
    }

    /**
     * Starts long polling: deletes any webhook (synchronously, here; updates Telegram holds are kept), then loops
     * getUpdates on our poll thread, handing each answer, read update by update, to {@code sink} and confirming it
     * only once the sink returned.
     */
    public synchronized void startPolling(BotIdentity bot, UpdateSink sink) {
        if (closed.get()) {
            throw new IllegalStateException("these Telegram clients are closed; open new ones to poll again");
        }
        if (polling != null) {
            throw new IllegalStateException("polling started already");
        }
        try {
            client.execute(new DeleteWebhook()); // while a webhook is set, Telegram refuses getUpdates
        } catch (TelegramApiException e) {
            throw new IllegalStateException("could not start polling Telegram: " + redact.describe(e), e);
        }
        poller = new LongPoller(
                pollClient,
                () -> pollHttp.dispatcher().cancelAll(),
                new UpdateReader(bot, updateJson()),
                sink,
                pollPause != null ? pollPause : LongPoller.Pause.untilCutShort(),
                (int) settings.pollTimeout().toSeconds(),
                ALLOWED_UPDATES,
                redact);
        polling = pollExecutor.submit(poller);
    }

    /**
     * Tells Telegram to POST updates to the webhook (setWebhook with its URL and secret, the update types the
     * polling asks for, and no more connections than the endpoint has handlers). Updates Telegram still holds
     * are kept (drop_pending_updates false). While a webhook is set, getUpdates is refused; long polling
     * deletes the webhook when it starts.
     */
    public void setWebhook(WebhookSettings webhook) {
        SetWebhook set = SetWebhook.builder()
                .url(webhook.url().toString())
                .secretToken(webhook.secret())
                .allowedUpdates(ALLOWED_UPDATES)
                .maxConnections(WebhookServer.MAX_CONNECTIONS)
                .dropPendingUpdates(false)
                .build();
        String refused =
                "Telegram refused the webhook " + redact.apply(webhook.url().toString());
        try {
            if (!Boolean.TRUE.equals(client.execute(set))) {
                throw new IllegalStateException(refused + " (setWebhook did not answer true)");
            }
        } catch (TelegramApiRequestException e) {
            // describe(), never toString(): the library's toString of a refused method would print the secret
            throw new IllegalStateException(
                    refused + ": " + redact.apply(e.getApiResponse()) + " (Telegram calls only "
                            + "https URLs on ports 443, 80, 88 or 8443, with a valid certificate)",
                    e);
        } catch (TelegramApiException e) {
            throw new IllegalStateException(refused + ": " + redact.describe(e), e);
        }
    }

    public boolean isPolling() {
        Future<?> p = polling;
        return !closed.get() && p != null && !p.isDone() && !poller.stopping();
    }

    /**
     * The JSON mapper for updates as Telegram sends them: the polling reads with it, and an update kept in
     * the inbox is written and read back with it (derived getters such as isCommand are ignored on reading).
     */
    public static ObjectMapper updateJson() {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    }

    /**
     * Stops asking Telegram for updates and waits (a few seconds at most) for the batch in hand to reach the
     * sink; the Bot API client keeps working, so the outbox can still be sent. Updates not yet confirmed are
     * sent again by Telegram at the next start.
     */
    public void stopPolling() {
        LongPoller p = poller;
        if (p != null) {
            p.stop(); // cancels a getUpdates held open and cuts a pause short
        }
        pollExecutor.shutdown(); // a batch being handed to the sink finishes
        if (!await(pollExecutor)) {
            pollExecutor.shutdownNow();
            await(pollExecutor);
        }
    }

    /** Stops polling, cancels calls in flight, shuts our executors down and joins their threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopPolling();
        httpExecutor.shutdown(); // lets a send in flight finish...
        if (!await(httpExecutor)) {
            http.dispatcher().cancelAll(); // ...within reason
            httpExecutor.shutdownNow();
            await(httpExecutor);
        }
        http.connectionPool().evictAll();
        threads.join(STOP_WAIT);
    }

    private static boolean await(ExecutorService e) {
        try {
            return e.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Names every thread we create and remembers it, so close() can see it end. */
    private static final class Threads {
        private final List<Thread> started = new CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();

        ThreadFactory named(String role) {
            return r -> {
                Thread t = new Thread(r, THREAD_PREFIX + role + "-" + count.incrementAndGet());
                started.add(t);
                return t;
            };
        }

        void join(Duration wait) {
            long deadline = System.nanoTime() + wait.toNanos();
            for (Thread t : started) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            started.removeIf(t -> !t.isAlive());
            if (!started.isEmpty()) {
                LOG.warn("{} Telegram thread(s) still running after close", started.size());
            }
        }
    }
}
