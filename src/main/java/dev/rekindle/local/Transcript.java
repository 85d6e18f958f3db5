package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.Source;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A conversation transcript ({@code dialogs/tests/*.yaml}): who says or presses what, in which chat, and
 * what the bot must answer. Loaded by {@link TranscriptLoader}, run by {@link TranscriptRunner}.
 *
 * @param name     what the transcript checks, in words
 * @param file     the file it came from (as given to the loader)
 * @param partners display names; only A means an unpaired user
 * @param seed     the session's random seed
 */
public record Transcript(
        String name, String file, Source source, Map<Partner, String> partners, long seed, List<TestStep> steps) {

    public Transcript {
        partners = Map.copyOf(partners);
        steps = List.copyOf(steps);
    }

    /**
     * One step of the transcript ({@code steps:} in its YAML): one thing that happens, and what the bot must answer.
     * Not the dialog language's {@link dev.rekindle.dialog.model.Step}. {@link #expect()} is null when the step does
     * not check the bot's answer.
     */
    public sealed interface TestStep permits Say, Press, Wait, Detection, JournalCheck, RemindersCheck {
        Source source();

        /** ALL messages the bot must send in response, in order ([] = none); null = not checked. */
        List<ExpectedMessage> expect();

        /** The step as a person would write it, for reports: {@code press A "Send it"}. */
        String written();
    }

    /**
     * A partner writes text (a command when it starts with '/'); {@code intent} overrides the classifier with a
     * verdict it is sure of, {@code unsure} (when not empty) with its doubt: these were its likeliest intents.
     */
    public record Say(
            Partner from,
            Chat chat,
            String text,
            String intent,
            List<String> unsure,
            List<ExpectedMessage> expect,
            Source source)
            implements TestStep {
        public Say {
            unsure = unsure == null ? List.of() : List.copyOf(unsure);
            expect = copyOrNull(expect);
        }

        /** A text with no doubt given: the classifier's own verdict, or {@code intent}. */
        public Say(Partner from, Chat chat, String text, String intent, List<ExpectedMessage> expect, Source source) {
            this(from, chat, text, intent, List.of(), expect, source);
        }

        @Override
        public String written() {
            String verdict = intent != null
                    ? " (intent " + intent + ")"
                    : unsure.isEmpty() ? "" : " (unsure: " + String.join(", ", unsure) + ")";
            return who(from, chat) + ": " + quote(text) + verdict;
        }
    }

    /**
     * A partner presses a button by label, or by {@code number} (1-based) when label is null. {@code answered} is the
     * answer the pressed message must show afterwards ({@code Alex: Not now} in the group); null = not checked.
     */
    public record Press(
            Partner from,
            Chat chat,
            String label,
            int number,
            String answered,
            List<ExpectedMessage> expect,
            Source source)
            implements TestStep {
        public Press {
            expect = copyOrNull(expect);
        }

        @Override
        public String written() {
            return "press " + who(from, chat) + " " + (label != null ? quote(label) : String.valueOf(number));
        }
    }

    /** Time passes; due timers fire. */
    public record Wait(Duration duration, List<ExpectedMessage> expect, Source source) implements TestStep {
        public Wait {
            expect = copyOrNull(expect);
        }

        @Override
        public String written() {
            return "wait " + Durations.format(duration);
        }
    }

    /**
     * The safety detector, simulated ({@code safety: {A: abuse}}): it reads a message of {@code from} in {@code chat}
     * as a flow of {@code kind}, or, with {@code check}, as the gentle check of that kind.
     */
    public record Detection(
            Partner from, Chat chat, SafetyKind kind, boolean check, List<ExpectedMessage> expect, Source source)
            implements TestStep {
        public Detection {
            expect = copyOrNull(expect);
        }

        @Override
        public String written() {
            return "safety " + who(from, chat) + " " + (check ? "check " : "") + kind.id();
        }
    }

    /** The journal so far must hold exactly these entries, in order. */
    public record JournalCheck(List<ExpectedEntry> entries, Source source) implements TestStep {
        public JournalCheck {
            entries = List.copyOf(entries);
        }

        @Override
        public List<ExpectedMessage> expect() {
            return null;
        }

        @Override
        public String written() {
            return "journal";
        }
    }

    /**
     * One expected message: where it goes (a chat, or {@code popup}: the pop-up only that partner sees when a press
     * is refused), optionally what it says and which buttons it has (null = unchecked).
     */
    public record ExpectedMessage(Chat to, Partner popup, TextCheck text, List<String> buttons, Source source) {
        public ExpectedMessage {
            buttons = copyOrNull(buttons);
        }

        /** A message in a chat. */
        public ExpectedMessage(Chat to, TextCheck text, List<String> buttons, Source source) {
            this(to, null, text, buttons, source);
        }

        public boolean matches(Sent s) {
            boolean where = popup != null ? popup == s.popupTo() : !s.isPopup() && s.chat() == to;
            return where && (text == null || text.test(s.text())) && (buttons == null || buttons.equals(s.buttons()));
        }

        /** {@code to B contains "coffee" [Yes] [No]}, or {@code pop-up to B text "..."} */
        public String describe() {
            StringBuilder b = new StringBuilder(popup != null ? "pop-up to " + popup.name() : "to " + recipient(to));
            b.append(' ').append(text == null ? "(any text)" : text.describe());
            if (buttons != null) {
                b.append(buttons.isEmpty() ? " (no buttons)" : " " + bracketed(buttons));
            }
            return b.toString();
        }
    }

    /** The reminders set so far (each replacing one of the same person, dialog and text) must be exactly these. */
    public record RemindersCheck(List<ExpectedReminder> reminders, Source source) implements TestStep {
        public RemindersCheck {
            reminders = List.copyOf(reminders);
        }

        @Override
        public List<ExpectedMessage> expect() {
            return null;
        }

        @Override
        public String written() {
            return "reminders";
        }
    }

    /** One expected reminder: for whom, at what local time (HH:MM), on which days; null fields are not checked. */
    public record ExpectedReminder(
            Partner to, String at, java.util.Set<java.time.DayOfWeek> days, TextCheck text, Source source) {
        public boolean matches(LocalCouple.SetReminder r) {
            return (to == null || to == r.recipient())
                    && (at == null || at.equals(r.at().toString()))
                    && (days == null || days.equals(r.days()))
                    && (text == null || text.test(r.text()));
        }

        /** {@code for A at 19:30 on [FRIDAY] contains "date night"} */
        public String describe() {
            StringBuilder b = new StringBuilder("for ").append(to == null ? "(anyone)" : to.name());
            if (at != null) {
                b.append(" at ").append(at);
            }
            if (days != null) {
                b.append(" on ").append(new java.util.TreeSet<>(days));
            }
            if (text != null) {
                b.append(' ').append(text.describe());
            }
            return b.toString();
        }
    }

    /** One expected journal entry; null fields are not checked. */
    public record ExpectedEntry(String kind, Partner author, String dialog, TextCheck text, Source source) {
        public boolean matches(LocalCouple.JournalEntry e) {
            return (kind == null || kind.equals(e.kind()))
                    && (author == null || author == e.author())
                    && (dialog == null || dialog.equals(e.dialog()))
                    && (text == null || text.test(e.text()));
        }

        /** {@code appreciation by A contains "coffee"} */
        public String describe() {
            StringBuilder b = new StringBuilder(kind == null ? "(any kind)" : kind);
            if (author != null) {
                b.append(" by ").append(author);
            }
            if (dialog != null) {
                b.append(" in ").append(dialog);
            }
            if (text != null) {
                b.append(' ').append(text.describe());
            }
            return b.toString();
        }
    }

    /** How a text is checked: equal (ignoring leading and trailing blanks), containing, or a regex found in it. */
    public record TextCheck(Mode mode, String value, Pattern pattern) {
        public enum Mode {
            TEXT,
            CONTAINS,
            MATCHES
        }

        public static TextCheck text(String value) {
            return new TextCheck(Mode.TEXT, value, null);
        }

        public static TextCheck contains(String value) {
            return new TextCheck(Mode.CONTAINS, value, null);
        }

        /** Throws {@link java.util.regex.PatternSyntaxException} for a bad regex. */
        public static TextCheck matches(String regex) {
            return new TextCheck(Mode.MATCHES, regex, Pattern.compile(regex));
        }

        public boolean test(String actual) {
            if (actual == null) {
                return false;
            }
            if (mode == Mode.TEXT) {
                return actual.strip().equals(value.strip());
            }
            if (mode == Mode.CONTAINS) {
                return actual.contains(value);
            }
            return pattern.matcher(actual).find();
        }

        public String describe() {
            return mode.name().toLowerCase(Locale.ROOT) + " " + quote(value);
        }
    }

    /** {@code A}, {@code B@group}: who acts where, as a transcript writes it. */
    public static String who(Partner p, Chat chat) {
        return chat.isGroup() ? p.name() + "@group" : p.name();
    }

    /** {@code A}, {@code B} or {@code group}. */
    public static String recipient(Chat chat) {
        return chat.isGroup() ? "group" : chat.name();
    }

    /** A string in double quotes with line breaks, tabs, quotes and backslashes escaped, so it fits on one line. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String bracketed(List<String> labels) {
        StringBuilder b = new StringBuilder();
        for (String l : labels) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append('[').append(l).append(']');
        }
        return b.toString();
    }

    private static <T> List<T> copyOrNull(List<T> l) {
        return l == null ? null : List.copyOf(l);
    }
}
