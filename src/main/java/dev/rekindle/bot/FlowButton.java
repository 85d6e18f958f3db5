package dev.rekindle.bot;

import dev.rekindle.store.Profile.ScreeningAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A button of the bot's own flows in a private chat, as its callback data says: {@code rk:<what>:<choice>}. The
 * flows make their buttons from these records ({@link #encode}) and read a press back with {@link #parse}, so the
 * data's shape is written in one place. A press can be forged or come from an older version's message, so
 * {@code parse} takes any text and never throws: what it does not know is {@link Unknown}, answered as stale.
 */
sealed interface FlowButton {

    /** The callback data, {@code rk:<what>:<choice>} (Telegram keeps at most 64 bytes of it). */
    String encode();

    /**
     * The button {@code data} stands for, or empty when it is no button of the bot's own flows (a dialog's button,
     * which goes on to the core).
     */
    static Optional<FlowButton> parse(String data) {
        if (!data.startsWith(Sentences.PREFIX)) {
            return Optional.empty();
        }
        String[] parts = data.substring(Sentences.PREFIX.length()).split(":", 2);
        String choice = parts.length > 1 ? parts[1] : "";
        return Optional.of(
                switch (parts[0]) {
                    case "age" -> choice.equals(AgeMistake.CHOICE) ? new AgeMistake() : new Age(choice.equals("y"));
                    case "privacy" -> new Privacy(choice.equals("y"));
                    case "name" -> new TelegramName();
                    case "namecheck" ->
                        choice.startsWith("y:")
                                ? new NameIsMine(choice.substring(2))
                                : choice.startsWith("h:") ? new NameNeedsHelp(choice.substring(2)) : new AnotherName();
                    case "zone" -> new Utc();
                    case "safety" ->
                        new Screening(
                                switch (choice) {
                                    case "safe" -> ScreeningAnswer.SAFE;
                                    case "unsafe" -> ScreeningAnswer.UNSAFE;
                                    default -> ScreeningAnswer.UNSAID;
                                });
                    case "accept" -> new Accept(choice.equals("y"));
                    case "unpair" -> new Unpair(Confirmation.parse(choice));
                    case "forget" -> new Forget(Confirmation.parse(choice));
                    case ReminderDesk.WHAT -> new Reminder(choice);
                    default -> new Unknown();
                });
    }

    private static String data(String what, String choice) {
        return Sentences.PREFIX + what + ":" + choice;
    }

    /** "I am 18 or older" or "I am not". */
    record Age(boolean adult) implements FlowButton {
        @Override
        public String encode() {
            return data("age", adult ? "y" : "n");
        }
    }

    /** "My mistake: I'm 18 or older", under the answer to a first "I'm under 18": the one way to put that tap right. */
    record AgeMistake() implements FlowButton {
        static final String CHOICE = "fix";

        @Override
        public String encode() {
            return data("age", CHOICE);
        }
    }

    /** "I agree" or "I don't" to the privacy note. */
    record Privacy(boolean agreed) implements FlowButton {
        @Override
        public String encode() {
            return data("privacy", agreed ? "y" : "n");
        }
    }

    /** "Use my Telegram name". */
    record TelegramName() implements FlowButton {
        @Override
        public String encode() {
            return data("name", "tg");
        }
    }

    /** "Yes, that's my name", under a name the safety classifier alone flagged. */
    record NameIsMine(String name) implements FlowButton {
        @Override
        public String encode() {
            return data("namecheck", "y:" + name);
        }

        @Override
        public String toString() {
            return "NameIsMine[name=(" + name.length() + " chars)]";
        }
    }

    /** "Another name": the name question again. */
    record AnotherName() implements FlowButton {
        @Override
        public String encode() {
            return data("namecheck", "n");
        }
    }

    /** "I need help", under a name the safety classifier alone flagged: the words go to the safety hook. */
    record NameNeedsHelp(String words) implements FlowButton {
        @Override
        public String encode() {
            return data("namecheck", "h:" + words);
        }

        @Override
        public String toString() {
            return "NameNeedsHelp[words=(" + words.length() + " chars)]";
        }
    }

    /** "UTC" as the time zone. */
    record Utc() implements FlowButton {
        @Override
        public String encode() {
            return data("zone", "utc");
        }
    }

    /** An answer to the private safety question; anything but "safe" or "unsafe" reads as unsaid. */
    record Screening(ScreeningAnswer answer) implements FlowButton {
        @Override
        public String encode() {
            return data(
                    "safety",
                    switch (answer) {
                        case SAFE -> "safe";
                        case UNSAFE -> "unsafe";
                        case UNSAID -> "unsaid";
                    });
        }
    }

    /** Accept or decline the pairing offer of an opened invitation. */
    record Accept(boolean yes) implements FlowButton {
        @Override
        public String encode() {
            return data("accept", yes ? "y" : "n");
        }
    }

    /** "Yes, end it" or "No, keep it" under {@code /unpair}'s question. */
    record Unpair(Confirmation confirmation) implements FlowButton {
        @Override
        public String encode() {
            return data("unpair", confirmation.encode());
        }
    }

    /** "Yes, delete it all" or "No, keep it" under {@code /forget}'s question. */
    record Forget(Confirmation confirmation) implements FlowButton {
        @Override
        public String encode() {
            return data("forget", confirmation.encode());
        }
    }

    /** A button of the {@code /reminders} list; {@link ReminderDesk} makes and reads its choice. */
    record Reminder(String choice) implements FlowButton {
        @Override
        public String encode() {
            return data(ReminderDesk.WHAT, choice);
        }
    }

    /** Ours by its prefix, but nothing this version makes. */
    record Unknown() implements FlowButton {
        @Override
        public String encode() {
            return data("unknown", "");
        }
    }

    /**
     * The answer to a question that ends or deletes something. A yes carries when it was asked ({@code y:<epoch
     * seconds>}): these buttons stay on the message, and a yes is taken only for a while after it was asked.
     *
     * @param askedAt when the question was asked, in epoch seconds; empty when the data did not say (a yes made
     *                before the time was kept, or forged), which no yes is taken without
     */
    record Confirmation(boolean yes, OptionalLong askedAt) {
        /** Replicas' clocks may differ a little: a yes asked "in the future" by that much is still current. */
        private static final long CLOCK_SKEW_SECONDS = 300;

        static Confirmation yesAsked(Instant asked) {
            return new Confirmation(true, OptionalLong.of(asked.getEpochSecond()));
        }

        static Confirmation no() {
            return new Confirmation(false, OptionalLong.empty());
        }

        static Confirmation parse(String choice) {
            String[] parts = choice.split(":", 2);
            try {
                return new Confirmation(
                        choice.startsWith("y"), OptionalLong.of(Long.parseLong(parts.length > 1 ? parts[1] : "")));
            } catch (NumberFormatException e) {
                return new Confirmation(choice.startsWith("y"), OptionalLong.empty());
            }
        }

        /** A yes asked more than {@code lifetime} before {@code now}, or without its time: stale. */
        boolean expired(Instant now, Duration lifetime) {
            if (!yes) {
                return false; // "no, keep it" changes nothing, whenever it is tapped
            }
            if (askedAt.isEmpty()) {
                return true;
            }
            // in whole seconds, so that a forged time (far past, far future) is merely stale, never an exception
            long asked = askedAt.getAsLong();
            long nowSecond = now.getEpochSecond();
            return asked > nowSecond + CLOCK_SKEW_SECONDS || asked < nowSecond - lifetime.toSeconds();
        }

        String encode() {
            return !yes ? "n" : askedAt.isPresent() ? "y:" + askedAt.getAsLong() : "y";
        }
    }
}
