package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
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
 * so a chat's updates reach the core in order. Every request read to its end is answered: a failure of ours (the
 * store's, or any other) with 500, and Telegram sends the update again.
 *
 * <p>Slow and greedy clients are bounded by the JDK server itself ({@link WebhookLimits}: connections, the time to
 * send a request, idle time), which closes what overstays and so ends a handler's blocked read. Threads: one handler
 * ({@code rekindle-webhook-http-*}) per connection the JDK may hold, so a slow client never holds up another's
 * request, and the dispatch thread.
 * {@link #close()} answers new requests 503, lets those in hand finish, stops the server and joins both.
 */
public final class WebhookServer implements AutoCloseable {
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    public static final String THREAD_PREFIX = "rekindle-webhook-";
    /** An update is a few kilobytes; a mebibyte is far beyond any Telegram sends. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** What setWebhook asks as max_connections: Telegram's concurrent requests, well under the handler threads. */
    public static final int MAX_CONNECTIONS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    /** Handler threads are one per connection the JDK may hold; this many at most, whatever its limit. */
    private static final int MOST_HANDLERS = 256;

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
    private final AtomicBoolean overflowLogged = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private int inFlight; // guarded by lock

    private WebhookServer(
            WebhookSettings settings, WebhookLimits limits, BotIdentity me, TelegramReceiver receiver, Redact redact)
            throws IOException {
        this.reader = new UpdateReader(me, TelegramClients.updateJson());
        this.receiver = receiver;
        this.redact = redact;
        this.secret = settings.secret().getBytes(StandardCharsets.US_ASCII);
        this.path = settings.path();
        AtomicInteger n = new AtomicInteger();
        int handlerThreads = handlerThreads(limits);
        // a thread for every connection the JDK holds, so a slow client never holds up another's request; a request
        // that still finds them all busy (a connection's next request while its last handler is finishing, or no
        // connection limit in force) waits in a short queue; beyond it, it is refused and the JDK closes its
        // connection (running it on the JDK's own thread would stop all accepting while it reads a slow client)
        this.handlers = new ThreadPoolExecutor(
                handlerThreads,
                handlerThreads,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(handlerThreads),
                r -> thread(r, "http-" + n.incrementAndGet()),
                (r, pool) -> refuseOverflow(handlerThreads));
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
        WebhookLimits limits = WebhookLimits.inForce(System.getProperties());
        WebhookServer s;
        try {
            s = new WebhookServer(settings, limits, me, receiver, redact);
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
        String off = limits.unbounded();
        if (off.isEmpty()) {
            LOG.info(
                    "the webhook endpoint holds at most {} connections; a request must arrive within {} s",
                    limits.connections(),
                    limits.requestTime().toSeconds());
        } else {
            LOG.warn("the webhook endpoint runs without {}: a slow client can hold it (see docs/operations.md)", off);
        }
        return s;
    }

    private static int handlerThreads(WebhookLimits limits) {
        int c = limits.connections() > 0 ? limits.connections() : WebhookLimits.DEFAULTS.connections();
        return Math.min(c, MOST_HANDLERS);
    }

    private void refuseOverflow(int handlerThreads) {
        if (overflowLogged.compareAndSet(false, true)) {
            LOG.warn(
                    "all {} webhook handler threads were busy: a connection was closed unanswered (Telegram sends "
                            + "again); later ones are logged at debug level",
                    handlerThreads);
        } else {
            LOG.debug("all webhook handler threads were busy: a connection was closed unanswered");
        }
        throw new RejectedExecutionException("all " + handlerThreads + " webhook handler threads are busy");
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
        try {
            answerAlways(ex);
        } finally {
            ex.close(); // after the answer: closed first, there would be nothing left to answer on
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

    /**
     * Every request read to its end gets a status: what {@link #answer} decides, or 500 when anything of Rekindle's
     * failed (Telegram sends the update again). Only a client that is gone, or was cut off for sending too slowly
     * ({@link WebhookLimits}), is left unanswered: there is no one to answer.
     */
    private void answerAlways(HttpExchange ex) {
        int status;
        try {
            status = answer(ex);
        } catch (IOException e) {
            LOG.debug("a webhook request ended early: {}", e.getClass().getSimpleName());
            return;
        } catch (RuntimeException | Error e) {
            LOG.error("a webhook request failed; answered 500 so that Telegram sends it again: {}", redact.describe(e));
            send(ex, 500);
            if (e instanceof Error err) {
                throw err; // answered, not swallowed
            }
            return;
        }
        send(ex, status);
    }

    private static void send(HttpExchange ex, int status) {
        try {
            ex.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            LOG.debug(
                    "a webhook answer could not be sent, the client is gone: {}",
                    e.getClass().getSimpleName());
        }
    }

    /** The status to answer; throws when Rekindle failed (500), an IOException when the client did. */
    private int answer(HttpExchange ex) throws IOException {
        if (stopping) {
            return 503; // Telegram sends it again, to the next start
        }
        if (!path.equals(ex.getRequestURI().getRawPath())) {
            return 404;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            return 405;
        }
        if (!secretMatches(ex.getRequestHeaders().getFirst(SECRET_HEADER))) {
            logRefusal();
            return 401;
        }
        byte[] body = body(ex);
        return body == null ? 413 : take(body);
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
            // answered 500 by answerAlways, as any failure of ours
            throw new IllegalStateException("update " + update.updateId() + " could not be stored in the inbox", e);
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
