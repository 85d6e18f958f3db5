package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Builds and owns everything TelegramBots runs on: the OkHttp clients, the executor OkHttp's dispatcher
 * runs calls on, the scheduled executor the long-polling session loops on, and the long-polling
 * application itself. All threads are ours, named {@code rekindle-telegram-*}, and {@link #close()} stops
 * and joins them: the library shuts down none of the executors it is given.
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
    private final Threads threads = new Threads();
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService pollExecutor;
    private final OkHttpClient http;
    private final OkHttpClient pollHttp;
    /** Does the polling's network calls, so close() can cancel them without cancelling the library's call. */
    private final OkHttpClient pollNetwork;

    private final OkHttpTelegramClient client;
    private final TelegramBotsLongPollingApplication polling;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set when polling stops (before close): a cancelled poll then answers "no updates" quietly. */
    private final AtomicBoolean pollingStopped = new AtomicBoolean();

    private final ObjectMapper json;

    private TelegramClients(TelegramSettings settings) {
        this.settings = settings;
        this.redact = settings.redact();
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
        this.pollExecutor = Executors.newSingleThreadScheduledExecutor(threads.named("poll"));
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
        this.pollNetwork = http.newBuilder()
                .dispatcher(new Dispatcher(httpExecutor)) // its own: cancelAll() must not reach the library's call
                .callTimeout(Duration.ZERO)
                .readTimeout(settings.pollTimeout().plusSeconds(15))
                .build();
        this.pollHttp = pollNetwork
                .newBuilder()
                .dispatcher(new Dispatcher(httpExecutor))
                .addInterceptor(this::quietWhenClosing)
                .build();
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        TelegramUrl url = settings.telegramUrl();
        this.client = new OkHttpTelegramClient(json, http, settings.token(), url);
        this.polling = new TelegramBotsLongPollingApplication(
                () -> json, () -> pollHttp, () -> pollExecutor, ExponentialBackOff::new);
    }

    public static TelegramClients open(TelegramSettings settings) {
        return new TelegramClients(settings);
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
     * Starts long polling: deletes any webhook (synchronously, here), then loops getUpdates on our poll
     * thread, handing each mapped update to {@code sink} before asking for more.
     */
    public void startPolling(BotIdentity bot, UpdateSink sink) {
        if (closed.get()) {
            throw new IllegalStateException("these Telegram clients are closed; open new ones to poll again");
        }
        TelegramUrl url = settings.telegramUrl();
        int timeout = (int) settings.pollTimeout().toSeconds();
        Function<Integer, GetUpdates> nextRequest = lastReceived -> GetUpdates.builder()
                .offset(lastReceived + 1)
                .limit(100)
                .timeout(timeout)
                .allowedUpdates(ALLOWED_UPDATES)
                .build();
        try {
            polling.registerBot(
                    settings.token(),
                    () -> url,
                    nextRequest,
                    new PollingConsumer(new UpdateMapper(bot), sink, redact, updateJson()));
        } catch (TelegramApiException e) {
            throw new IllegalStateException("could not start polling Telegram: " + redact.describe(e), e);
        }
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
        return !closed.get() && !pollingStopped.get() && polling.isRunning();
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
        if (!pollingStopped.compareAndSet(false, true)) {
            return;
        }
        try {
            polling.close(); // cancels the polling task without interrupting the getUpdates in flight
        } catch (Exception e) {
            LOG.warn("stopping the long-polling application: {}", redact.describe(e));
        }
        // a getUpdates is held open for the poll timeout; cancel it rather than wait it out
        pollNetwork.dispatcher().cancelAll();
        pollExecutor.shutdown(); // a batch being handed to the sink finishes
        if (!await(pollExecutor)) {
            pollExecutor.shutdownNow(); // also interrupts a library back-off sleep
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

    /**
     * On close we cancel the getUpdates held open; the library would log a cancelled call as an ERROR with
     * a stack trace at every shutdown. So the library's call runs the request as a second call on
     * {@link #pollNetwork}, and close() cancels only that one: while closing, a cancelled poll answers "no
     * updates", which confirms nothing (the offset is unchanged), so no update is lost.
     */
    private Response quietWhenClosing(Interceptor.Chain chain) throws IOException {
        try {
            return pollNetwork.newCall(chain.request()).execute();
        } catch (IOException e) {
            if (!pollingStopped.get()) {
                throw e;
            }
            return new Response.Builder()
                    .request(chain.request())
                    .protocol(Protocol.HTTP_1_1)
                    .code(200)
                    .message("OK")
                    .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", MediaType.get("application/json")))
                    .build();
        }
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
