package dev.rekindle.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.app.TelegramBot;
import dev.rekindle.app.UnderstandingFactory;
import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.Outcome;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.Couples;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Drives N simulated couples through the shipped dialogs, end to end: the fake Bot API on 127.0.0.1 (lean,
 * no limits), the real TelegramBots long polling and client, the real SQLite store on a file (WAL,
 * synchronous=FULL), the real sender, Understanding (models/en) and engine. Each couple runs a closed loop
 * over seven updates (/appreciate, a text, "Send it", /checkin in the group, "My phone is away", "Mine is away
 * too", /stop): the
 * next update of a couple is pushed when every message the previous one causes has reached the fake.
 * Latency is from the moment the fake serves an update in getUpdates to the moment it receives the bot's
 * first sendMessage for it. Then the same inputs run through the engine alone, and through Understanding
 * alone. Prints a table. Not a test: run it with {@code mvn -B -q -Pbenchmark verify} (see
 * docs/performance.md).
 *
 * <p>Arguments: {@code couples=200 seconds=20 warmup=5 workers=4 inflight=8 db=PATH} (all optional).
 */
public final class EndToEndBenchmark {
    private static final String[] TEXTS = {
        "You made coffee every morning while I was swamped at work. I felt looked after.",
        "Thank you for listening to me last night when I was worried about my mother.",
        "You planned the whole weekend trip so I could rest, and it meant a lot to me.",
        "You picked the kids up from school when my meeting ran late. I felt supported.",
    };

    /** One update of a couple's loop: who says what where, and how many messages each chat gets back. */
    private record Step(Partner who, Chat where, String text, String press, Map<Chat, Integer> replies) {}

    private static final List<Step> SCRIPT = List.of(
            new Step(Partner.A, Chat.A, "/appreciate", null, Map.of(Chat.A, 1)),
            new Step(Partner.A, Chat.A, null, null, Map.of(Chat.A, 1)),
            new Step(Partner.A, Chat.A, null, "Send it", Map.of(Chat.A, 1, Chat.B, 1)),
            new Step(Partner.A, Chat.GROUP, "/checkin@" + FakeBotApi.BOT_USERNAME, null, Map.of(Chat.GROUP, 1)),
            new Step(Partner.A, Chat.GROUP, null, "My phone is away", Map.of(Chat.GROUP, 1)),
            new Step(Partner.B, Chat.GROUP, null, "Mine is away too", Map.of(Chat.GROUP, 2)),
            new Step(Partner.B, Chat.GROUP, "/stop", null, Map.of(Chat.GROUP, 1)));

    private final int couples;
    private final int seconds;
    private final int warmup;
    /** Calls the sender makes at once (different chats); 1 is the sequential sender of before. */
    private final int inFlight;

    private final int workers;
    private final Path db;
    private Memory e2eMemory;

    private EndToEndBenchmark(Map<String, String> args) throws IOException {
        couples = Integer.parseInt(args.getOrDefault("couples", "200"));
        seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
        inFlight = Integer.parseInt(
                args.getOrDefault("inflight", String.valueOf(dev.rekindle.telegram.OutboxSender.DEFAULT_IN_FLIGHT)));
        workers = Integer.parseInt(args.getOrDefault("workers", "4"));
        String named = args.get("db");
        db = named == null || named.isBlank()
                ? Files.createTempDirectory("rekindle-bench").resolve("bench.db")
                : Path.of(named);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "arguments are key=value (couples, seconds, warmup, workers, inflight, db): " + a);
            }
            args.put(a.substring(0, eq).strip(), a.substring(eq + 1).strip());
        }
        new EndToEndBenchmark(args).run();
        System.exit(0);
    }

    private void run() throws Exception {
        DialogLibrary library =
                DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow();
        StringWriter notes = new StringWriter();
        Understanding understanding =
                UnderstandingFactory.load(UnderstandingFactory.DEFAULT_MODELS, new PrintWriter(notes, true));
        System.out.printf(
                Locale.ROOT,
                "Rekindle end-to-end benchmark: %d couples, %d workers, %d sender calls in "
                        + "flight, %d s measured after %d s warm-up, %d cores, database %s%n",
                couples,
                workers,
                inFlight,
                seconds,
                warmup,
                Runtime.getRuntime().availableProcessors(),
                db);

        Figures e2e = endToEnd(library, understanding);
        Memory mem = e2eMemory;
        Figures engine = engineAlone(library, understanding, false);
        Figures core = engineAlone(library, understanding, true);
        Figures nlu = understandingAlone(understanding);

        System.out.println();
        System.out.printf(Locale.ROOT, "| %-40s | %12s | %8s | %8s |%n", "what", "updates/s", "p50 ms", "p99 ms");
        System.out.printf(
                Locale.ROOT,
                "| %-40s | %12s | %8s | %8s |%n",
                "-".repeat(40),
                "-".repeat(12),
                "-".repeat(8),
                "-".repeat(8));
        e2e.row("end to end (fake Bot API, FULL sync)");
        engine.row("engine alone (Engine.handle)");
        core.row("Understanding + engine");
        nlu.row("Understanding alone (text messages)");
        System.out.printf(
                Locale.ROOT,
                "%nafter the end-to-end run: heap used %d MiB (committed %d MiB), "
                        + "RSS %d MiB (peak %d MiB), fake Bot API in the same process%n",
                mem.heapUsed >> 20,
                mem.heapCommitted >> 20,
                mem.rssKb >> 10,
                mem.peakRssKb >> 10);
        System.out.print(e2eCpu);
        System.out.printf(
                Locale.ROOT,
                "end to end: %d updates handled in the window, %d messages not expected by "
                        + "the script, %d couples stalled at the end%n",
                e2e.count,
                e2e.unexpected,
                e2e.stalled);
    }

    // ---------------------------------------------------------------- end to end

    private final class Driver implements FakeBotApi.Observer {
        final FakeBotApi api;
        final Map<Integer, Long> servedAt = new ConcurrentHashMap<>();
        final Map<Long, CoupleRun> byChat = new ConcurrentHashMap<>();
        final long[] samples = new long[Math.max(1, seconds) * 40_000];
        final AtomicInteger sampleCount = new AtomicInteger();
        final LongAdder handled = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        volatile boolean measuring;
        volatile boolean stopping;

        Driver(FakeBotApi api) {
            this.api = api;
        }

        @Override
        public void served(int updateId, long nanoTime) {
            servedAt.putIfAbsent(updateId, nanoTime);
        }

        @Override
        public void sent(long chatId, int messageId, JsonNode replyMarkup, long nanoTime) {
            CoupleRun c = byChat.get(chatId);
            if (c == null) {
                unexpected.increment();
                return;
            }
            synchronized (c) {
                Chat chat = c.chatOf(chatId);
                if (replyMarkup != null) {
                    c.buttons.put(chat, replyMarkup);
                    c.buttonsMessage.put(chat, messageId);
                }
                Integer left = c.remaining.get(chat);
                if (left == null || left == 0) {
                    unexpected.increment();
                    return;
                }
                if (!c.answered) {
                    c.answered = true;
                    Long served = servedAt.remove(c.updateId);
                    if (served != null && measuring) {
                        int i = sampleCount.getAndIncrement();
                        if (i < samples.length) {
                            samples[i] = nanoTime - served;
                        }
                    }
                }
                c.remaining.put(chat, left - 1);
                if (c.remaining.values().stream().allMatch(n -> n == 0)) {
                    if (measuring) {
                        handled.increment();
                    }
                    c.step = (c.step + 1) % SCRIPT.size();
                    if (c.step == 0) {
                        c.cycle++;
                    }
                    next(c);
                }
            }
        }

        /** Pushes the couple's next update; called holding the couple's monitor. */
        void next(CoupleRun c) {
            if (stopping) {
                c.idle = true;
                return;
            }
            Step s = SCRIPT.get(c.step);
            c.remaining.clear();
            s.replies().forEach(c.remaining::put);
            c.answered = false;
            Person who = s.who() == Partner.A ? c.a : c.b;
            if (s.press() != null) {
                c.updateId = api.pushPress(
                        who,
                        c.chatId(s.where()),
                        c.buttonsMessage.get(s.where()),
                        data(c.buttons.get(s.where()), s.press()));
            } else {
                String text = s.text() != null ? s.text() : TEXTS[(c.index + c.cycle) % TEXTS.length];
                c.updateId = s.where() == Chat.GROUP ? api.pushGroupText(c.group, who, text) : api.pushText(who, text);
            }
        }
    }

    private static String data(JsonNode markup, String label) {
        if (markup != null) {
            for (JsonNode row : markup.path("inline_keyboard")) {
                for (JsonNode b : row) {
                    if (label.equals(b.path("text").asText())) {
                        return b.path("callback_data").asText();
                    }
                }
            }
        }
        throw new IllegalStateException("no button '" + label + "' on the last message with buttons: " + markup);
    }

    private static final class CoupleRun {
        final int index;
        final Person a;
        final Person b;
        final Group group;
        final Map<Chat, Integer> remaining = new EnumMap<>(Chat.class);
        final Map<Chat, JsonNode> buttons = new EnumMap<>(Chat.class);
        final Map<Chat, Integer> buttonsMessage = new EnumMap<>(Chat.class);
        int step;
        int cycle;
        int updateId;
        boolean answered;
        boolean idle;

        CoupleRun(int index) {
            this.index = index;
            this.a = new Person(100_000_000L + 2L * index, "Sam" + index);
            this.b = new Person(100_000_001L + 2L * index, "Alex" + index);
            this.group = new Group(-4_000_000_000L - index, "Us " + index);
        }

        long chatId(Chat c) {
            return switch (c) {
                case A -> a.id();
                case B -> b.id();
                case GROUP -> group.id();
            };
        }

        Chat chatOf(long chatId) {
            return chatId == a.id() ? Chat.A : chatId == b.id() ? Chat.B : Chat.GROUP;
        }
    }

    private Figures endToEnd(DialogLibrary library, Understanding understanding) throws InterruptedException {
        try (FakeBotApi api = FakeBotApi.start().lean()) {
            Driver driver = new Driver(api);
            api.observe(driver);
            TelegramBot.Options options = TelegramBot.Options.of(db)
                    .withWorkers(workers)
                    .withLimits(RateLimiter.Limits.NONE)
                    .withStopWait(Duration.ofSeconds(5))
                    .withSendInFlight(inFlight);
            try (TelegramBot bot =
                    TelegramBot.start(api.settings(Duration.ofSeconds(1)), library, understanding, options)) {
                List<CoupleRun> runs = new ArrayList<>();
                Couples store = bot.store().couples();
                long made = System.nanoTime();
                for (int i = 0; i < couples; i++) {
                    CoupleRun c = new CoupleRun(i);
                    store.createUser(c.a.id(), c.a.firstName(), ZoneOffset.UTC);
                    store.createUser(c.b.id(), c.b.firstName(), ZoneOffset.UTC);
                    long id = store.createCouple(c.a.id(), c.b.id());
                    store.registerPrivateChat(c.a.id(), c.a.id());
                    store.registerPrivateChat(c.b.id(), c.b.id());
                    store.registerGroupChat(c.group.id(), id);
                    onboarded(bot.store(), c.a.id());
                    onboarded(bot.store(), c.b.id());
                    driver.byChat.put(c.a.id(), c);
                    driver.byChat.put(c.b.id(), c);
                    driver.byChat.put(c.group.id(), c);
                    runs.add(c);
                }
                System.out.printf(
                        Locale.ROOT,
                        "made %d couples through the store in %.1f s%n",
                        couples,
                        (System.nanoTime() - made) / 1e9);
                for (CoupleRun c : runs) {
                    synchronized (c) {
                        driver.next(c);
                    }
                }
                Thread.sleep(warmup * 1000L);
                long startHandled = driver.handled.sum();
                CpuSnapshot cpu0 = CpuSnapshot.now();
                long[] commits0 = bot.store().groupCommitCounts();
                Map<String, Long> calls0 = api.servedCounts();
                driver.measuring = true;
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                driver.measuring = false;
                long elapsed = System.nanoTime() - t0;
                long count = driver.handled.sum() - startHandled;
                CpuSnapshot cpu1 = CpuSnapshot.now();
                long[] commits1 = bot.store().groupCommitCounts();
                e2eCpu = cpu1.report(cpu0, elapsed, count, commits1[0] - commits0[0], commits1[1] - commits0[1])
                        + callsPerUpdate(calls0, api.servedCounts(), count);
                driver.stopping = true;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                int stalled;
                do {
                    Thread.sleep(50);
                    stalled = (int) runs.stream()
                            .filter(c -> {
                                synchronized (c) {
                                    return !c.idle;
                                }
                            })
                            .count();
                } while (stalled > 0 && System.nanoTime() < deadline);
                e2eMemory = Memory.now();
                int n = Math.min(driver.sampleCount.get(), driver.samples.length);
                Figures f = Figures.of(count, elapsed, Arrays.copyOf(driver.samples, n));
                f.unexpected = driver.unexpected.sum();
                f.stalled = stalled;
                return f;
            }
        }
    }

    private String e2eCpu = "";

    /** Bot API requests per update in the window, by method: each is HTTP and JSON on both sides. */
    private static String callsPerUpdate(Map<String, Long> before, Map<String, Long> after, long updates) {
        StringBuilder b = new StringBuilder();
        long all = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            all += d;
            b.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), d / (double) Math.max(1, updates)));
        }
        return String.format(
                Locale.ROOT,
                "Bot API requests per update: %.2f (%s)%n",
                all / (double) Math.max(1, updates),
                b.toString().strip());
    }

    /** As if the partner had gone through onboarding (18+, consent, safe): the loop starts at the dialogs. */
    private static void onboarded(Store store, long userId) {
        Instant now = Instant.now();
        store.pairings()
                .save(
                        new Profile(
                                userId,
                                Profile.OnboardingStage.DONE,
                                true,
                                now,
                                Profile.ScreeningAnswer.SAFE,
                                now,
                                null),
                        null,
                        null,
                        new Reply(List.of(), java.util.OptionalLong.empty()));
    }

    /**
     * CPU time of the process and of our threads by name, to split the end-to-end cost of an update: the fake
     * Bot API (its HTTP server, its JSON, the benchmark's driver on its threads), the core (Understanding, the
     * engine, session JSON), the sender (payloads, the client's JSON and HTTP), the store's writer (SQLite), the
     * Telegram client's own threads (getUpdates, answers to presses, "typing"); "other" is the rest of the process: GC, JIT,
     * threads that ended.
     */
    private record CpuSnapshot(long process, Map<String, Long> byGroup) {
        private static final List<String[]> GROUPS = List.of(
                new String[] {"fake Bot API + driver", "fake-bot-api-"},
                new String[] {"core (Understanding, engine, JSON)", TelegramBot.CORE_THREAD_PREFIX},
                new String[] {"sender (payload, client JSON, HTTP)", "rekindle-sender"},
                new String[] {"store writer (SQLite)", "rekindle-store-writer"},
                new String[] {"Telegram client threads (polling)", "rekindle-telegram-"});

        static CpuSnapshot now() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<String, Long> by = new java.util.LinkedHashMap<>();
            GROUPS.forEach(g -> by.put(g[0], 0L));
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long ns = threads.getThreadCpuTime(t.getThreadId());
                if (ns <= 0) {
                    continue;
                }
                String group = null;
                for (String[] g : GROUPS) {
                    if (t.getThreadName().startsWith(g[1])) {
                        group = g[0];
                    }
                }
                // another Java thread, by its name without numbers (e.g. the JDK HTTP server's dispatcher)
                by.merge(
                        group != null
                                ? group
                                : "  other Java thread: " + t.getThreadName().replaceAll("[0-9]+", "#"),
                        ns,
                        Long::sum);
            }
            long process = ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuSnapshot(process, by);
        }

        String report(CpuSnapshot before, long elapsedNanos, long updates, long commits, long writes) {
            StringBuilder b = new StringBuilder();
            long total = process - before.process;
            b.append(String.format(
                    Locale.ROOT,
                    "CPU in the window: %.1f cores busy, %.2f ms of CPU per update; "
                            + "%d group commits (%.0f/s, %.1f writes each)%n",
                    total / (double) elapsedNanos,
                    total / 1e6 / Math.max(1, updates),
                    commits,
                    commits / (elapsedNanos / 1e9),
                    writes / (double) Math.max(1, commits)));
            long named = 0;
            for (Map.Entry<String, Long> e : byGroup.entrySet()) {
                long d = e.getValue() - before.byGroup.getOrDefault(e.getKey(), 0L);
                named += d;
                if (e.getKey().startsWith("  other") && 100.0 * d / Math.max(1, total) < 1.0) {
                    continue; // a small one
                }
                b.append(String.format(
                        Locale.ROOT,
                        "  %-52s %5.1f%%  %.3f ms/update%n",
                        e.getKey(),
                        100.0 * d / Math.max(1, total),
                        d / 1e6 / Math.max(1, updates)));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "  %-52s %5.1f%%  %.3f ms/update%n",
                    "the rest (GC, JIT, ended threads)",
                    100.0 * (total - named) / Math.max(1, total),
                    (total - named) / 1e6 / Math.max(1, updates)));
            return b.toString();
        }
    }

    // ---------------------------------------------------------------- the engine alone

    /** The same loop on in-memory sessions; with {@code understand}, texts are understood on each call. */
    private Figures engineAlone(DialogLibrary library, Understanding understanding, boolean understand)
            throws InterruptedException {
        Engine engine = new Engine(library);
        Map<String, Input> understood = new ConcurrentHashMap<>();
        AtomicLong total = new AtomicLong();
        long[][] perThread = new long[workers][];
        long measureStart = System.nanoTime() + warmup * 1_000_000_000L;
        long measureEnd = measureStart + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(
                    () -> {
                        long[] samples = new long[1 << 22];
                        int n = 0;
                        long done = 0;
                        Instant now = Instant.parse("2025-01-06T19:00:00Z");
                        List<Session> sessions = new ArrayList<>();
                        List<Map<Chat, Map<String, String>>> buttons = new ArrayList<>();
                        for (int i = worker; i < couples; i += workers) {
                            sessions.add(Session.start(
                                    Map.of(Partner.A, "Sam" + i, Partner.B, "Alex" + i), 0x5DEECE66DL * (i + 1)));
                            buttons.add(new EnumMap<>(Chat.class));
                        }
                        int step = 0;
                        int cycle = 0;
                        while (true) {
                            long before = System.nanoTime();
                            if (before >= measureEnd) {
                                break;
                            }
                            for (int k = 0; k < sessions.size(); k++) {
                                Step s = SCRIPT.get(step);
                                Chat where = s.where();
                                Input input;
                                long t0 = System.nanoTime();
                                if (s.press() != null) {
                                    input = new Input.Press(
                                            s.who(),
                                            where,
                                            buttons.get(k).get(where).get(s.press()));
                                } else if (s.text() != null) {
                                    String[] cmd = s.text()
                                            .substring(1)
                                            .split("@", 2)[0]
                                            .split(" ", 2);
                                    input = new Input.Command(
                                            s.who(), where, "/" + cmd[0], cmd.length > 1 ? cmd[1] : "");
                                } else {
                                    String text = TEXTS[(k + cycle) % TEXTS.length];
                                    input = understand
                                            ? understanding.input(s.who(), where, text)
                                            : understood.computeIfAbsent(
                                                    s.who() + "/" + where + "/" + text,
                                                    x -> understanding.input(s.who(), where, text));
                                }
                                Outcome o = engine.handle(sessions.get(k), input, now);
                                long t1 = System.nanoTime();
                                sessions.set(k, o.session());
                                for (Action a : o.actions()) {
                                    if (a instanceof Action.Send send
                                            && !send.buttons().isEmpty()) {
                                        Map<String, String> byLabel = new HashMap<>();
                                        send.buttons().forEach(b -> byLabel.put(b.label(), b.data()));
                                        buttons.get(k).put(send.to(), byLabel);
                                    }
                                }
                                if (t0 >= measureStart && t1 < measureEnd) {
                                    done++;
                                    if (n < samples.length) {
                                        samples[n++] = t1 - t0;
                                    }
                                }
                            }
                            now = now.plusSeconds(5);
                            step = (step + 1) % SCRIPT.size();
                            if (step == 0) {
                                cycle++;
                            }
                        }
                        perThread[worker] = Arrays.copyOf(samples, n);
                        total.addAndGet(done);
                    },
                    "bench-engine-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Stream.of(perThread).flatMapToLong(Arrays::stream).toArray();
        return Figures.of(total.get(), seconds * 1_000_000_000L, all);
    }

    /** Understanding.input on the loop's texts, on one thread per worker, for a few seconds. */
    private Figures understandingAlone(Understanding understanding) throws InterruptedException {
        int secs = Math.max(1, Math.min(seconds, 5));
        long end = System.nanoTime() + secs * 1_000_000_000L;
        AtomicLong total = new AtomicLong();
        long[][] parts = new long[workers][];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread t = new Thread(
                    () -> {
                        long[] samples = new long[1 << 21];
                        int n = 0;
                        for (int i = worker; System.nanoTime() < end; i++) {
                            long t0 = System.nanoTime();
                            understanding.input(Partner.A, Chat.A, TEXTS[i % TEXTS.length]);
                            if (n < samples.length) {
                                samples[n++] = System.nanoTime() - t0;
                            }
                        }
                        total.addAndGet(n);
                        parts[worker] = Arrays.copyOf(samples, n);
                    },
                    "bench-nlu-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Stream.of(parts).flatMapToLong(Arrays::stream).toArray();
        return Figures.of(total.get(), secs * 1_000_000_000L, all);
    }

    // ---------------------------------------------------------------- figures

    private static final class Figures {
        final long count;
        final double perSecond;
        final double p50;
        final double p99;
        long unexpected;
        int stalled;

        private Figures(long count, double perSecond, double p50, double p99) {
            this.count = count;
            this.perSecond = perSecond;
            this.p50 = p50;
            this.p99 = p99;
        }

        static Figures of(long count, long elapsedNanos, long[] latencies) {
            Arrays.sort(latencies);
            return new Figures(
                    count, count / (elapsedNanos / 1e9), percentile(latencies, 0.50), percentile(latencies, 0.99));
        }

        static double percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }

        void row(String what) {
            System.out.printf(Locale.ROOT, "| %-40s | %12.0f | %8.3f | %8.3f |%n", what, perSecond, p50, p99);
        }
    }

    private record Memory(long heapUsed, long heapCommitted, long rssKb, long peakRssKb) {
        static Memory now() {
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long rss = -1;
            long peak = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", ""));
                    } else if (line.startsWith("VmHWM:")) {
                        peak = Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux: RSS unknown
            }
            return new Memory(heap.getUsed(), heap.getCommitted(), rss, peak);
        }
    }
}
