package dev.rekindle.bot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekindle.app.KeywordIntentClassifier;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.load.DialogLoader;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.nlu.understanding.TestUnderstanding;
import dev.rekindle.store.DueTimer;
import dev.rekindle.store.Member;
import dev.rekindle.store.OutboxEntry;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.sqlite.SqliteStore;
import dev.rekindle.testing.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy rule as a property: random interleavings of both partners' private and group messages, commands,
 * button presses (open and stale), safety alerts and passing time, through the real core on a real SQLite file
 * with the shipped dialogs. Every private text carries a unique marker; after every step, each message queued
 * for the other partner's private chat or for the group is searched for markers, and any private marker found
 * there must have been released by its author pressing a consent "yes" (of bot.yaml or of a share or
 * rendezvous) after writing it. A coarse oracle: it can only under-report a leak of an answer released by a yes
 * to another answer, never report one that is not there. With the release ignored, it reports the first real
 * share as a leak (tried by hand), and the test fails if a walk never shares at all.
 *
 * <p>It drives the core, not Telegram: the fake Bot API's one-message-a-second limit per chat would make
 * thousands of steps take hours. Onboarding and pairing (Java flows before the core) are not in the walk.
 */
class PrivacyPropertyIT {
    private static final long SAM = 1001L;
    private static final long ALEX = 1002L;
    private static final long GROUP = -100500L;
    /** 5 walks in {@code mvn verify} (about 20 s on 2 cores); {@code -Dprivacy.walks=N} for more. */
    private static final int SEEDS = Integer.getInteger("privacy.walks", 5);

    private static final int STEPS = 400;
    private static final Pattern PRIVATE_MARKER = Pattern.compile("p([ab])(\\d+)q");
    private static final List<String> SHAPES = List.of(
            "%s",
            "You made coffee for me this morning %s",
            "I feel close when we walk together %s",
            "calm %s",
            "I valued how you listened to me %s",
            "thank you for dinner %s",
            "We never have time %s");

    private static DialogLibrary library;
    private static Set<String> consentYes;
    private static List<String> commands;
    /** Commands of the dialogs that share an answer (share or rendezvous): drawn half the time. */
    private static List<String> sharing;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        library = DialogLoader.loadDirectory(Path.of("dialogs")).library().orElseThrow();
        consentYes = new HashSet<>();
        consentYes.add(new Engine(library).botLabel("consent_yes"));
        // "Send it now", asked when another exercise starts over an answer that waits: a yes to that answer
        consentYes.add(new Engine(library).botLabel("label_unsent_send"));
        commands = new ArrayList<>(List.of("/menu", "/stop", "/help"));
        sharing = new ArrayList<>();
        for (Dialog d : library.dialogs()) {
            commands.addAll(d.triggers().commands());
            for (State s : d.states().values()) {
                if (s.step() instanceof Step.Share || s.step() instanceof Step.Rendezvous) {
                    sharing.addAll(d.triggers().commands());
                }
                if (s.step() instanceof Step.Share sh && sh.yesLabel() != null) {
                    consentYes.add(sh.yesLabel());
                }
                if (s.step() instanceof Step.Rendezvous rv
                        && rv.consent() != null
                        && rv.consent().yesLabel() != null) {
                    consentYes.add(rv.consent().yesLabel());
                }
            }
        }
        // in a fixed order, whatever order the library lists its dialogs in (a seed's walk can still vary between
        // runs where the engine iterates a set of enums, whose order follows identity hash codes)
        commands.sort(null);
        sharing.sort(null);
    }

    @Test
    void noPrivateTextOfAPartnerReachesTheOtherOrTheGroupWithoutTheirYes() {
        int shared = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            shared += run(seed);
        }
        // not vacuous: the random walks do share answers after a yes, and each of those was checked
        assertTrue(shared > 0, "no private answer was ever shared, so the walk proved nothing");
    }

    /** One random walk; returns how many queued messages carried a private marker to another chat than the input's. */
    private int run(long seed) {
        Random random = new Random(seed);
        MovableClock clock = MovableClock.at(Instant.parse("2026-01-05T09:00:00Z"));
        try (SqliteStore store = SqliteStore.open(dir.resolve("seed" + seed + ".db"), clock)) {
            BotCore core = new BotCore(
                    new Engine(library),
                    TestUnderstanding.withoutSafety(new KeywordIntentClassifier()),
                    store,
                    clock,
                    Runnable::run);
            store.couples().createUser(SAM, "Sam", ZoneOffset.UTC);
            store.couples().createUser(ALEX, "Alex", ZoneOffset.UTC);
            long couple = store.couples().createCouple(SAM, ALEX);
            store.couples().registerPrivateChat(SAM, SAM);
            store.couples().registerPrivateChat(ALEX, ALEX);
            store.couples().registerGroupChat(GROUP, couple);

            Map<Partner, List<Integer>> written = new EnumMap<>(Partner.class);
            Map<Partner, Set<Integer>> released = new EnumMap<>(Partner.class);
            for (Partner p : Partner.values()) {
                written.put(p, new ArrayList<>());
                released.put(p, new HashSet<>());
            }
            Map<Long, List<OutboxMessage.Text>> seen =
                    Map.of(SAM, new ArrayList<>(), ALEX, new ArrayList<>(), GROUP, new ArrayList<>());
            long update = 1;
            int marker = 0;
            List<String> trail = new ArrayList<>();
            int shared = 0;
            Partner who = Partner.A;
            boolean inGroup = false;
            for (int step = 0; step < STEPS; step++) {
                if (random.nextInt(10) < 2) { // mostly go on where one was, so that exercises get somewhere
                    who = random.nextBoolean() ? Partner.A : Partner.B;
                    inGroup = random.nextInt(3) == 0;
                }
                Chat chat = inGroup ? Chat.GROUP : Chat.privateOf(who);
                long chatId = inGroup ? GROUP : (who == Partner.A ? SAM : ALEX);
                Member m = new Member(couple, who, chat);
                int kind = random.nextInt(200);
                long id = update++;
                store.inbox().receive(id, "{}");
                if (kind < 60) {
                    int n = ++marker;
                    String tag = (inGroup ? "g" : "p") + (who == Partner.A ? "a" : "b") + n + "q";
                    if (!inGroup) {
                        written.get(who).add(n);
                    }
                    String text = String.format(SHAPES.get(random.nextInt(SHAPES.size())), tag);
                    trail.add(who + "@" + chat + " text " + tag);
                    core.submit(new Received.Text(
                                    id,
                                    m,
                                    new Received.Origin(
                                            chatId, chatId == GROUP ? (who == Partner.A ? SAM : ALEX) : chatId, ""),
                                    text))
                            .join();
                } else if (kind < 75) {
                    List<String> from = random.nextBoolean() ? sharing : commands;
                    String c = from.get(random.nextInt(from.size()));
                    trail.add(who + "@" + chat + " " + c);
                    core.submit(new Received.Command(
                                    id,
                                    m,
                                    new Received.Origin(
                                            chatId, chatId == GROUP ? (who == Partner.A ? SAM : ALEX) : chatId, ""),
                                    c.substring(1),
                                    ""))
                            .join();
                } else if (kind < 192) {
                    List<OutboxMessage.Text> here = seen.get(chatId).stream()
                            .filter(s -> !s.buttons().isEmpty())
                            .toList();
                    if (here.isEmpty()) {
                        store.inbox().markDone(id);
                        continue;
                    }
                    // mostly the latest message with buttons, sometimes an older (stale) one
                    OutboxMessage.Text msg =
                            random.nextInt(4) == 0 ? here.get(random.nextInt(here.size())) : here.get(here.size() - 1);
                    // the first button usually goes on (and is the "yes" of a consent), so it is drawn more often
                    OutboxMessage.Button b = msg.buttons()
                            .get(
                                    random.nextInt(10) < 6
                                            ? 0
                                            : random.nextInt(msg.buttons().size()));
                    if (!inGroup && consentYes.contains(b.label())) {
                        released.get(who).addAll(written.get(who));
                    }
                    trail.add(who + "@" + chat + " press '" + b.label() + "'");
                    core.submit(new Received.Press(
                                    id,
                                    m,
                                    new Received.Origin(
                                            chatId, chatId == GROUP ? (who == Partner.A ? SAM : ALEX) : chatId, ""),
                                    b.data()))
                            .join();
                } else if (kind < 198) {
                    store.inbox().markDone(id);
                    clock.advance(Duration.ofMinutes(1 + random.nextInt(24 * 60)));
                    trail.add("wait");
                    for (DueTimer t : store.timers().due(clock.instant(), 100)) {
                        core.fire(t).join();
                    }
                } else {
                    SafetyKind k = random.nextInt(3) == 0
                            ? SafetyKind.ABUSE
                            : SafetyKind.CRISIS; // abuse pauses sharing for good
                    trail.add(who + "@" + chat + " safety " + k);
                    core.submit(new Received.ScreenedUnsafe(
                                    id,
                                    m,
                                    new Received.Origin(
                                            chatId, chatId == GROUP ? (who == Partner.A ? SAM : ALEX) : chatId, ""),
                                    k))
                            .join();
                }
                for (OutboxEntry e : store.outbox().due(clock.instant().plus(Duration.ofDays(365)), 1000)) {
                    if (e.kind() == OutboxKind.SEND) {
                        OutboxMessage.Text s = OutboxPayload.readText(e.payload());
                        seen.get(e.chatId()).add(s);
                        String leak = leak(e.chatId(), s.html(), released);
                        if (PRIVATE_MARKER.matcher(s.html()).find() && e.chatId() != chatId) {
                            shared++;
                        }
                        if (leak != null) {
                            fail("seed " + seed + ", step " + step + ": " + leak + "\n  in: " + s.html()
                                    + "\n  after: "
                                    + String.join(
                                            "\n         ",
                                            trail.subList(Math.max(0, trail.size() - 25), trail.size())));
                        }
                    }
                    store.outbox().markSent(e.id());
                }
            }
            return shared;
        }
    }

    /** A private marker in a message for someone other than its author, not released by the author's yes. */
    private static String leak(long chatId, String html, Map<Partner, Set<Integer>> released) {
        Matcher m = PRIVATE_MARKER.matcher(html);
        Set<String> found = new TreeSet<>();
        while (m.find()) {
            Partner author = m.group(1).equals("a") ? Partner.A : Partner.B;
            long authorsChat = author == Partner.A ? SAM : ALEX;
            if (chatId != authorsChat && !released.get(author).contains(Integer.parseInt(m.group(2)))) {
                found.add(m.group());
            }
        }
        return found.isEmpty() ? null : "private " + found + " reached chat " + chatId + " without a yes";
    }
}
