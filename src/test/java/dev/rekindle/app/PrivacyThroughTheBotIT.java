package dev.rekindle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.nlu.understanding.Understanding;
import dev.rekindle.store.Store;
import dev.rekindle.telegram.FakeBotApi;
import dev.rekindle.telegram.FakeBotApi.Call;
import dev.rekindle.telegram.FakeBotApi.Group;
import dev.rekindle.telegram.FakeBotApi.Person;
import dev.rekindle.telegram.RateLimiter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy rule as a property, through the real bot: seeded random walks of both partners' commands, button
 * presses and free text, in their private chats and their linked group, pushed as Telegram updates to the fake
 * Bot API on 127.0.0.1 and answered by the real TelegramBots long polling and client, the real SQLite file,
 * the shipped dialogs and the real Understanding (models/en). Telegram's sending limits are lifted (test
 * only), so that thousands of updates take minutes, not hours; after each update the test waits (bounded, on
 * conditions) until the update is handled and the outbox is empty, i.e. every message it caused reached the
 * fake.
 *
 * <p>Every free text carries a unique marker naming its author ({@code A-00002a}). A private marker of A may
 * appear in a message to B's private chat or to the group only after A pressed a consent "yes" (bot.yaml's
 * consent_yes, or a share's or rendezvous's yes label) in their private chat for that answer: a question that
 * quotes A's answer (/traits does) releases just what it quotes; one that does not releases what A wrote
 * privately between the previous consent question to A and this one, i.e. the answer that made the bot ask
 * (each question is asked in the step of its answer, and two questions may be open at once: a private share
 * and a group rendezvous, answered in any order). A press the
 * bot refused (stale, not your turn, paused) releases nothing. Notices only a presser sees (answerCallbackQuery)
 * count as messages to the presser. Any other appearance is a leak. A
 * safety disclosure written privately is never released. The checker runs on a log of what happened, so the
 * mutation check can run it again on the same log with every yes ignored, and must then find the shares as
 * leaks. It also fails unless the walks reach at least {@value #MIN_SHARES} consented shares.
 *
 * <p>Sized on 2 cores, to keep {@code mvn verify} within its four minutes: 4 seeds of 1200 updates (4800), two
 * walks at a time, in about a minute beside the other integration tests; {@code -Dprivacy.seeds=8} walks all
 * eight seeds. {@code -Dprivacy.seeds=N
 * -Dprivacy.steps=M} run fewer; {@code -Dprivacy.dump=true} prints each walk with the bot's answers; {@code
 * -Dprivacy.ignoreYes=true} uses the mutant checker, to see how a leak is reported (the test then fails).
 */
class PrivacyThroughTheBotIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Person SAM = new Person(111222333L, "Sam"); // partner A
    private static final Person ALEX = new Person(444555666L, "Alex"); // partner B
    private static final Group US = new Group(-4012345678L, "Sam & Alex");
    private static final long[] SEEDS = java.util.Arrays.copyOf(
            new long[] {11, 22, 33, 44, 55, 66, 77, 88}, Integer.getInteger("privacy.seeds", 4));
    private static final int STEPS = Integer.getInteger("privacy.steps", 1200);
    private static final int MIN_SHARES = 100;
    private static final Pattern MARKER = Pattern.compile("\\b([AB])-([0-9a-f]{6})\\b");
    private static final List<String> SHAPES = List.of(
            "%s",
            "You made coffee for me this morning %s",
            "I feel close when we walk together %s",
            "calm and rested %s",
            "I valued how you listened to me %s",
            "thank you for dinner yesterday %s",
            "We never have time %s",
            "%s you always make me laugh",
            "I loved our walk by the river %s");
    private static final List<String> DISCLOSURES =
            List.of("%s he hits me when he's drunk", "%s i want to kill myself");
    /** The bot's answers to a press it did not act on: such a press releases nothing. */
    private static final List<String> REFUSED = List.of(
            "That button belongs to an earlier message",
            "This one is your partner's to tap",
            "This is paused for now",
            "Shared exercises are paused");

    private static DialogLibrary library;
    private static Understanding understanding;
    private static Set<String> consentYes;
    private static Set<String> consentNo;
    private static List<String> commands;
    private static List<String> sharing;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        library = Shipped.library();
        understanding = Shipped.understanding();
        Engine engine = new Engine(library);
        consentYes = new HashSet<>(Set.of(engine.botLabel("consent_yes")));
        consentNo = new HashSet<>(Set.of(engine.botLabel("consent_no")));
        // the question about an answer not yet shared when another exercise starts quotes that answer
        consentYes.add(engine.botLabel("label_unsent_send"));
        consentNo.add(engine.botLabel("label_unsent_drop"));
        Set<String> all = new TreeSet<>(List.of("/menu", "/stop", "/help"));
        Set<String> share = new TreeSet<>();
        for (Dialog d : library.dialogs()) {
            all.addAll(d.triggers().commands());
            for (State s : d.states().values()) {
                if (s.step() instanceof Step.Share || s.step() instanceof Step.Rendezvous) {
                    share.addAll(d.triggers().commands());
                }
                if (s.step() instanceof Step.Share sh) {
                    if (sh.yesLabel() != null) {
                        consentYes.add(sh.yesLabel());
                    }
                    if (sh.noLabel() != null) {
                        consentNo.add(sh.noLabel());
                    }
                }
                if (s.step() instanceof Step.Rendezvous rv && rv.consent() != null) {
                    if (rv.consent().yesLabel() != null) {
                        consentYes.add(rv.consent().yesLabel());
                    }
                    if (rv.consent().noLabel() != null) {
                        consentNo.add(rv.consent().noLabel());
                    }
                }
            }
        }
        sharing = new ArrayList<>(share);
        commands = new ArrayList<>(all);
    }

    // ---------------------------------------------------------------- the log and its checker

    /** What happened in a walk, in order: the checker's only input. */
    sealed interface Event permits Wrote, Consent, Message {}

    /** {@code author} wrote {@code marker}: privately or in the group; a safety disclosure is never released. */
    record Wrote(char author, String marker, boolean inPrivate, boolean disclosure) implements Event {}

    /**
     * An effective consent answer of {@code author} in their private chat, on a message that quoted
     * {@code quoted} (the author's markers it shows, when the question names the answer; else empty).
     */
    record Consent(char author, boolean yes, Set<String> quoted) implements Event {}

    /** A message (sent or edited) the bot made in a chat, at a step. */
    record Message(int step, long chatId, String text) implements Event {}

    /** What the checker found: leaks (marker, step, chat) and the private markers shared after a yes. */
    record Verdict(List<String> leaks, Set<String> shared) {}

    static Verdict check(List<Event> log, boolean ignoreYes) {
        Map<Character, Set<String>> pending = Map.of('A', new LinkedHashSet<>(), 'B', new LinkedHashSet<>());
        Map<Character, Set<String>> released = Map.of('A', new HashSet<>(), 'B', new HashSet<>());
        Set<String> privateMarkers = new HashSet<>();
        Set<String> disclosures = new HashSet<>();
        List<String> leaks = new ArrayList<>();
        Set<String> shared = new TreeSet<>();
        for (Event e : log) {
            if (e instanceof Wrote w) {
                if (w.disclosure()) {
                    disclosures.add(w.marker());
                } else if (w.inPrivate()) {
                    privateMarkers.add(w.marker());
                    pending.get(w.author()).add(w.marker());
                }
            } else if (e instanceof Consent c) {
                // a question that quotes the answer is about that answer; one that does not is about what the
                // author wrote privately since their previous consent answer
                Set<String> about = c.quoted().isEmpty() ? Set.copyOf(pending.get(c.author())) : c.quoted();
                if (c.yes() && !ignoreYes) {
                    released.get(c.author()).addAll(about);
                }
                pending.get(c.author()).removeAll(about);
            } else if (e instanceof Message m) {
                Matcher x = MARKER.matcher(m.text());
                while (x.find()) {
                    String marker = x.group();
                    char author = x.group(1).charAt(0);
                    long authorsChat = author == 'A' ? SAM.id() : ALEX.id();
                    if (m.chatId() == authorsChat) {
                        continue;
                    }
                    if (disclosures.contains(marker)) {
                        leaks.add("safety disclosure " + marker + " reached chat " + m.chatId() + " at step " + m.step()
                                + ", in: " + m.text());
                    } else if (privateMarkers.contains(marker)) {
                        if (released.get(author).contains(marker)) {
                            shared.add(marker);
                        } else {
                            leaks.add("private " + marker + " reached chat " + m.chatId() + " at step " + m.step()
                                    + " without its author's yes, in: " + m.text());
                        }
                    }
                }
            }
        }
        return new Verdict(leaks, shared);
    }

    // ---------------------------------------------------------------- the walk

    /** The outcome of one walk. */
    record Walk(long seed, int updates, List<Event> log, Verdict verdict, List<String> trail) {}

    @Test
    void noPrivateTextOfAPartnerReachesTheOtherOrTheGroupWithoutTheirYesThroughTheRealBot() {
        long started = System.nanoTime();
        int updates = 0;
        int shares = 0;
        int mutantLeaks = 0;
        for (Walk w : walks()) {
            long seed = w.seed();
            updates += w.updates();
            if (!w.verdict().leaks().isEmpty()) {
                fail("seed " + seed + ": " + w.verdict().leaks().get(0) + " ("
                        + w.verdict().leaks().size() + " in all)\n  after: "
                        + String.join(
                                "\n         ",
                                tail(w.trail(), w.verdict().leaks().get(0))));
            }
            // the mutation: the same log, every yes treated as refused; each real share must now be a leak
            Verdict mutant = check(w.log(), true);
            Set<String> flagged = new TreeSet<>();
            for (String leak : mutant.leaks()) {
                Matcher m = MARKER.matcher(leak);
                if (m.find()) {
                    flagged.add(m.group());
                }
            }
            assertEquals(
                    w.verdict().shared(),
                    flagged,
                    "seed " + seed + ": with every yes ignored, the checker must "
                            + "report exactly the shared answers as leaks");
            mutantLeaks += mutant.leaks().size();
            if (Boolean.getBoolean("privacy.dump")) {
                System.out.println(String.join("\n", w.trail()));
            }
            shares += w.verdict().shared().size();
            System.out.printf(
                    Locale.ROOT,
                    "PrivacyThroughTheBotIT seed %d: %d updates, %d answers shared after a yes, "
                            + "%d safety disclosures kept private, %d leaks with every yes ignored%n",
                    seed,
                    w.updates(),
                    w.verdict().shared().size(),
                    w.log().stream()
                            .filter(e -> e instanceof Wrote x && x.disclosure())
                            .count(),
                    mutant.leaks().size());
        }
        System.out.printf(
                Locale.ROOT,
                "PrivacyThroughTheBotIT: %d updates, %d shares with consent, %d mutant leaks, %d s%n",
                updates,
                shares,
                mutantLeaks,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        boolean full = System.getProperty("privacy.steps") == null && System.getProperty("privacy.seeds") == null;
        assertTrue(!full || updates >= 2000, "too few updates: " + updates);
        assertTrue(!full || shares >= MIN_SHARES, "the walks shared only " + shares + " answers after a yes");
        assertTrue(mutantLeaks > 0, "with every yes ignored the checker found nothing: the property would be vacuous");
    }

    /** The walk's last 25 steps up to and with the step of the leak. */
    private static List<String> tail(List<String> trail, String leak) {
        Matcher m = Pattern.compile("at step (\\d+)").matcher(leak);
        int end = trail.size();
        if (m.find()) {
            String next = (Integer.parseInt(m.group(1)) + 1) + ": ";
            for (int i = 0; i < trail.size(); i++) {
                if (trail.get(i).startsWith(next)) {
                    end = i;
                    break;
                }
            }
        }
        return trail.subList(Math.max(0, end - 25), end);
    }

    /**
     * Every seed's walk, two at a time (each has its own fake Bot API, bot and database, so they share nothing), in
     * seed order.
     */
    private List<Walk> walks() {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Walk>> futures = new ArrayList<>();
            for (long seed : SEEDS) {
                futures.add(pool.submit(() -> walk(seed, STEPS)));
            }
            List<Walk> out = new ArrayList<>();
            for (java.util.concurrent.Future<Walk> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the walks ran", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a walk failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Walk walk(long seed, int steps) {
        Random random = new Random(seed);
        List<Event> log = new ArrayList<>();
        List<String> trail = new ArrayList<>();
        int updates = 0;
        try (FakeBotApi api = FakeBotApi.start();
                TelegramBot bot = TelegramBot.start(
                        api.settings(Duration.ofSeconds(1)),
                        library,
                        understanding,
                        TelegramBot.Options.of(dir.resolve("seed" + seed + "/rekindle.db"))
                                .withLimits(RateLimiter.Limits.NONE))) {
            Store store = bot.store();
            makeCouple(store);
            int seen = 0;
            int marker = 0;
            // what each consent question is about: the author's private markers since the question before it
            Map<Character, Set<String>> unasked = Map.of('A', new HashSet<>(), 'B', new HashSet<>());
            Map<String, Set<String>> askedAbout = new HashMap<>();
            Person who = SAM;
            boolean inGroup = false;
            for (int step = 0; step < steps; step++) {
                if (random.nextInt(10) < 2) { // mostly go on where one was, so that exercises get somewhere
                    who = random.nextBoolean() ? SAM : ALEX;
                    inGroup = random.nextInt(3) == 0;
                }
                char author = who == SAM ? 'A' : 'B';
                long chatId = inGroup ? US.id() : who.id();
                int kind = random.nextInt(100);
                // each partner discloses once near the end (a disclosure pauses shared exercises for good)
                boolean disclose = step == steps - 4 || step == steps - 2;
                if (disclose) {
                    who = step == steps - 4 ? SAM : ALEX;
                    inGroup = false;
                    author = who == SAM ? 'A' : 'B';
                    chatId = who.id();
                }
                Call button = kind >= 40 ? shownButtons(api, chatId, random) : null;
                int update;
                Boolean consent = null;
                Set<String> quoted = new TreeSet<>();
                if (disclose) {
                    String m = String.format(Locale.ROOT, "%c-%06x", author, seed * 4096 + ++marker);
                    String text = String.format(DISCLOSURES.get(random.nextInt(DISCLOSURES.size())), m);
                    log.add(new Wrote(author, m, true, true));
                    trail.add(step + ": " + author + "@private disclosure " + m);
                    update = api.pushText(who, text);
                } else if (kind < 28 || (kind >= 40 && button == null)) {
                    String m = String.format(Locale.ROOT, "%c-%06x", author, seed * 4096 + ++marker);
                    String text = String.format(SHAPES.get(random.nextInt(SHAPES.size())), m);
                    log.add(new Wrote(author, m, !inGroup, false));
                    if (!inGroup) {
                        unasked.get(author).add(m);
                    }
                    trail.add(step + ": " + author + (inGroup ? "@group" : "@private") + " text " + m);
                    update = inGroup ? api.pushGroupText(US, who, text) : api.pushText(who, text);
                } else if (kind < 40) {
                    List<String> from = random.nextBoolean() ? sharing : commands;
                    String c = from.get(random.nextInt(from.size()));
                    trail.add(step + ": " + author + (inGroup ? "@group " : "@private ") + c);
                    update = inGroup
                            ? api.pushGroupText(US, who, c + "@" + FakeBotApi.BOT_USERNAME)
                            : api.pushText(who, c);
                } else {
                    JsonNode pressed = api.message(chatId, button.messageId());
                    List<JsonNode> row = buttons(pressed);
                    Matcher q = MARKER.matcher(pressed.path("text").asText());
                    while (q.find()) {
                        if (q.group(1).charAt(0) == author) {
                            quoted.add(q.group());
                        }
                    }
                    if (quoted.isEmpty()) {
                        quoted.addAll(askedAbout.getOrDefault(chatId + ":" + button.messageId(), Set.of()));
                    }
                    JsonNode b = row.get(random.nextInt(10) < 6 ? 0 : random.nextInt(row.size()));
                    String label = b.get("text").asText();
                    if (!inGroup && consentYes.contains(label)) {
                        consent = true;
                    } else if (!inGroup && consentNo.contains(label)) {
                        consent = false;
                    }
                    trail.add(step + ": " + author + (inGroup ? "@group" : "@private") + " press '" + label + "'");
                    update = api.pushPress(
                            who,
                            chatId,
                            button.messageId(),
                            b.get("callback_data").asText());
                }
                updates++;
                awaitQuiet(store, update, seed, step);
                List<Call> calls = api.calls();
                boolean refused = false;
                for (Call c : calls.subList(seen, calls.size())) {
                    if (c.succeeded() && c.method().equalsIgnoreCase("answerCallbackQuery") && c.text() != null) {
                        log.add(new Message(step, who.id(), c.text())); // a notice only the presser sees
                        refused |= REFUSED.stream().anyMatch(c.text()::contains);
                    }
                    if (c.succeeded()
                            && c.chatId() != null
                            && c.text() != null
                            && (c.method().equalsIgnoreCase("sendMessage")
                                    || c.method().equalsIgnoreCase("editMessageText"))) {
                        log.add(new Message(step, c.chatId(), c.text()));
                        if (c.method().equalsIgnoreCase("sendMessage")
                                && c.messageId() != null
                                && (c.chatId() == SAM.id() || c.chatId() == ALEX.id())
                                && asksConsent(c.replyMarkup())) {
                            char owner = c.chatId() == SAM.id() ? 'A' : 'B';
                            askedAbout.put(c.chatId() + ":" + c.messageId(), Set.copyOf(unasked.get(owner)));
                            unasked.get(owner).clear();
                        }
                        if (c.chatId() == chatId && REFUSED.stream().anyMatch(c.text()::contains)) {
                            refused = true;
                        }
                    }
                }
                seen = calls.size();
                if (Boolean.getBoolean("privacy.dump")) {
                    for (Event e : log) {
                        if (e instanceof Message m && m.step() == step) {
                            trail.add("      -> " + m.chatId() + ": " + m.text().replace('\n', ' '));
                        }
                    }
                }
                if (consent != null && !refused) {
                    // a consent answer the bot took: it goes before this step's messages, which it caused
                    int at = log.size();
                    while (at > 0 && log.get(at - 1) instanceof Message m && m.step() == step) {
                        at--;
                    }
                    log.add(at, new Consent(author, consent, quoted));
                    trail.set(trail.size() - 1, trail.get(trail.size() - 1) + (consent ? " (yes)" : " (no)"));
                }
            }
        }
        // -Dprivacy.ignoreYes=true: the mutant as the checker, to see how a leak is reported (the test then fails)
        return new Walk(seed, updates, log, check(log, Boolean.getBoolean("privacy.ignoreYes")), trail);
    }

    /** Whether a message's buttons ask for consent (a yes or no label of bot.yaml or a dialog). */
    private static boolean asksConsent(JsonNode replyMarkup) {
        if (replyMarkup == null) {
            return false;
        }
        for (JsonNode row : replyMarkup.path("inline_keyboard")) {
            for (JsonNode b : row) {
                String label = b.path("text").asText();
                if (consentYes.contains(label) || consentNo.contains(label)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A message with buttons the bot shows in the chat now: mostly the latest, sometimes an older one. */
    private static Call shownButtons(FakeBotApi api, long chatId, Random random) {
        List<Call> shown = new ArrayList<>();
        for (Call c : api.calls("sendMessage")) {
            if (c.succeeded()
                    && c.chatId() != null
                    && c.chatId() == chatId
                    && c.replyMarkup() != null
                    && c.messageId() != null
                    && api.showsButtons(chatId, c.messageId())) {
                shown.add(c);
            }
        }
        if (shown.isEmpty()) {
            return null;
        }
        return random.nextInt(4) == 0 ? shown.get(random.nextInt(shown.size())) : shown.get(shown.size() - 1);
    }

    private static List<JsonNode> buttons(JsonNode message) {
        List<JsonNode> all = new ArrayList<>();
        if (message != null) {
            for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
                for (JsonNode b : row) {
                    if (b.hasNonNull("callback_data")) {
                        all.add(b);
                    }
                }
            }
        }
        return all;
    }

    /** Until the update is in the inbox and done, and nothing waits in the outbox: all it caused reached the fake. */
    private static void awaitQuiet(Store store, int update, long seed, int step) {
        Instant far = Instant.now().plus(Duration.ofDays(3650));
        BooleanSupplier quiet = () -> store.inbox().highestUpdateId().orElse(0) >= update
                && store.inbox().pending().isEmpty()
                && store.outbox().due(far, 1).isEmpty();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!quiet.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("seed " + seed + ", step " + step + ": the bot did not go quiet within " + WAIT);
            }
            // a look every millisecond: three reads, which looking more often would take from the bot on 2 cores
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Sam (A) and Alex (B) as a couple with their private chats and their linked group, made through the store. */
    private static void makeCouple(Store store) {
        store.couples().createUser(SAM.id(), "Sam", ZoneOffset.UTC);
        store.couples().createUser(ALEX.id(), "Alex", ZoneOffset.UTC);
        long couple = store.couples().createCouple(SAM.id(), ALEX.id());
        store.couples().registerPrivateChat(SAM.id(), SAM.id());
        store.couples().registerPrivateChat(ALEX.id(), ALEX.id());
        store.couples().registerGroupChat(US.id(), couple);
        TelegramBotIT.onboarded(store, SAM.id());
        TelegramBotIT.onboarded(store, ALEX.id());
    }
}
