package dev.rekindle.bot;

import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.store.Outgoing;
import dev.rekindle.store.Profile;
import dev.rekindle.store.Profile.OnboardingStage;
import dev.rekindle.store.Profile.ScreeningAnswer;
import dev.rekindle.store.Reply;
import dev.rekindle.store.Store;
import dev.rekindle.store.User;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The onboarding questions, one at a time: who the bot is for, 18+, the privacy note and consent, the name, the
 * time zone and the private safety question. The step a person is on is kept in their profile; each answer is
 * one transaction with the next question.
 *
 * <p>A "not safe" answer to the screening is handed to the core as {@link Received.ScreenedUnsafe}: the same safety
 * hook as a disclosure (the abuse dialog privately, the couple's shared exercises paused, the partner never told).
 */
final class OnboardingQuestions {
    private static final int MAX_NAME = 40;
    private static final Pattern NAME_SHAPE =
            Pattern.compile("\\p{L}[\\p{L}\\p{M}'’.-]*(?: \\p{L}[\\p{L}\\p{M}'’.-]*){0,2}");

    private final Store store;
    private final Sentences say;
    private final PairingOffer offer;
    private final InstantSource clock;
    private final Predicate<String> alarming;
    private final Predicate<String> alarmingWords;

    OnboardingQuestions(
            Store store,
            Sentences say,
            PairingOffer offer,
            InstantSource clock,
            Predicate<String> alarming,
            Predicate<String> alarmingWords) {
        this.store = store;
        this.say = say;
        this.offer = offer;
        this.clock = clock;
        this.alarming = alarming;
        this.alarmingWords = alarmingWords;
    }

    /** Starts onboarding for someone new, or asks again the question they are at. */
    Optional<Received> continueOnboarding(Received r, Profile p, long chatId, long userId, List<Outgoing> before) {
        List<Outgoing> out = new ArrayList<>(before);
        Profile next = p == null ? Profile.start(userId) : p;
        if (next.step() == OnboardingStage.ABOUT) {
            out.add(say.say(chatId, "onboarding_about"));
            next = next.at(OnboardingStage.AGE);
        }
        out.add(question(chatId, next));
        store.pairings().save(next, null, null, say.reply(r, chatId, out));
        return Optional.empty();
    }

    /**
     * Free text from someone not yet onboarded: the answer to the name or time zone question when it is one,
     * else handed to the core when the safety detector flags it, else the question again.
     */
    Optional<Received> text(Received.Text t, Profile p, long chatId, long userId) {
        OnboardingStage step = p == null ? null : p.step();
        if (step == OnboardingStage.ZONE && TimeZones.parse(t.text()).isPresent()) {
            // a city of our list or a UTC offset answers the question; the classifier, tuned for recall, can take
            // one unknown word for a crisis ("Toronto" did), and onboarding would never ask the safety question
            return zone(t, p, chatId, t.text());
        }
        if (step == OnboardingStage.NAME
                && looksLikeAName(t.text())
                && !alarmingWords.test(t.text())
                && fitsAButton(t.text().strip())
                && alarming.test(t.text())) {
            // the classifier, tuned for recall, flags some names ("Kim" reads as abuse to it); asking keeps both
            // the name and the disclosure it might be: neither is taken for the other without the person's word
            String name = t.text().strip();
            store.pairings()
                    .say(Reply.of(
                            List.of(say.say(
                                    chatId,
                                    "onboarding_name_check",
                                    Map.of("name", name),
                                    List.of(
                                            say.button("label_name_yes", new FlowButton.NameIsMine(name)),
                                            say.button("label_name_other", new FlowButton.AnotherName()),
                                            say.button("label_need_help", new FlowButton.NameNeedsHelp(name))))),
                            t.updateId()));
            return Optional.empty();
        }
        if (alarming.test(t.text())) {
            return Optional.of(t); // safety before everything: the core's hook answers it privately
        }
        if (step == OnboardingStage.NAME || step == OnboardingStage.ZONE) {
            return step == OnboardingStage.NAME ? name(t, p, chatId, t.text().strip()) : zone(t, p, chatId, t.text());
        }
        return continueOnboarding(t, p, chatId, userId, List.of());
    }

    /**
     * A press on a question's button, which the person is at (or, for the safety question, answered "not safe"
     * to before).
     */
    Optional<Received> press(Received r, Profile p, long chatId, long userId, String firstName, FlowButton button) {
        if (button instanceof FlowButton.Age a) {
            Profile next = a.adult()
                    ? p.adult(true).at(OnboardingStage.PRIVACY)
                    : p.adult(false).at(OnboardingStage.UNDER_AGE);
            // a first "under 18" may be a slip of the finger: its answer offers one way back. Anyone who had said 18+
            // before (and so may have corrected a slip already) gets the answer alone
            Outgoing answer = a.adult() || p.adult() ? question(chatId, next) : underAgeCorrectable(chatId);
            store.pairings().save(next, null, null, say.reply(r, chatId, List.of(answer)));
        } else if (button instanceof FlowButton.AgeMistake) {
            Profile next = p.adult(true).at(OnboardingStage.PRIVACY);
            store.pairings().save(next, null, null, say.reply(r, chatId, List.of(question(chatId, next))));
        } else if (button instanceof FlowButton.Privacy privacy && privacy.agreed()) {
            Profile next = p.consentedAt(clock.instant()).at(OnboardingStage.NAME);
            store.pairings().save(next, null, null, say.reply(r, chatId, List.of(question(chatId, next))));
        } else if (button instanceof FlowButton.Privacy) {
            store.pairings()
                    .save(
                            p.at(OnboardingStage.ABOUT),
                            null,
                            null,
                            say.reply(r, chatId, List.of(say.say(chatId, "onboarding_no_consent"))));
        } else if (button instanceof FlowButton.TelegramName) {
            return name(r, p, chatId, firstName == null || firstName.isBlank() ? "you" : firstName.strip());
        } else if (button instanceof FlowButton.NameIsMine mine) {
            return name(r, p, chatId, mine.name());
        } else if (button instanceof FlowButton.NameNeedsHelp help) {
            // the words as written go to the core, whose safety hook answers them privately
            return Optional.of(new Received.Text(r.updateId(), r.who(), r.from(), help.words()));
        } else if (button instanceof FlowButton.AnotherName) {
            store.pairings().say(say.reply(r, chatId, List.of(question(chatId, p))));
        } else if (button instanceof FlowButton.Utc) {
            return zone(r, p, chatId, "UTC");
        } else if (button instanceof FlowButton.Screening && p.step() == OnboardingStage.DONE) {
            // again, or handled again after a crash before the core's commit: the help comes (again)
            return Optional.of(new Received.ScreenedUnsafe(r.updateId(), r.who(), r.from(), SafetyKind.ABUSE));
        } else if (button instanceof FlowButton.Screening s) {
            return screened(r, p, chatId, userId, s.answer());
        } else {
            throw new IllegalArgumentException("not a button of an onboarding question: " + button);
        }
        return Optional.empty();
    }

    private Outgoing question(long chatId, Profile p) {
        return switch (p.step()) {
            case ABOUT, AGE ->
                say.say(
                        chatId,
                        "onboarding_age",
                        Map.of(),
                        List.of(
                                say.button("label_adult", new FlowButton.Age(true)),
                                say.button("label_minor", new FlowButton.Age(false))));
            case PRIVACY ->
                say.say(
                        chatId,
                        "onboarding_privacy",
                        Map.of(),
                        List.of(
                                say.button("label_agree", new FlowButton.Privacy(true)),
                                say.button("label_disagree", new FlowButton.Privacy(false))));
            case NAME ->
                say.say(
                        chatId,
                        "onboarding_name",
                        Map.of(),
                        List.of(say.button("label_telegram_name", new FlowButton.TelegramName())));
            case ZONE ->
                say.say(chatId, "onboarding_zone", Map.of(), List.of(say.button("label_utc", new FlowButton.Utc())));
            case SAFETY ->
                say.say(
                        chatId,
                        "onboarding_safety",
                        Map.of(),
                        List.of(
                                say.button("label_safe", new FlowButton.Screening(ScreeningAnswer.SAFE)),
                                say.button("label_unsafe", new FlowButton.Screening(ScreeningAnswer.UNSAFE)),
                                say.button("label_unsaid", new FlowButton.Screening(ScreeningAnswer.UNSAID))));
            case UNDER_AGE -> say.say(chatId, "onboarding_under_age");
            case DONE -> say.say(chatId, "onboarding_done");
        };
    }

    /** The under-age answer with its one button: "My mistake: I'm 18 or older". */
    private Outgoing underAgeCorrectable(long chatId) {
        return say.say(
                chatId,
                "onboarding_under_age",
                Map.of(),
                List.of(say.button("label_age_mistake", new FlowButton.AgeMistake())));
    }

    /** One to three words of letters (with ' - . inside), as names are written: "Kim", "Anne-Marie", "Mary Jo". */
    static boolean looksLikeAName(String text) {
        String t = text.strip();
        return t.length() <= MAX_NAME && NAME_SHAPE.matcher(t).matches();
    }

    /** Telegram keeps at most 64 bytes of a button's data; a longer name is not asked about. */
    private static boolean fitsAButton(String name) {
        return new FlowButton.NameNeedsHelp(name).encode().getBytes(StandardCharsets.UTF_8).length <= 64;
    }

    private Optional<Received> name(Received r, Profile p, long chatId, String name) {
        if (name.isEmpty() || name.length() > MAX_NAME || name.contains("\n")) {
            store.pairings().say(say.reply(r, chatId, List.of(say.say(chatId, "onboarding_name_invalid"))));
            return Optional.empty();
        }
        Profile next = p.at(OnboardingStage.ZONE);
        store.pairings().save(next, name, null, say.reply(r, chatId, List.of(question(chatId, next))));
        return Optional.empty();
    }

    private Optional<Received> zone(Received r, Profile p, long chatId, String text) {
        Optional<ZoneId> zone = TimeZones.parse(text);
        if (zone.isEmpty()) {
            store.pairings()
                    .say(say.reply(
                            r,
                            chatId,
                            List.of(say.say(
                                    chatId,
                                    "onboarding_zone_unknown",
                                    Map.of(),
                                    List.of(say.button("label_utc", new FlowButton.Utc()))))));
            return Optional.empty();
        }
        Profile next = p.at(OnboardingStage.SAFETY);
        store.pairings().save(next, null, zone.get(), say.reply(r, chatId, List.of(question(chatId, next))));
        return Optional.empty();
    }

    private Optional<Received> screened(Received r, Profile p, long chatId, long userId, ScreeningAnswer answer) {
        Profile next = p.screened(answer, clock.instant()).at(OnboardingStage.DONE);
        User user = store.couples().user(userId).orElseThrow();
        List<Outgoing> out = new ArrayList<>();
        out.add(say.say(
                chatId,
                // invited: the invitation follows at once, so "send /invite" would be the wrong next step
                next.pendingInvite() != null ? "onboarding_done_invited" : "onboarding_done",
                Map.of("name", user.displayName(), "zone", user.timeZone().getId())));
        if (next.pendingInvite() != null) {
            out.add(offer.of(chatId, next.pendingInvite()));
        }
        if (answer == ScreeningAnswer.UNSAFE) {
            // the core commits the safety dialog and marks the update done
            store.pairings().save(next, null, null, new Reply(say.closing(r, chatId, out), OptionalLong.empty()));
            return Optional.of(new Received.ScreenedUnsafe(r.updateId(), r.who(), r.from(), SafetyKind.ABUSE));
        }
        store.pairings().save(next, null, null, say.reply(r, chatId, out));
        return Optional.empty();
    }
}
