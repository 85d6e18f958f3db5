package dev.rekindle.bot;

import dev.rekindle.dialog.engine.Action.ButtonOut;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Engine;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.store.Couple;
import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.Invitation;
import dev.rekindle.store.InvitationGoneException;
import dev.rekindle.store.Member;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Profile.Safety;
import dev.rekindle.store.Profile.Step;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A person's way into Rekindle, in their private chat, before and around the dialogs: onboarding (who the bot is
 * for, 18+, the privacy note and consent, name, time zone, the private safety question), invitations
 * ({@code /invite}, {@code /start <code>}, accept) and {@code /unpair}. Its sentences are in bot.yaml; it keeps
 * its state in the profile, and each step is one transaction with its reply. What it does not take goes on to
 * the {@link BotCore}.
 *
 * <p>A "not safe" answer to the screening is handed to the core as {@link Received.Safety}: the same safety hook
 * as a disclosure (the abuse dialog privately, the couple's shared exercises paused, the partner never told).
 */
public final class Onboarding {
    public static final Duration INVITATION_LIFETIME = Duration.ofHours(48);
    /**
     * How long a "Yes, end it" or "Yes, delete it all" works after it was asked. These buttons stay on the
     * message; without a limit, a tap on an old question weeks later, by mistake, would end a pairing or delete
     * everything without a fresh question.
     */
    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(1);
    private static final int MAX_NAME = 40;
    private static final java.util.regex.Pattern NAME_SHAPE =
            java.util.regex.Pattern.compile("\\p{L}[\\p{L}\\p{M}'’.-]*(?: \\p{L}[\\p{L}\\p{M}'’.-]*){0,2}");

    private final Store store;
    private final Sentences say;
    private final InstantSource clock;
    private final String botUsername;
    private final SecureRandom random;
    private final Documents documents;
    private final Predicate<String> alarming;
    private final Predicate<String> alarmingWords;
    private final ReminderDesk reminders;

    /**
     * @param alarming whether the safety detector flags a text: such a text is never taken as a name or a time
     *                 zone, but handed to the core, whose safety hook answers it
     */
    public Onboarding(Store store, Engine engine, InstantSource clock, String botUsername, SecureRandom random,
                      Documents documents, Predicate<String> alarming) {
        this(store, engine, clock, botUsername, random, documents, alarming, alarming);
    }

    /**
     * @param alarming      whether the safety detector flags a text: such a text is never taken as a name or a time
     *                      zone, but handed to the core, whose safety hook answers it
     * @param alarmingWords whether the safety lexicon alone flags it: an answer to the name question that looks like
     *                      a name is the name unless the lexicon flags it, since the classifier, tuned for recall, can
     *                      take one unknown word for a disclosure ("Kim" was taken for abuse)
     */
    public Onboarding(Store store, Engine engine, InstantSource clock, String botUsername, SecureRandom random,
                      Documents documents, Predicate<String> alarming, Predicate<String> alarmingWords) {
        this.store = store;
        this.documents = documents;
        this.alarming = alarming;
        this.alarmingWords = alarmingWords;
        this.say = new Sentences(engine);
        this.reminders = new ReminderDesk(store, engine, say, clock);
        this.clock = clock;
        this.botUsername = botUsername;
        this.random = random;
    }

    /**
     * Takes a private-chat update of {@code r.who()} if it belongs to onboarding or pairing, committing its
     * reply; returns what the core should handle instead (the update itself, or a safety alert), or empty.
     */
    public Optional<Received> route(Received r, long chatId, long userId, String firstName) {
        Profile p = store.pairings().profile(userId).orElse(null);
        boolean onboarded = p != null && p.onboarded();
        if (r instanceof Received.Command c) {
            switch (c.command()) {
                case "start" -> {
                    if (!c.args().isBlank()) {
                        return openInvitation(r, p, chatId, userId, c.args().strip());
                    }
                    if (onboarded) {
                        return Optional.of(r);
                    }
                    return continueOnboarding(r, p, chatId, userId, List.of());
                }
                case "help", "stop", "support" -> { // safety help never waits for onboarding
                    return Optional.of(r);
                }
                case "invite" -> {
                    return onboarded ? invite(r, chatId, userId) : continueOnboarding(r, p, chatId, userId, List.of());
                }
                case "unpair" -> {
                    return askUnpair(r, chatId, userId);
                }
                case "export" -> {
                    byte[] file = new DataExport(store, say.plain("export_about")).of(userId, clock.instant());
                    boolean sent = documents.send(chatId, "rekindle-export.json", file);
                    store.pairings().say(Reply.of(List.of(say.say(chatId, sent ? "export_sent" : "export_failed")),
                            r.updateId()));
                    return Optional.empty();
                }
                case "reminders" -> {
                    if (!onboarded) {
                        return continueOnboarding(r, p, chatId, userId, List.of());
                    }
                    reminders.list(r.updateId(), r.who(), chatId);
                    return Optional.empty();
                }
                case "forget" -> {
                    store.pairings().say(Reply.of(List.of(say.say(chatId, "forget_confirm", Map.of(),
                            List.of(say.button("label_forget", "forget", "y:" + askedNow()),
                                    say.button("label_keep", "forget", "n")))),
                            r.updateId()));
                    return Optional.empty();
                }
                default -> {
                    return onboarded ? Optional.of(r) : continueOnboarding(r, p, chatId, userId, List.of());
                }
            }
        }
        if (r instanceof Received.Press press && press.data().startsWith(Sentences.PREFIX)) {
            return press(r, p, chatId, userId, firstName, press.data().substring(Sentences.PREFIX.length()));
        }
        if (onboarded && r instanceof Received.Text t && reminders.tookTime(r.updateId(), r.who(), chatId, t.text(), alarming)) {
            return Optional.empty();
        }
        if (onboarded) {
            return Optional.of(r);
        }
        if (r instanceof Received.Text t && p != null && p.step() == Step.ZONE && TimeZones.parse(t.text()).isPresent()) {
            // a city of our list or a UTC offset answers the question; the classifier, tuned for recall, can take
            // one unknown word for a crisis ("Toronto" did), and onboarding would never ask the safety question
            return zone(r, p, chatId, t.text());
        }
        if (r instanceof Received.Text t && p != null && p.step() == Step.NAME && looksLikeAName(t.text())
                && !alarmingWords.test(t.text()) && fitsAButton(t.text().strip()) && alarming.test(t.text())) {
            // the classifier, tuned for recall, flags some names ("Kim" reads as abuse to it); asking keeps both
            // the name and the disclosure it might be: neither is taken for the other without the person's word
            String name = t.text().strip();
            store.pairings().say(Reply.of(List.of(say.say(chatId, "onboarding_name_check", Map.of("name", name),
                    List.of(say.button("label_name_yes", "namecheck", "y:" + name),
                            say.button("label_name_other", "namecheck", "n"),
                            say.button("label_need_help", "namecheck", "h:" + name)))), r.updateId()));
            return Optional.empty();
        }
        if (r instanceof Received.Text t && alarming.test(t.text())) {
            return Optional.of(r); // safety before everything: the core's hook answers it privately
        }
        if (r instanceof Received.Text t && p != null && (p.step() == Step.NAME || p.step() == Step.ZONE)) {
            return p.step() == Step.NAME ? name(r, p, chatId, t.text().strip()) : zone(r, p, chatId, t.text());
        }
        return continueOnboarding(r, p, chatId, userId, List.of());
    }

    /**
     * The couples whose lanes {@code r} must hold: the writer's own, and for an accepted invitation also the
     * inviter's. An accept moves the invitee out of their couple of one into the inviter's couple, so it waits
     * for what is in hand in both (the invitee's earlier words, the inviter's dialogs) and both wait for it; the
     * couple it hands a safety alert to is the inviter's, which it holds. The pending invitation read here is
     * current: opening an invitation {@link #changesCouples changes couples} too, so the receiver waited for it.
     */
    public Set<Long> lanes(Received r, long userId) {
        if (r instanceof Received.Press p && p.data().equals(Sentences.PREFIX + "accept:y")) {
            Optional<Long> theirs = store.pairings().profile(userId).map(Profile::pendingInvite)
                    .flatMap(hash -> store.pairings().invitation(hash)).map(Invitation::coupleId);
            if (theirs.isPresent() && theirs.get() != r.who().coupleId()) {
                return Set.of(r.who().coupleId(), theirs.get());
            }
        }
        return Set.of(r.who().coupleId());
    }

    /**
     * Whether {@code r} may change who is in which couple (accepting an invitation, unpairing, forgetting) or
     * what a later update of the person resolves to (opening an invitation, which a later accept reads). The
     * receiver waits for such an update to be handled before it resolves the next one, so the next one goes to
     * the couple its writer is in by then.
     */
    public static boolean changesCouples(Received r) {
        if (r instanceof Received.Press p) {
            String d = p.data();
            return d.equals(Sentences.PREFIX + "accept:y") || d.equals(Sentences.PREFIX + "unpair:y")
                    || d.equals(Sentences.PREFIX + "forget:y");
        }
        return r instanceof Received.Command c && c.command().equals("start") && !c.args().isBlank();
    }

    /** The user blocked the bot: nothing more is sent to them until they write again. */
    public void blocked(long updateId, long userId) {
        if (store.couples().user(userId).isPresent()) {
            store.pairings().markUnreachable(userId, Reply.of(List.of(), updateId));
        } else {
            store.inbox().markDone(updateId);
        }
    }

    // ---------------------------------------------------------------- onboarding

    /** Starts onboarding for someone new, or asks again the question they are at. */
    private Optional<Received> continueOnboarding(Received r, Profile p, long chatId, long userId, List<Outgoing> before) {
        List<Outgoing> out = new ArrayList<>(before);
        Profile next = p == null ? Profile.start(userId) : p;
        if (next.step() == Step.ABOUT) {
            out.add(say.say(chatId, "onboarding_about"));
            next = next.at(Step.AGE);
        }
        out.add(question(chatId, next));
        store.pairings().save(next, null, null, reply(r, chatId, out));
        return Optional.empty();
    }

    private Outgoing question(long chatId, Profile p) {
        return switch (p.step()) {
            case ABOUT, AGE -> say.say(chatId, "onboarding_age", Map.of(),
                    List.of(say.button("label_adult", "age", "y"), say.button("label_minor", "age", "n")));
            case PRIVACY -> say.say(chatId, "onboarding_privacy", Map.of(),
                    List.of(say.button("label_agree", "privacy", "y"), say.button("label_disagree", "privacy", "n")));
            case NAME -> say.say(chatId, "onboarding_name", Map.of(), List.of(say.button("label_telegram_name", "name", "tg")));
            case ZONE -> say.say(chatId, "onboarding_zone", Map.of(), List.of(say.button("label_utc", "zone", "utc")));
            case SAFETY -> say.say(chatId, "onboarding_safety", Map.of(), List.of(say.button("label_safe", "safety", "safe"),
                    say.button("label_unsafe", "safety", "unsafe"), say.button("label_unsaid", "safety", "unsaid")));
            case UNDER_AGE -> say.say(chatId, "onboarding_under_age");
            case DONE -> say.say(chatId, "onboarding_done");
        };
    }

    private Optional<Received> press(Received r, Profile p, long chatId, long userId, String firstName, String data) {
        Step step = p == null ? Step.ABOUT : p.step();
        String[] parts = data.split(":", 2);
        String what = parts[0];
        String choice = parts.length > 1 ? parts[1] : "";
        Instant now = clock.instant();
        switch (what) {
            case "age" -> {
                if (step != Step.AGE) {
                    break;
                }
                Profile next = choice.equals("y") ? p.adult(true).at(Step.PRIVACY) : p.adult(false).at(Step.UNDER_AGE);
                store.pairings().save(next, null, null, reply(r, chatId, List.of(question(chatId, next))));
                return Optional.empty();
            }
            case "privacy" -> {
                if (step != Step.PRIVACY) {
                    break;
                }
                if (choice.equals("y")) {
                    Profile next = p.consentedAt(now).at(Step.NAME);
                    store.pairings().save(next, null, null, reply(r, chatId, List.of(question(chatId, next))));
                } else {
                    store.pairings().save(p.at(Step.ABOUT), null, null,
                            reply(r, chatId, List.of(say.say(chatId, "onboarding_no_consent"))));
                }
                return Optional.empty();
            }
            case "name" -> {
                if (step != Step.NAME) {
                    break;
                }
                return name(r, p, chatId, firstName == null || firstName.isBlank() ? "you" : firstName.strip());
            }
            case "namecheck" -> {
                if (step != Step.NAME) {
                    break;
                }
                if (choice.startsWith("y:")) {
                    return name(r, p, chatId, choice.substring(2));
                }
                if (choice.startsWith("h:")) {
                    // the words as written go to the core, whose safety hook answers them privately
                    return Optional.of(new Received.Text(r.updateId(), r.who(), choice.substring(2)));
                }
                store.pairings().say(reply(r, chatId, List.of(question(chatId, p))));
                return Optional.empty();
            }
            case "zone" -> {
                if (step != Step.ZONE) {
                    break;
                }
                return zone(r, p, chatId, "UTC");
            }
            case "safety" -> {
                if (step == Step.DONE && p.unsafe() && choice.equals("unsafe")) {
                    // again, or handled again after a crash before the core's commit: the help comes (again)
                    return Optional.of(new Received.Safety(r.updateId(), r.who(), SafetyKind.ABUSE));
                }
                if (step != Step.SAFETY) {
                    break;
                }
                return screened(r, p, chatId, userId, switch (choice) {
                    case "safe" -> Safety.SAFE;
                    case "unsafe" -> Safety.UNSAFE;
                    default -> Safety.UNSAID;
                });
            }
            case "accept" -> {
                if (p == null || !p.onboarded() || p.pendingInvite() == null) {
                    break;
                }
                return choice.equals("y") ? accept(r, p, chatId, userId) : decline(r, p, chatId);
            }
            case "unpair" -> {
                if (confirmedLongAgo(choice, now)) {
                    break;
                }
                return unpair(r, chatId, userId, choice.startsWith("y"));
            }
            case "forget" -> {
                if (confirmedLongAgo(choice, now)) {
                    break;
                }
                return forget(r, chatId, userId, choice.startsWith("y"));
            }
            case ReminderDesk.WHAT -> {
                if (p == null || !p.onboarded()) {
                    break;
                }
                reminders.press(r.updateId(), r.who(), chatId, choice);
                return Optional.empty();
            }
            default -> {
                // an unknown press of ours: answered as stale below
            }
        }
        store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "stale_button"))));
        return Optional.empty();
    }

    /** One to three words of letters (with ' - . inside), as names are written: "Kim", "Anne-Marie", "Mary Jo". */
    static boolean looksLikeAName(String text) {
        String t = text.strip();
        return t.length() <= MAX_NAME && NAME_SHAPE.matcher(t).matches();
    }

    /** Telegram keeps at most 64 bytes of a button's data; a longer name is not asked about. */
    private static boolean fitsAButton(String name) {
        return (Sentences.PREFIX + "namecheck:h:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 64;
    }

    private Optional<Received> name(Received r, Profile p, long chatId, String name) {
        if (name.isEmpty() || name.length() > MAX_NAME || name.contains("\n")) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "onboarding_name_invalid"))));
            return Optional.empty();
        }
        Profile next = p.at(Step.ZONE);
        store.pairings().save(next, name, null, reply(r, chatId, List.of(question(chatId, next))));
        return Optional.empty();
    }

    private Optional<Received> zone(Received r, Profile p, long chatId, String text) {
        Optional<ZoneId> zone = TimeZones.parse(text);
        if (zone.isEmpty()) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "onboarding_zone_unknown", Map.of(),
                    List.of(say.button("label_utc", "zone", "utc"))))));
            return Optional.empty();
        }
        Profile next = p.at(Step.SAFETY);
        store.pairings().save(next, null, zone.get(), reply(r, chatId, List.of(question(chatId, next))));
        return Optional.empty();
    }

    private Optional<Received> screened(Received r, Profile p, long chatId, long userId, Safety answer) {
        Profile next = p.screened(answer, clock.instant()).at(Step.DONE);
        User user = store.couples().user(userId).orElseThrow();
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "onboarding_done", Map.of("name", user.displayName(), "zone", user.timeZone().getId())));
        if (next.pendingInvite() != null) {
            offer(chatId, next.pendingInvite(), out);
        }
        if (answer == Safety.UNSAFE) {
            // the core commits the safety dialog and marks the update done
            store.pairings().save(next, null, null, new Reply(closing(r, chatId, out), OptionalLong.empty()));
            return Optional.of(new Received.Safety(r.updateId(), r.who(), SafetyKind.ABUSE));
        }
        store.pairings().save(next, null, null, reply(r, chatId, out));
        return Optional.empty();
    }

    // ---------------------------------------------------------------- invitations

    private Optional<Received> invite(Received r, long chatId, long userId) {
        Couple couple = store.couples().coupleOf(userId).orElseThrow();
        if (couple.status() == CoupleStatus.ACTIVE) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "invite_already_paired",
                    Map.of("partner", partnerName(couple, userId))))));
            return Optional.empty();
        }
        InviteCode code = InviteCode.random(random);
        String link = "https://t.me/" + botUsername + "?start=" + code.code();
        store.pairings().invite(code.hash(), couple.id(), userId, clock.instant().plus(INVITATION_LIFETIME),
                reply(r, chatId, List.of(say.say(chatId, "invite_link", Map.of("link", link)))));
        return Optional.empty();
    }

    private Optional<Received> openInvitation(Received r, Profile p, long chatId, long userId, String code) {
        String problem = invitationProblem(code, userId);
        if (problem != null) {
            List<Outgoing> out = List.of(say.say(chatId, problem));
            if (p == null) {
                return continueOnboarding(r, null, chatId, userId, out);
            }
            store.pairings().say(reply(r, chatId, out));
            return Optional.empty();
        }
        String hash = new InviteCode(code).hash();
        if (p == null || !p.onboarded()) {
            Profile base = p == null ? Profile.start(userId) : p;
            return continueOnboarding(r, base.pendingInvite(hash), chatId, userId, List.of());
        }
        List<Outgoing> out = new ArrayList<>();
        offer(chatId, hash, out);
        store.pairings().save(p.pendingInvite(hash), null, null, reply(r, chatId, out));
        return Optional.empty();
    }

    /** The bot.yaml key that says why this code cannot be used by this user, or null when it can. */
    private String invitationProblem(String code, long userId) {
        if (!InviteCode.wellFormed(code)) {
            return "code_malformed";
        }
        Optional<Invitation> inv = store.pairings().invitation(new InviteCode(code).hash());
        if (inv.isEmpty()) {
            return "code_unknown";
        }
        if (inv.get().inviter() == userId) {
            return "code_own";
        }
        if (inv.get().used() != null) {
            return "code_used";
        }
        if (!clock.instant().isBefore(inv.get().expires())) {
            return "code_expired";
        }
        Optional<Couple> mine = store.couples().coupleOf(userId);
        if (mine.isPresent() && mine.get().status() == CoupleStatus.ACTIVE) {
            return "code_already_paired";
        }
        Optional<Couple> theirs = store.couples().couple(inv.get().coupleId());
        if (theirs.isEmpty() || theirs.get().status() != CoupleStatus.FORMING
                || !theirs.get().users().containsValue(inv.get().inviter())) {
            return "code_used";
        }
        return null;
    }

    private void offer(long chatId, String hash, List<Outgoing> out) {
        Optional<Invitation> inv = store.pairings().invitation(hash);
        String inviter = inv.flatMap(i -> store.couples().user(i.inviter())).map(User::displayName).orElse("");
        out.add(say.say(chatId, "pairing_offer", Map.of("partner", inviter),
                List.of(say.button("label_accept", "accept", "y"), say.button("label_decline", "accept", "n"))));
    }

    private Optional<Received> accept(Received r, Profile p, long chatId, long userId) {
        String hash = p.pendingInvite();
        Optional<Invitation> inv = store.pairings().invitation(hash);
        if (inv.isEmpty()) {
            return gone(r, p, chatId, "code_unknown");
        }
        long inviter = inv.get().inviter();
        String inviterName = store.couples().user(inviter).map(User::displayName).orElse("");
        String myName = store.couples().user(userId).map(User::displayName).orElse("");
        OptionalLong inviterChat = store.couples().chatId(inv.get().coupleId(), Chat.A);
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "pairing_done_invited", Map.of("partner", inviterName)));
        inviterChat.ifPresent(id -> out.add(say.say(id, "pairing_done_inviter", Map.of("partner", myName))));
        boolean unsafe = p.unsafe();
        long coupleId;
        try {
            coupleId = store.pairings().accept(hash, userId, chatId, clock.instant(),
                    unsafe ? new Reply(closing(r, chatId, out), OptionalLong.empty()) : reply(r, chatId, out));
        } catch (InvitationGoneException e) {
            Invitation i = inv.get();
            return gone(r, p, chatId, i.used() != null ? "code_used"
                    : !clock.instant().isBefore(i.expires()) ? "code_expired" : "code_used");
        }
        if (unsafe) {
            // the screening's answer belongs to the person, not to a couple: the new couple's shared exercises pause too
            return Optional.of(new Received.Safety(r.updateId(), new Member(coupleId, Partner.B, Chat.B), SafetyKind.ABUSE));
        }
        return Optional.empty();
    }

    private Optional<Received> gone(Received r, Profile p, long chatId, String key) {
        store.pairings().save(p.pendingInvite(null), null, null, reply(r, chatId, List.of(say.say(chatId, key))));
        return Optional.empty();
    }

    private Optional<Received> decline(Received r, Profile p, long chatId) {
        store.pairings().save(p.pendingInvite(null), null, null,
                reply(r, chatId, List.of(say.say(chatId, "pairing_declined"))));
        return Optional.empty();
    }

    // ---------------------------------------------------------------- unpairing

    private Optional<Received> askUnpair(Received r, long chatId, long userId) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        if (couple.isEmpty() || couple.get().status() != CoupleStatus.ACTIVE) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "unpair_not_paired"))));
            return Optional.empty();
        }
        store.pairings().say(Reply.of(List.of(say.say(chatId, "unpair_confirm",
                Map.of("partner", partnerName(couple.get(), userId)),
                List.of(say.button("label_unpair", "unpair", "y:" + askedNow()), say.button("label_keep", "unpair", "n")))),
                r.updateId()));
        return Optional.empty();
    }

    private Optional<Received> unpair(Received r, long chatId, long userId, boolean yes) {
        Optional<Couple> couple = store.couples().coupleOf(userId);
        if (couple.isEmpty() || couple.get().status() != CoupleStatus.ACTIVE) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "unpair_not_paired"))));
            return Optional.empty();
        }
        if (!yes) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "unpair_kept"))));
            return Optional.empty();
        }
        Couple c = couple.get();
        Partner me = partnerOf(c, userId);
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "unpair_done"));
        store.couples().chatId(c.id(), Chat.privateOf(me.other())).ifPresent(id -> out.add(say.say(id, "unpair_told")));
        store.pairings().dissolve(c.id(), reply(r, chatId, out));
        return Optional.empty();
    }

    // ---------------------------------------------------------------- data rights

    private Optional<Received> forget(Received r, long chatId, long userId, boolean yes) {
        if (!yes) {
            store.pairings().say(reply(r, chatId, List.of(say.say(chatId, "forget_kept"))));
            return Optional.empty();
        }
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(chatId, "forget_done"));
        store.couples().coupleOf(userId).filter(c -> c.status() == CoupleStatus.ACTIVE).ifPresent(c ->
                store.couples().chatId(c.id(), Chat.privateOf(partnerOf(c, userId).other()))
                        .ifPresent(id -> out.add(say.say(id, "unpair_told"))));
        store.pairings().forget(userId, reply(r, chatId, out));
        return Optional.empty();
    }

    /**
     * The update's reply: when it answers a press of ours, the pressed message's buttons close first, so no
     * question of onboarding, pairing or a confirmation can be answered twice (a dialog's buttons close the same way).
     */
    private Reply reply(Received r, long chatId, List<Outgoing> out) {
        return Reply.of(closing(r, chatId, out), r.updateId());
    }

    private List<Outgoing> closing(Received r, long chatId, List<Outgoing> out) {
        List<Outgoing> all = new ArrayList<>(say.closePressed(chatId, r));
        all.addAll(out);
        return all;
    }

    /** When a confirmation is asked, in epoch seconds, for its "yes" button's data ("y:1796040106"). */
    private long askedNow() {
        return clock.instant().getEpochSecond();
    }

    /** A "yes" asked more than CONFIRMATION_LIFETIME ago, or without its time (made before it was kept): stale. */
    private static boolean confirmedLongAgo(String choice, Instant now) {
        if (!choice.startsWith("y")) {
            return false; // "no, keep it" changes nothing, whenever it is tapped
        }
        String[] parts = choice.split(":", 2);
        try {
            Instant asked = Instant.ofEpochSecond(Long.parseLong(parts.length > 1 ? parts[1] : ""));
            return now.isAfter(asked.plus(CONFIRMATION_LIFETIME));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static Partner partnerOf(Couple c, long userId) {
        return c.users().entrySet().stream().filter(e -> e.getValue() == userId).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("user " + userId + " is not in couple " + c.id()));
    }

    private String partnerName(Couple c, long userId) {
        Long other = c.users().get(partnerOf(c, userId).other());
        return other == null ? "" : store.couples().user(other).map(User::displayName).orElse("");
    }
}
