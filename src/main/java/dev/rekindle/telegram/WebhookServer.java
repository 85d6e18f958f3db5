package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint Telegram POSTs updates to in webhook mode, on the JDK's HTTP server (TelegramBots 10.2.0 has
 * no webhook module). Plain HTTP: a reverse proxy in front terminates TLS.
 *
 * <p>A request is accepted only as a POST on the webhook URL's path, with the secret given to setWebhook in
 * the {@value #SECRET_HEADER} header (compared in constant time; a wrong or missing one is 401, and neither
 * header nor body is logged), with a body of at most {@value #MAX_BODY_BYTES} bytes. The update is read as
 * the long polling reads each one ({@link UpdateReader}) and written to the inbox through the same
 * {@link TelegramReceiver}, one that cannot be read as failed; only then is it answered 200, and the receiver hands it to the core afterwards on one dispatch thread, in the order the
 * updates were stored. Telegram sends the next update of a chat only after the previous one was answered,
 * so a chat's updates reach the core in order. A store failure is answered 500: Telegram sends it again.
 *
 * <p>Threads: a few handler threads ({@code rekindle-webhook-http-*}, a bounded queue; when it is full the
 * server's own thread handles the request, which slows accepting down) and the dispatch thread.
 * {@link #close()} answers new requests 503, lets those in hand finish, stops the server and joins both.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    public static final String THREAD_PREFIX = "rekindle-webhook-";
    /** An update is a few kilobytes; a mebibyte is far beyond any Telegram sends. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Handler threads, and what setWebhook asks as max_connections: more would only queue here. */
    public static final int MAX_CONNECTIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final int QUEUED_REQUESTS = 64;
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final UpdateReader reader;
    private final TelegramReceiver receiver;
    private final Redact redact;
    private final ObjectMapper json = TelegramClients.updateJson();
    private final byte[] secret;
    private final String path;
    private final HttpServer server;
    private final ThreadPoolExecutor handlers;
    private final ThreadPoolExecutor dispatch;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean rejectionLogged = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private int inFlight; // guarded by lock

    private WebhookServer(WebhookSettings settings, BotIdentity me, TelegramReceiver receiver, Redact redact)
            throws IOException {
        this.reader = new UpdateReader(me, TelegramClients.updateJson());
        this.receiver = receiver;
        this.redact = redact;
        this.secret = settings.secret().getBytes(StandardCharsets.US_ASCII);
        this.path = settings.path();
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(
                MAX_CONNECTIONS,
                MAX_CONNECTIONS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_REQUESTS),
                r -> thread(r, "http-" + n.incrementAndGet()),
                new ThreadPoolExecutor.CallerRunsPolicy());
        handlers.allowCoreThreadTimeOut(true);
        // one thread, so updates reach the core in the order they were stored; handing on is quick (the core
        // queues the work), and requests arrive no faster than the handlers store them
        this.dispatch = new ThreadPoolExecutor(
                1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> thread(r, "dispatch"));
        this.server = HttpServer.create(settings.listen(), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /** Listens on {@code settings.listen()}; fails with what to do when the address is taken. */
    public static WebhookServer start(
            WebhookSettings settings, BotIdentity me, TelegramReceiver receiver, Redact redact) {
        WebhookServer s;
        try {
            s = new WebhookServer(settings, me, receiver, redact);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "could not listen on " + settings.listen().getHostString() + ":"
                            + settings.listen().getPort() + " for the webhook ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "): is another program using the port? "
                            + "Choose another with --listen HOST:PORT",
                    e);
        }
        s.server.start();
        return s;
    }

    private Thread thread(Runnable r, String role) {
        Thread t = new Thread(r, THREAD_PREFIX + role);
        threads.add(t);
        return t;
    }

    /** Where the server listens (the real port when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        try (ex) {
            answer(ex);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("a webhook request ended early: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.error("a webhook request failed: {}", redact.describe(e));
            try {
                ex.sendResponseHeaders(500, -1);
            } catch (IOException | RuntimeException ignored) {
                // headers may be sent already; the connection closes
            }
        } finally {
            lock.lock();
            try {
                if (--inFlight == 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        if (stopping) {
            status(ex, 503); // Telegram sends it again, to the next start
            return;
        }
        if (!path.equals(ex.getRequestURI().getRawPath())) {
            status(ex, 404);
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            status(ex, 405);
            return;
        }
        if (!secretMatches(ex.getRequestHeaders().getFirst(SECRET_HEADER))) {
            logRefusal();
            status(ex, 401);
            return;
        }
        byte[] body = body(ex);
        if (body == null) {
            status(ex, 413);
            return;
        }
        status(ex, take(body));
    }

    /** The first refusal is a warning (ours was likely replaced), the others are for debugging. */
    private void logRefusal() {
        if (rejectionLogged.compareAndSet(false, true)) {
            LOG.warn("a webhook request without the right secret was refused (401); later ones are logged at debug "
                    + "level. If Telegram sends them, another setWebhook has replaced ours: restart Rekindle");
        } else {
            LOG.debug("a webhook request without the right secret was refused (401)");
        }
    }

    /**
     * Reads the body as an update, as the polling reads each one ({@link UpdateReader}), writes it to the inbox (one
     * that cannot be read, as failed) and hands a fresh one to the dispatch thread; returns the status to answer:
     * 200 once it is stored for good, 400 when the body is no update at all (not JSON, or without an update_id to
     * keep it under), 500 when the inbox could not be written (Telegram sends it again).
     */
    private int take(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            LOG.warn(
                    "a webhook request with the right secret is not JSON ({}); answered 400",
                    e.getClass().getSimpleName());
            return 400;
        }
        OptionalLong id = UpdateReader.updateId(tree);
        if (id.isEmpty()) {
            LOG.warn(
                    "a webhook request with the right secret is not an update ({}); answered 400",
                    UpdateReader.whyNoId(tree));
            return 400;
        }
        ReadUpdate update = reader.read(id.getAsLong(), tree);
        boolean fresh;
        try {
            fresh = receiver.receive(update);
        } catch (RuntimeException e) {
            LOG.error(
                    "update {} could not be stored in the inbox; answered 500 so that Telegram sends it again: {}",
                    update.updateId(),
                    redact.describe(e));
            return 500;
        }
        if (fresh && update instanceof ReadUpdate.Mapped r) {
            try {
                dispatch.execute(() -> receiver.handle(r.update()));
            } catch (RejectedExecutionException e) {
                LOG.info("update {} is stored but Rekindle is stopping: it is handled at the next start", r.updateId());
            }
        }
        return 200; // stored for good (or before): Telegram may forget it now
    }

    /** Constant time in the length of our secret, whatever was sent. */
    private boolean secretMatches(String given) {
        byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(secret, g);
    }

    /** The request body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] body(HttpExchange ex) throws IOException {
        // read at most one byte more than allowed, whatever Content-Length says (or chunks), so memory stays bounded
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
            return b.length > MAX_BODY_BYTES ? null : b;
        }
    }

    private static void status(HttpExchange ex, int code) throws IOException {
        ex.sendResponseHeaders(code, -1);
    }

    /**
     * Answers new requests 503, waits (a few seconds at most) for those in hand, closes the port, then lets the
     * dispatch thread hand what was stored to the core, and joins every thread. Call it before closing the core.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        long left = STOP_WAIT.toNanos();
        lock.lock();
        try {
            while (inFlight > 0 && left > 0) {
                left = idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        InetSocketAddress where = server.getAddress();
        server.stop(0); // on JDK 17 any delay here is waited in full; the requests in hand are done already
        stop(handlers);
        stop(dispatch);
        join(threads);
        LOG.info("the webhook endpoint on {}:{} is closed", where.getHostString(), where.getPort());
    }

    private static void join(List<Thread> threads) {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            LOG.warn("a webhook thread is still running after close");
        }
    }

    private static void stop(ExecutorService e) {
        e.shutdown();
        try {
            if (!e.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                e.shutdownNow();
                e.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException ie) {
            e.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
