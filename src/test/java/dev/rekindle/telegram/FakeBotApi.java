package dev.rekindle.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Telegram Bot API on 127.0.0.1 (an ephemeral port), enough for the real TelegramBots client and
 * long-polling application: getMe, getUpdates (with offset confirmation, limit and long-poll timeout),
 * sendMessage, editMessageText, editMessageReplyMarkup, answerCallbackQuery, setMyCommands,
 * sendChatAction, and setWebhook, deleteWebhook and getWebhookInfo (getUpdates answers 409 Conflict while a
 * webhook is set, as Telegram does). It records every call, lets a test push updates as Telegram would
 * send them, and fails the next calls of a method or a chat on request, in the Bot API's error shape.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final long BOT_ID = 7012345678L;
    public static final String TOKEN = BOT_ID + ":AAHfakeTokenForTests_only-0123456789abc";
    public static final String BOT_USERNAME = "rekindle_bot";
    /** Telegram's limit on a message's text after entity parsing. */
    static final int TEXT_LIMIT = 4096;

    private static final Set<String> HTML_TAGS = Set.of(
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "a",
            "code",
            "pre",
            "tg-spoiler",
            "span",
            "blockquote",
            "tg-emoji");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z-]+)[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);");
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?");
    /** In lean mode, how many of a chat's latest bot messages are kept (for edits and presses). */
    private static final int LEAN_MESSAGES_PER_CHAT = 8;

    /** A queued "let this call through", so a test can fail the second call and not the first. */
    private static final Failure PASS = new Failure(200, "pass", Map.of());

    private final ObjectMapper json = new ObjectMapper();
    /** Requests served, by Bot API method, also in lean mode: a benchmark counts HTTP calls per update. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> served =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    // all below guarded by lock
    /** By update id; an update pushed raw may lack its update_id in the JSON, but Telegram still counts it. */
    private final TreeMap<Integer, JsonNode> pending = new TreeMap<>();

    private final Map<Integer, JsonNode> everPushed = new HashMap<>();
    private final Map<Long, Set<Long>> groupMembers = new HashMap<>();
    private final Deque<Map.Entry<Integer, JsonNode>> redeliveries = new ArrayDeque<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<Long, Integer> lastMessageId = new HashMap<>();
    private final Map<String, ObjectNode> messages = new HashMap<>();
    private final Map<String, Deque<Failure>> methodFailures = new HashMap<>();
    private final Map<Long, Deque<Failure>> chatFailures = new HashMap<>();
    /** Chats whose sendMessage answers wait until released, and how many calls wait in each. */
    private final Map<Long, Integer> held = new HashMap<>();

    private int nextUpdateId = 500_000_001;
    private int highestOffset;
    private boolean closed;
    /** While true, getUpdates serves nothing: updates pushed meanwhile come in ONE batch once released. */
    private boolean updatesHeld;

    private String webhookUrl;
    private String webhookSecret;
    /** Lean (benchmarks): no call log, no redelivery copies, only a chat's latest messages. */
    private volatile boolean lean;

    private volatile Observer observer;

    /**
     * Told, without the fake's lock held for {@code sent}, when an update is served in a getUpdates answer
     * and when a sendMessage succeeded; times are {@link System#nanoTime()}. For benchmarks: they measure
     * from the first to the second.
     */
    public interface Observer {
        /** Called with the fake's lock held: must not call the fake. */
        void served(int updateId, long nanoTime);

        /** A sendMessage succeeded; {@code replyMarkup} is null without buttons. May call the fake. */
        void sent(long chatId, int messageId, JsonNode replyMarkup, long nanoTime);
    }

    /**
     * One request the fake answered. {@code chatId}, {@code text} and {@code replyMarkup} are null when absent;
     * {@code messageId} is the id of the message a successful call sent or edited, else null.
     */
    public record Call(
            String method,
            Long chatId,
            String text,
            JsonNode replyMarkup,
            JsonNode params,
            int status,
            Integer messageId) {
        public boolean succeeded() {
            return status == 200;
        }
    }

    /** A Bot API error: {"ok":false,"error_code":code,"description":..,"parameters":{..}}. */
    public record Failure(int code, String description, Map<String, Object> parameters) {
        public static Failure tooManyRequests(int retryAfterSeconds) {
            return new Failure(
                    429,
                    "Too Many Requests: retry after " + retryAfterSeconds,
                    Map.of("retry_after", retryAfterSeconds));
        }

        public static Failure blockedByUser() {
            return new Failure(403, "Forbidden: bot was blocked by the user", Map.of());
        }

        public static Failure notModified() {
            return new Failure(
                    400,
                    "Bad Request: message is not modified: specified new message content and reply "
                            + "markup are exactly the same as a current content and reply markup of the message",
                    Map.of());
        }

        public static Failure chatNotFound() {
            return new Failure(400, "Bad Request: chat not found", Map.of());
        }

        public static Failure migratedTo(long newChatId) {
            return new Failure(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    Map.of("migrate_to_chat_id", newChatId));
        }

        public static Failure badRequest(String description) {
            return new Failure(400, "Bad Request: " + description, Map.of());
        }

        public static Failure internalError() {
            return new Failure(500, "Internal Server Error", Map.of());
        }
    }

    /** A Telegram user; in a private chat, the chat id is the user id. */
    public record Person(long id, String firstName) {}

    /** A group; supergroup ids start with -100. */
    public record Group(long id, String title) {
        public boolean isSupergroup() {
            return id <= -1_000_000_000_000L;
        }
    }

    static {
        // the JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK (~40 ms on Linux) on every call
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-bot-api-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeBotApi start() {
        try {
            return new FakeBotApi();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake Bot API on 127.0.0.1", e);
        }
    }

    /** The base URL to give TelegramSettings, like https://api.telegram.org but on loopback. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Benchmark mode: calls are not recorded (so {@link #calls()} stays empty), pushed updates are not kept
     * for {@link #redeliver}, and only each chat's latest few messages are kept; memory stays flat.
     */
    public FakeBotApi lean() {
        lean = true;
        return this;
    }

    public FakeBotApi observe(Observer o) {
        observer = o;
        return this;
    }

    public TelegramSettings settings(Duration pollTimeout) {
        return new TelegramSettings(TOKEN, url(), pollTimeout);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll(); // long polls answer at once
        } finally {
            lock.unlock();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- errors

    /** The next {@code times} calls of {@code method} fail with {@code failure}. */
    public void failNext(String method, int times, Failure failure) {
        lock.lock();
        try {
            Deque<Failure> q = methodFailures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                q.add(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next {@code passing} calls of {@code method} succeed, the one after fails with {@code failure}. */
    public void failNextAfter(String method, int passing, Failure failure) {
        lock.lock();
        try {
            Deque<Failure> q = methodFailures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
            for (int i = 0; i < passing; i++) {
                q.add(PASS);
            }
            q.add(failure);
        } finally {
            lock.unlock();
        }
    }

    /** The next {@code times} calls that name {@code chatId} (any method) fail with {@code failure}. */
    public void failNextInChat(long chatId, int times, Failure failure) {
        lock.lock();
        try {
            Deque<Failure> q = chatFailures.computeIfAbsent(chatId, c -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                q.add(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * sendMessage calls to {@code chatId} get no answer until {@link #releaseChat}: the caller waits, as it
     * would on a slow connection to Telegram. Other chats are answered as usual.
     */
    public void holdChat(long chatId) {
        lock.lock();
        try {
            held.putIfAbsent(chatId, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Answers the held calls of the chat (in the order they came) and every later one at once. */
    public void releaseChat(long chatId) {
        lock.lock();
        try {
            held.remove(chatId);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until {@code n} sendMessage calls to a held chat are waiting for their answer. */
    public void awaitWaiting(long chatId, int n, Duration timeout) {
        awaitCondition(
                () -> held.getOrDefault(chatId, 0) >= n, timeout, n + " sendMessage call(s) waiting in chat " + chatId);
    }

    /**
     * getUpdates serves nothing until {@link #releaseUpdates}: the updates pushed in between reach the bot in one
     * getUpdates answer, in order, as when Telegram had several waiting.
     */
    public void holdUpdates() {
        lock.lock();
        try {
            updatesHeld = true;
        } finally {
            lock.unlock();
        }
    }

    public void releaseUpdates() {
        lock.lock();
        try {
            updatesHeld = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many sendMessage calls to the chat are waiting for their answer now. */
    public int waiting(long chatId) {
        lock.lock();
        try {
            return held.getOrDefault(chatId, 0);
        } finally {
            lock.unlock();
        }
    }

    private void waitWhileHeld(String method, Long chatId) {
        if (chatId == null || !"sendmessage".equalsIgnoreCase(method)) {
            return;
        }
        lock.lock();
        try {
            if (!held.containsKey(chatId)) {
                return;
            }
            held.merge(chatId, 1, Integer::sum);
            changed.signalAll();
            long left = TimeUnit.SECONDS.toNanos(30); // a forgotten release fails the test, not the build
            while (held.containsKey(chatId) && !closed && left > 0) {
                left = changed.awaitNanos(left);
            }
            held.computeIfPresent(chatId, (c, k) -> k - 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- updates a test pushes

    /** A text message in a private chat (a command too, when it starts with a slash). */
    public int pushText(Person from, String text) {
        return pushMessage(privateChat(from), from, textFields(text));
    }

    /** A text message or command in a group, like "/menu@rekindle_bot". */
    public int pushGroupText(Group group, Person from, String text) {
        return pushMessage(groupChat(group), from, textFields(text));
    }

    /** A press on a button of a message the bot sent in {@code chatId}. */
    public int pushPress(Person from, long chatId, int messageId, String data) {
        ObjectNode q = nodes.objectNode();
        q.put("id", Long.toString(from.id() * 1000 + messageId));
        q.set("from", user(from));
        ObjectNode message;
        lock.lock();
        try {
            ObjectNode stored = messages.get(key(chatId, messageId));
            message = stored != null ? stored.deepCopy() : botMessage(chatId, messageId, "...", null);
        } finally {
            lock.unlock();
        }
        q.set("message", message);
        q.put("chat_instance", "-" + Math.abs(chatId) + "77");
        q.put("data", data);
        ObjectNode u = nodes.objectNode();
        u.set("callback_query", q);
        return push(u);
    }

    /** A non-text message: "sticker", "photo", "voice", "document", "video_note" ... in any chat. */
    public int pushMedia(long chatId, Person from, String kind) {
        ObjectNode fields = nodes.objectNode();
        switch (kind) {
            case "sticker" -> {
                ObjectNode s = fields.putObject("sticker");
                s.put("width", 512)
                        .put("height", 512)
                        .put("emoji", "\uD83D\uDE18")
                        .put("set_name", "HotCherry")
                        .put("is_animated", false)
                        .put("is_video", false)
                        .put("type", "regular")
                        .put("file_id", "CAACAgIAAxkBAAIBZ2Zfake")
                        .put("file_unique_id", "AgADfake")
                        .put("file_size", 22_000);
            }
            case "photo" -> {
                ArrayNode sizes = fields.putArray("photo");
                sizes.addObject()
                        .put("file_id", "AgACAgIAAxkBAAIBfake1")
                        .put("file_unique_id", "AQADf1")
                        .put("file_size", 1200)
                        .put("width", 90)
                        .put("height", 67);
                sizes.addObject()
                        .put("file_id", "AgACAgIAAxkBAAIBfake2")
                        .put("file_unique_id", "AQADf2")
                        .put("file_size", 48_000)
                        .put("width", 800)
                        .put("height", 600);
            }
            case "voice" ->
                fields.putObject("voice")
                        .put("duration", 4)
                        .put("mime_type", "audio/ogg")
                        .put("file_id", "AwACAgIAAxkBAAIBfake")
                        .put("file_unique_id", "AgADvoice")
                        .put("file_size", 9000);
            case "document" ->
                fields.putObject("document")
                        .put("file_name", "letter.pdf")
                        .put("mime_type", "application/pdf")
                        .put("file_id", "BQACAgIAAxkBAAIBfake")
                        .put("file_unique_id", "AgADdoc")
                        .put("file_size", 50_000);
            case "video_note" ->
                fields.putObject("video_note")
                        .put("duration", 7)
                        .put("length", 240)
                        .put("file_id", "DQACAgIAAxkBAAIBfake")
                        .put("file_unique_id", "AgADnote")
                        .put("file_size", 300_000);
            default ->
                throw new IllegalArgumentException("the fake has no sample for a '" + kind
                        + "' message: use sticker, photo, voice, document or video_note, or pushUpdate with JSON");
        }
        ObjectNode chat = chatId > 0 ? privateChat(from) : groupChat(new Group(chatId, "Us"));
        return pushMessage(chat, from, fields);
    }

    /**
     * A group upgraded to a supergroup, as Telegram reports it: a service message in the old group with
     * migrate_to_chat_id, then one in the new supergroup with migrate_from_chat_id. Returns the first id.
     */
    public int pushMigration(Group old, long newChatId, Person by) {
        ObjectNode to = nodes.objectNode().put("migrate_to_chat_id", newChatId);
        int first = pushMessage(groupChat(old), by, to);
        ObjectNode from = nodes.objectNode().put("migrate_from_chat_id", old.id());
        ObjectNode sender = nodes.objectNode()
                .put("id", 1087968824L)
                .put("is_bot", true)
                .put("first_name", "Group")
                .put("username", "GroupAnonymousBot");
        ObjectNode chat = groupChat(new Group(newChatId, old.title()));
        ObjectNode m = messageShell(chat, sender, 1);
        m.setAll(from);
        m.set("sender_chat", chat.deepCopy());
        ObjectNode u = nodes.objectNode();
        u.set("message", m);
        push(u);
        return first;
    }

    /** The people in a group, as getChatMember reports them; nobody is, until a test says so. */
    public void setGroupMembers(Group group, Person... people) {
        lock.lock();
        try {
            Set<Long> ids = new HashSet<>();
            for (Person p : people) {
                ids.add(p.id());
            }
            groupMembers.put(group.id(), ids);
        } finally {
            lock.unlock();
        }
    }

    /** The service message Telegram sends when {@code by} adds the bot to a group. */
    public int pushBotAdded(Group group, Person by) {
        ObjectNode fields = nodes.objectNode();
        ObjectNode bot =
                user(new Person(BOT_ID, "Rekindle")).put("is_bot", true).put("username", BOT_USERNAME);
        fields.putArray("new_chat_members").add(bot);
        return pushMessage(groupChat(group), by, fields);
    }

    /** The service message Telegram sends when {@code who} leaves a group (or, with the bot, when it is removed). */
    public int pushLeft(Group group, Person who, Person by) {
        ObjectNode fields = nodes.objectNode();
        ObjectNode left = who.id() == BOT_ID ? user(who).put("is_bot", true).put("username", BOT_USERNAME) : user(who);
        fields.set("left_chat_member", left);
        lock.lock();
        try {
            Set<Long> ids = groupMembers.get(group.id());
            if (ids != null) {
                ids.remove(who.id());
            }
        } finally {
            lock.unlock();
        }
        return pushMessage(groupChat(group), by, fields);
    }

    /** A user blocks the bot: Telegram's my_chat_member update in their private chat. */
    public int pushBlocked(Person who) {
        ObjectNode u = nodes.objectNode();
        ObjectNode m = u.putObject("my_chat_member");
        m.set("chat", privateChat(who));
        m.set("from", user(who));
        m.put("date", 1_700_000_000);
        m.putObject("old_chat_member")
                .put("status", "member")
                .set("user", user(new Person(BOT_ID, "Rekindle")).put("is_bot", true));
        m.putObject("new_chat_member")
                .put("status", "kicked")
                .put("until_date", 0)
                .set("user", user(new Person(BOT_ID, "Rekindle")).put("is_bot", true));
        return push(u);
    }

    /** Any update, written as Telegram sends it (without update_id: the fake numbers it). */
    public int pushUpdate(String updateJson) {
        try {
            return push((ObjectNode) json.readTree(updateJson));
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + updateJson, e);
        }
    }

    /**
     * Any JSON value served as one element of a getUpdates answer, exactly as written: a malformed update, one
     * without its update_id (Telegram still numbers it: it is confirmed by an offset above the number returned), or
     * not an object at all. Served in order with the others.
     */
    public int pushRaw(String json) {
        try {
            return queue(this.json.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** Serves an update that was already confirmed once more in the next getUpdates, as after a lost confirmation. */
    public void redeliver(int updateId) {
        lock.lock();
        try {
            JsonNode u = everPushed.get(updateId);
            if (u == null) {
                throw new IllegalArgumentException("no update " + updateId + " was pushed");
            }
            redeliveries.add(Map.entry(updateId, u.deepCopy()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- assertions

    /** How many requests each Bot API method got so far (successful or not). */
    public Map<String, Long> servedCounts() {
        Map<String, Long> out = new TreeMap<>();
        served.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public List<Call> calls() {
        lock.lock();
        try {
            return List.copyOf(calls);
        } finally {
            lock.unlock();
        }
    }

    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** Waits (at most {@code timeout}) for a call that matches; fails the test when none comes. */
    public Call awaitCall(String method, Predicate<Call> matching, Duration timeout) {
        Predicate<Call> p = c -> c.method().equalsIgnoreCase(method) && matching.test(c);
        awaitCondition(() -> calls.stream().anyMatch(p), timeout, "a " + method + " call");
        return calls().stream().filter(p).findFirst().orElseThrow();
    }

    /** Waits until getUpdates was called with an offset above {@code updateId}, confirming it to "Telegram". */
    public void awaitConfirmed(int updateId, Duration timeout) {
        awaitCondition(() -> highestOffset > updateId, timeout, "confirmation of update " + updateId);
    }

    public int highestOffset() {
        lock.lock();
        try {
            return highestOffset;
        } finally {
            lock.unlock();
        }
    }

    /** The text and buttons a chat's message shows now (after edits), as Telegram would return it. */
    public JsonNode message(long chatId, int messageId) {
        lock.lock();
        try {
            ObjectNode m = messages.get(key(chatId, messageId));
            return m == null ? null : m.deepCopy();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a chat's message shows a button that can be pressed now: {@link #message} without the copy. */
    public boolean showsButtons(long chatId, int messageId) {
        lock.lock();
        try {
            ObjectNode m = messages.get(key(chatId, messageId));
            if (m == null) {
                return false;
            }
            for (JsonNode row : m.path("reply_markup").path("inline_keyboard")) {
                for (JsonNode b : row) {
                    if (b.hasNonNull("callback_data")) {
                        return true;
                    }
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void awaitCondition(java.util.function.BooleanSupplier done, Duration timeout, String what) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                if (left <= 0) {
                    throw new AssertionError(
                            "the fake Bot API saw no " + what + " within " + timeout + "; calls so far: "
                                    + calls.stream().map(Call::method).toList());
                }
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- the server

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                respond(ex, 404, error(new Failure(404, "Not Found", Map.of())));
                return;
            }
            if (!TOKEN.equals(m.group(1))) {
                respond(ex, 401, error(new Failure(401, "Unauthorized", Map.of())));
                return;
            }
            String method = m.group(2);
            served.computeIfAbsent(method, k -> new java.util.concurrent.atomic.LongAdder())
                    .increment();
            ObjectNode params;
            try {
                params = params(ex);
            } catch (IllegalArgumentException e) {
                respond(ex, 400, error(Failure.badRequest(e.getMessage())));
                return;
            }
            Answer a = answer(method, params);
            respond(ex, a.status, a.body);
        } catch (RuntimeException e) {
            respond(ex, 500, error(new Failure(500, "Internal Server Error: the fake failed: " + e, Map.of())));
        }
    }

    private record Answer(int status, ObjectNode body) {}

    private Answer answer(String method, ObjectNode params) {
        Long chatId =
                params.hasNonNull("chat_id") ? parseChatId(params.get("chat_id").asText()) : null;
        String text = params.hasNonNull("text") ? params.get("text").asText() : null;
        JsonNode markup = params.get("reply_markup");
        waitWhileHeld(method, chatId);
        Failure injected = takeFailure(method, chatId);
        Answer a;
        if (injected != null) {
            a = new Answer(injected.code(), error(injected));
        } else if ("getupdates".equalsIgnoreCase(method)) {
            a = webhookUrl() != null
                    ? fail(new Failure(
                            409,
                            "Conflict: can't use getUpdates method while webhook is active; use "
                                    + "deleteWebhook to delete the webhook first",
                            Map.of()))
                    : ok(getUpdates(params)); // not recorded while held: the record shows when it was answered
        } else {
            lock.lock();
            try {
                a = dispatch(method, params, chatId, text, markup);
            } finally {
                lock.unlock();
            }
        }
        JsonNode result = a.body.path("result");
        Integer messageId = a.status == 200 && result.has("message_id")
                ? result.get("message_id").asInt()
                : null;
        if (!lean) {
            lock.lock();
            try {
                calls.add(new Call(method, chatId, text, markup, params, a.status, messageId));
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
        Observer o = observer;
        if (o != null && messageId != null && "sendmessage".equalsIgnoreCase(method)) {
            o.sent(chatId, messageId, emptyKeyboard(markup) ? null : markup, System.nanoTime());
        }
        return a;
    }

    private Answer dispatch(String method, ObjectNode params, Long chatId, String text, JsonNode markup) {
        switch (method.toLowerCase(Locale.ROOT)) {
            case "getme" -> {
                ObjectNode me = user(new Person(BOT_ID, "Rekindle"));
                me.put("is_bot", true)
                        .put("username", BOT_USERNAME)
                        .put("can_join_groups", true)
                        .put("can_read_all_group_messages", false)
                        .put("supports_inline_queries", false);
                return ok(me);
            }
            case "setwebhook" -> {
                String url = params.path("url").asText("");
                webhookUrl = url.isEmpty() ? null : url; // an empty url removes the webhook
                webhookSecret =
                        webhookUrl == null ? null : params.path("secret_token").asText(null);
                return ok(nodes.booleanNode(true));
            }
            case "deletewebhook" -> {
                webhookUrl = null;
                webhookSecret = null;
                return ok(nodes.booleanNode(true));
            }
            case "getwebhookinfo" -> {
                ObjectNode info = nodes.objectNode()
                        .put("url", webhookUrl == null ? "" : webhookUrl)
                        .put("has_custom_certificate", false)
                        .put("pending_update_count", pending.size());
                return ok(info);
            }
            case "senddocument" -> {
                if (chatId == null || !params.has("file")) {
                    return fail(Failure.badRequest("there is no document in the request"));
                }
                int id = lastMessageId.merge(chatId, 1, Integer::sum);
                ObjectNode msg = botMessage(chatId, id, "", null);
                msg.remove("text");
                msg.putObject("document")
                        .put("file_name", params.path("file_name").asText("file"))
                        .put("file_id", "BQACAgIAAxkBAAIBdoc" + id)
                        .put("file_unique_id", "AgADdoc" + id);
                messages.put(key(chatId, id), msg);
                return ok(msg.deepCopy());
            }
            case "getchatmember" -> {
                long group = params.path("chat_id").asLong();
                long userId = params.path("user_id").asLong();
                boolean in = groupMembers.getOrDefault(group, Set.of()).contains(userId);
                ObjectNode member = nodes.objectNode().put("status", in ? "member" : "left");
                member.set("user", user(new Person(userId, "someone")));
                return ok(member);
            }
            case "setmycommands", "sendchataction", "answercallbackquery" -> {
                return ok(nodes.booleanNode(true));
            }
            case "sendmessage" -> {
                if (chatId == null) {
                    return fail(Failure.badRequest("chat_id is empty"));
                }
                if (text == null || text.isEmpty()) {
                    return fail(Failure.badRequest("message text is empty"));
                }
                String problem = htmlProblem(params, text);
                if (problem != null) {
                    return fail(Failure.badRequest(problem));
                }
                int id = lastMessageId.merge(chatId, 1, Integer::sum);
                ObjectNode msg = botMessage(chatId, id, visibleText(params, text), markup);
                messages.put(key(chatId, id), msg);
                if (lean) {
                    messages.remove(key(chatId, id - LEAN_MESSAGES_PER_CHAT));
                }
                return ok(msg.deepCopy());
            }
            case "editmessagetext", "editmessagereplymarkup" -> {
                if (chatId == null || !params.hasNonNull("message_id")) {
                    return fail(Failure.badRequest("message identifier is not specified"));
                }
                ObjectNode stored =
                        messages.get(key(chatId, params.get("message_id").asInt()));
                if (stored == null) {
                    return fail(Failure.badRequest("message to edit not found"));
                }
                String newText = stored.get("text").asText();
                if (method.equalsIgnoreCase("editMessageText")) {
                    if (text == null || text.isEmpty()) {
                        return fail(Failure.badRequest("message text is empty"));
                    }
                    String problem = htmlProblem(params, text);
                    if (problem != null) {
                        return fail(Failure.badRequest(problem));
                    }
                    newText = visibleText(params, text);
                }
                JsonNode newMarkup = emptyKeyboard(markup) ? null : markup;
                JsonNode oldMarkup = stored.get("reply_markup");
                if (newText.equals(stored.get("text").asText()) && java.util.Objects.equals(newMarkup, oldMarkup)) {
                    return fail(Failure.notModified());
                }
                stored.put("text", newText);
                stored.put("edit_date", now());
                if (newMarkup == null) {
                    stored.remove("reply_markup");
                } else {
                    stored.set("reply_markup", newMarkup.deepCopy());
                }
                return ok(stored.deepCopy());
            }
            default -> {
                return new Answer(
                        404, error(new Failure(404, "Not Found: method " + method + " is not in the fake", Map.of())));
            }
        }
    }

    private ArrayNode getUpdates(ObjectNode params) {
        int offset = params.path("offset").asInt(0);
        int limit = Math.max(1, Math.min(100, params.path("limit").asInt(100)));
        long timeoutNanos =
                TimeUnit.SECONDS.toNanos(Math.max(0, params.path("timeout").asInt(0)));
        lock.lock();
        try {
            if (offset > 0) {
                // "An update is considered confirmed as soon as getUpdates is called with an offset higher than its
                // update_id."
                pending.headMap(offset).clear();
                highestOffset = Math.max(highestOffset, offset);
                changed.signalAll();
            }
            while (true) {
                ArrayNode out = nodes.arrayNode();
                List<Map.Entry<Integer, JsonNode>> batch = new ArrayList<>();
                if (updatesHeld && !closed) {
                    // nothing yet: the pushed updates wait to come together
                } else if (offset < 0) {
                    batch.addAll(redeliveries);
                    redeliveries.clear();
                    List<Map.Entry<Integer, JsonNode>> all = new ArrayList<>(pending.entrySet());
                    batch.addAll(all.subList(Math.max(0, all.size() + offset), all.size()));
                } else {
                    batch.addAll(redeliveries);
                    redeliveries.clear();
                    pending.entrySet().stream().limit(limit).forEach(batch::add);
                }
                batch.sort(Map.Entry.comparingByKey());
                batch.forEach(e -> out.add(e.getValue()));
                Observer o = observer;
                if (o != null && !batch.isEmpty()) {
                    long t = System.nanoTime();
                    batch.forEach(e -> o.served(e.getKey(), t));
                }
                if (!batch.isEmpty() || timeoutNanos <= 0 || closed) {
                    return out;
                }
                try {
                    timeoutNanos = changed.awaitNanos(timeoutNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return out;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Failure takeFailure(String method, Long chatId) {
        lock.lock();
        try {
            if (chatId != null) {
                Deque<Failure> q = chatFailures.get(chatId);
                if (q != null && !q.isEmpty()) {
                    return q.poll();
                }
            }
            Deque<Failure> q = methodFailures.get(method.toLowerCase(Locale.ROOT));
            Failure f = q == null ? null : q.poll();
            return f == PASS ? null : f;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- JSON shapes

    private int push(ObjectNode update) {
        lock.lock();
        try {
            int id = nextUpdateId;
            ObjectNode u = nodes.objectNode().put("update_id", id);
            u.setAll(update);
            return queue(u);
        } finally {
            lock.unlock();
        }
    }

    /** Queues an update under the next id, as it is (it may lack its update_id, or not be an object). */
    private int queue(JsonNode update) {
        lock.lock();
        try {
            int id = nextUpdateId++;
            pending.put(id, update);
            if (!lean) {
                everPushed.put(id, update.deepCopy());
            }
            changed.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A private text message as Telegram would POST it to a webhook: numbered like pushed updates, but not
     * queued for getUpdates.
     */
    public String webhookText(Person from, String text) {
        ObjectNode u = messageUpdate(privateChat(from), from, textFields(text));
        lock.lock();
        try {
            ObjectNode numbered = nodes.objectNode().put("update_id", nextUpdateId++);
            numbered.setAll(u);
            everPushed.put(numbered.get("update_id").asInt(), numbered.deepCopy());
            return json.writeValueAsString(numbered);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The URL setWebhook gave, or null while no webhook is set (none yet, or deleted since). */
    public String webhookUrl() {
        lock.lock();
        try {
            return webhookUrl;
        } finally {
            lock.unlock();
        }
    }

    /** The secret_token setWebhook gave, or null. */
    public String webhookSecret() {
        lock.lock();
        try {
            return webhookSecret;
        } finally {
            lock.unlock();
        }
    }

    private ObjectNode messageUpdate(ObjectNode chat, Person from, ObjectNode fields) {
        ObjectNode m;
        lock.lock();
        try {
            int id = lastMessageId.merge(chat.get("id").asLong(), 1, Integer::sum);
            m = messageShell(chat, user(from), id);
        } finally {
            lock.unlock();
        }
        m.setAll(fields);
        ObjectNode u = nodes.objectNode();
        u.set("message", m);
        return u;
    }

    private int pushMessage(ObjectNode chat, Person from, ObjectNode fields) {
        return push(messageUpdate(chat, from, fields));
    }

    private ObjectNode messageShell(ObjectNode chat, ObjectNode from, int messageId) {
        ObjectNode m = nodes.objectNode();
        m.put("message_id", messageId);
        m.set("from", from);
        m.set("chat", chat);
        m.put("date", now());
        return m;
    }

    private ObjectNode textFields(String text) {
        ObjectNode f = nodes.objectNode().put("text", text);
        Matcher c = COMMAND.matcher(text);
        if (c.find()) {
            f.putArray("entities")
                    .addObject()
                    .put("offset", 0)
                    .put("length", c.end())
                    .put("type", "bot_command");
        }
        return f;
    }

    private ObjectNode botMessage(long chatId, int messageId, String text, JsonNode markup) {
        ObjectNode bot =
                user(new Person(BOT_ID, "Rekindle")).put("is_bot", true).put("username", BOT_USERNAME);
        ObjectNode chat = chatId > 0 ? privateChat(new Person(chatId, "Partner")) : groupChat(new Group(chatId, "Us"));
        ObjectNode m = messageShell(chat, bot, messageId);
        m.put("text", text);
        if (markup != null && !emptyKeyboard(markup)) {
            m.set("reply_markup", markup.deepCopy());
        }
        return m;
    }

    private ObjectNode user(Person p) {
        return nodes.objectNode()
                .put("id", p.id())
                .put("is_bot", false)
                .put("first_name", p.firstName())
                .put("language_code", "en");
    }

    private ObjectNode privateChat(Person p) {
        return nodes.objectNode()
                .put("id", p.id())
                .put("first_name", p.firstName())
                .put("type", "private");
    }

    private ObjectNode groupChat(Group g) {
        ObjectNode c = nodes.objectNode()
                .put("id", g.id())
                .put("title", g.title())
                .put("type", g.isSupergroup() ? "supergroup" : "group");
        if (!g.isSupergroup()) {
            c.put("all_members_are_administrators", true);
        }
        return c;
    }

    private Answer ok(JsonNode result) {
        ObjectNode body = nodes.objectNode().put("ok", true);
        body.set("result", result);
        return new Answer(200, body);
    }

    private Answer fail(Failure f) {
        return new Answer(f.code(), error(f));
    }

    private ObjectNode error(Failure f) {
        ObjectNode body =
                nodes.objectNode().put("ok", false).put("error_code", f.code()).put("description", f.description());
        if (!f.parameters().isEmpty()) {
            body.set("parameters", json.valueToTree(f.parameters()));
        }
        return body;
    }

    private static boolean emptyKeyboard(JsonNode markup) {
        return markup == null
                || markup.isNull()
                || (markup.has("inline_keyboard")
                        && markup.get("inline_keyboard").isEmpty());
    }

    /** What Telegram would refuse in an HTML text: unknown or unbalanced tags, unknown entities, too long. */
    private static String htmlProblem(ObjectNode params, String text) {
        if (!"html".equalsIgnoreCase(params.path("parse_mode").asText(""))) {
            return text.length() > TEXT_LIMIT ? "message is too long" : null;
        }
        Deque<String> open = new ArrayDeque<>();
        Matcher t = TAG.matcher(text);
        while (t.find()) {
            String name = t.group(2).toLowerCase(Locale.ROOT);
            if (!HTML_TAGS.contains(name)) {
                return "can't parse entities: Unsupported start tag \"" + name + "\" at byte offset " + t.start();
            }
            if (t.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                return "can't parse entities: Unexpected end tag at byte offset " + t.start();
            }
        }
        if (!open.isEmpty()) {
            return "can't parse entities: Can't find end tag corresponding to start tag \"" + open.peek() + "\"";
        }
        String stripped = TAG.matcher(text).replaceAll("");
        int amp = stripped.indexOf('&');
        while (amp >= 0) {
            Matcher e = ENTITY.matcher(stripped);
            if (!e.find(amp) || e.start() != amp) {
                return "can't parse entities: Character '&' is reserved and must be escaped at byte offset " + amp;
            }
            amp = stripped.indexOf('&', e.end());
        }
        if (decode(stripped).length() > TEXT_LIMIT) {
            return "message is too long";
        }
        return null;
    }

    private static String visibleText(ObjectNode params, String text) {
        return "html".equalsIgnoreCase(params.path("parse_mode").asText(""))
                ? decode(TAG.matcher(text).replaceAll(""))
                : text;
    }

    private static String decode(String s) {
        Matcher e = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (e.find()) {
            String name = e.group(1);
            String r = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                default ->
                    new String(Character.toChars(
                            name.startsWith("#x")
                                    ? Integer.parseInt(name.substring(2), 16)
                                    : Integer.parseInt(name.substring(1))));
            };
            e.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        e.appendTail(b);
        return b.toString();
    }

    private ObjectNode params(HttpExchange ex) throws IOException {
        ObjectNode p = nodes.objectNode();
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, p);
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (body.length == 0) {
            return p;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode n = json.readTree(body);
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException("the JSON body is not an object");
            }
            p.setAll(o);
        } else if (type.startsWith("multipart/form-data")) {
            multipart(type, body, p); // setWebhook, as TelegramBots sends it
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            form(new String(body, StandardCharsets.UTF_8), p);
        } else {
            throw new IllegalArgumentException("the fake reads JSON and form bodies, not " + type);
        }
        return p;
    }

    /** Text parts of a multipart/form-data body (files are not expected); JSON-looking values are parsed. */
    private void multipart(String contentType, byte[] body, ObjectNode into) throws IOException {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("a multipart body without a boundary");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String part : text.split("--" + Pattern.quote(b.group(1)))) {
            int blank = part.indexOf("\r\n\r\n");
            if (blank < 0) {
                continue; // the preamble, or the closing "--"
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(part.substring(0, blank));
            if (!name.find()) {
                continue;
            }
            String value = part.substring(blank + 4);
            Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(part.substring(0, blank));
            boolean isFile = file.find();
            if (isFile) {
                into.put("file_name", file.group(1)); // an uploaded file: the test reads it as "file"
            }
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            if (isFile) {
                into.set(
                        "file",
                        value.startsWith("{") || value.startsWith("[") ? json.readTree(value) : nodes.textNode(value));
            } else if (value.startsWith("{") || value.startsWith("[")) {
                into.set(name.group(1), json.readTree(value));
            } else {
                into.put(name.group(1), value);
            }
        }
    }

    private void form(String encoded, ObjectNode into) throws IOException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.put(k, v);
        }
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            String v = e.getValue();
            // structured fields travel as JSON text in a form, as Telegram documents
            if ((v.startsWith("{") || v.startsWith("[")) && !"text".equals(e.getKey())) {
                into.set(e.getKey(), json.readTree(v));
            } else {
                into.put(e.getKey(), v);
            }
        }
    }

    private void respond(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Long parseChatId(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return null; // @channelname: the fake knows no channels, sendMessage says chat_id is empty
        }
    }

    private static String key(long chatId, int messageId) {
        return chatId + "/" + messageId;
    }

    private static int now() {
        return (int) Instant.now().getEpochSecond();
    }
}
