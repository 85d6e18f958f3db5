package dev.rekindle.local;

import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.SafetyKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole bot in one terminal: you type as either person, in your private chat with the bot or in the group of
 * the two of you, and see every message the bot sends to anyone. Lines starting with one of the meta-commands below
 * steer the session; every other line (bot commands such as /start or /menu included) goes to the bot, which runs
 * as on Telegram ({@link LocalBot}).
 */
public final class TerminalChat {

    /** The meta-commands, one per line, for headers and help. */
    public static final String META_HELP = """
              /as A | /as B            write as the first or the second person (a name works too)
              /in private | /in group  write in your private chat, or in the group of the two of you (made the first time)
              /press N | /press Label  press a button of the latest message here that has buttons
              /open                    open the last invitation link the bot showed, as the person you are now
              /wait 10m                let time pass (90s, 10m, 2h, 1d): timers and reminders due on the way fire
              /safety KIND             pretend the safety detector raised a flow (crisis, abuse, past_trauma, ...)
              /explain on | off        after each message, say why: intent, safety decision, what it moved
              # a note                 a comment, for scripts: the bot never sees it
              /quit                    leave\
            """;

    /**
     * How the lines typed show in the output: after a prompt, for a person at a terminal; not at all, for a script
     * whose output is only the bot's; or each after its prompt, for a script whose output reads as a transcript.
     */
    public enum Typing {
        PERSON,
        SCRIPT,
        SCRIPT_ECHOED
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern(
                    "EEE yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final LocalBot bot;
    private final BufferedReader in;
    private final PrintStream out;
    private final Typing typing;
    private Cast.Person person;
    private boolean inGroup;

    /** A chat of {@code bot} reading {@code in}; {@code typing} says how the lines read show in {@code out}. */
    public TerminalChat(LocalBot bot, Reader in, PrintStream out, Typing typing) {
        this.bot = bot;
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.out = out;
        this.typing = typing;
        this.person = bot.cast().first();
    }

    /** Reads lines until {@code /quit} or the end of input. */
    public void run() throws IOException {
        while (true) {
            if (typing == Typing.PERSON) {
                out.print(prompt());
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (typing == Typing.PERSON) {
                    out.println();
                }
                return;
            }
            if (typing == Typing.SCRIPT_ECHOED && !line.isBlank()) {
                out.println(line.strip().startsWith("#") ? line.strip() : prompt() + line.strip());
            }
            if (!handle(line)) {
                return;
            }
        }
    }

    /** {@code Sam@private> } */
    public String prompt() {
        return person.name() + (inGroup ? "@group" : "@private") + "> ";
    }

    /** Handles one line; false when it was {@code /quit}. */
    public boolean handle(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return true;
        }
        String head = t.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String arg = t.length() > head.length() ? t.substring(head.length()).strip() : "";
        try {
            switch (head) {
                case "/quit" -> {
                    return false;
                }
                case "/as" -> switchPerson(arg);
                case "/in" -> switchChat(arg);
                case "/wait" -> waitFor(arg);
                case "/press" -> press(arg);
                case "/open" -> open();
                case "/safety" -> safety(arg);
                case "/explain" -> explain(arg);
                default -> print(bot.say(person, inGroup, t));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // what a person can act on, never a stack trace: the bot's own failures are logged on stderr
            out.println("! " + e.getMessage());
        }
        return true;
    }

    private void switchPerson(String arg) {
        Optional<Cast.Person> p = bot.cast().find(arg);
        if (p.isEmpty()) {
            StringBuilder choices = new StringBuilder();
            List<Cast.Person> people = bot.cast().people();
            for (int i = 0; i < people.size(); i++) {
                choices.append(i == 0 ? "" : " or ")
                        .append(i == 0 ? "A (" : "B (")
                        .append(people.get(i).name())
                        .append(')');
            }
            String alone = people.size() == 1
                    ? "; " + person.name() + " is alone in this session (give two names, e.g. --names Sam,Alex)"
                    : "";
            out.println("! /as needs " + choices + ", not '" + arg + "'" + alone);
            return;
        }
        person = p.get();
        out.println("-- you are " + whoAndWhere());
    }

    private void switchChat(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (a.equals("private")) {
            inGroup = false;
        } else if (a.equals("group")) {
            if (!bot.groupMade() && bot.cast().hasGroup()) {
                out.println("-- " + person.name() + " makes a group with "
                        + bot.cast().other(person).orElseThrow().name() + " and adds the bot");
            }
            bot.enterGroup(person).forEach(d -> out.println(format(d)));
            inGroup = true;
        } else {
            out.println("! /in needs private or group, not '" + arg + "'");
            return;
        }
        out.println("-- you are " + whoAndWhere());
    }

    private void waitFor(String arg) {
        Optional<Duration> d = Durations.parse(arg);
        if (d.isEmpty()) {
            out.println("! /wait needs a duration such as 90s, 10m, 2h or 1d, not '" + arg + "'");
            return;
        }
        List<Delivered> sent = bot.waitFor(d.get());
        out.println("-- " + Durations.format(d.get()) + " later: " + CLOCK.format(bot.now())
                + (sent.isEmpty() ? " (nothing happened)" : ""));
        sent.forEach(s -> out.println(format(s)));
    }

    private void press(String arg) {
        if (arg.isEmpty()) {
            out.println("! /press needs a button number (or label), e.g. /press 1");
            return;
        }
        print(bot.press(person, inGroup, arg));
    }

    private void open() {
        Optional<String> code = bot.lastInviteCode();
        if (code.isEmpty()) {
            out.println("! no invitation link was shown yet: /invite in a private chat makes one");
            return;
        }
        inGroup = false;
        out.println("-- " + person.name() + " opens the link, which sends /start " + code.get() + " in " + person.name()
                + "'s private chat");
        print(bot.say(person, false, "/start " + code.get()));
    }

    private void safety(String arg) {
        Optional<SafetyKind> kind =
                SafetyKind.parse(arg.toLowerCase(Locale.ROOT).strip());
        if (kind.isEmpty()) {
            out.println("! /safety needs one of " + SafetyKind.ids() + ", not '" + arg + "'"
                    + (arg.toLowerCase(Locale.ROOT).startsWith("check")
                            ? " (a gentle check comes from words the detector is unsure about: write them)"
                            : ""));
            return;
        }
        print(bot.safety(person, inGroup, kind.get()));
    }

    private void explain(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (!a.equals("on") && !a.equals("off")) {
            out.println("! /explain needs on or off, not '" + arg + "'");
            return;
        }
        bot.explain(a.equals("on"));
        out.println("-- explaining " + (a.equals("on") ? "each message from now on" : "nothing any more"));
    }

    private void print(LocalBot.Answer answer) {
        answer.delivered().forEach(d -> out.println(format(d)));
        answer.notes().forEach(n -> out.println("-- " + n));
    }

    /**
     * {@code [private → Sam] text}, each further line indented (an empty one left empty), the buttons numbered on a
     * line below; a file as its name, then its content indented.
     */
    public String format(Delivered d) {
        StringBuilder b = new StringBuilder(bot.cast().label(d.chatId()));
        if (d.isFile()) {
            b.append("file ").append(d.fileName()).append(':');
        }
        String[] lines = d.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0 || d.isFile()) {
                b.append('\n').append(lines[i].isEmpty() ? "" : "  ");
            }
            b.append(lines[i]);
        }
        if (!d.buttons().isEmpty()) {
            b.append('\n');
            for (int i = 0; i < d.buttons().size(); i++) {
                b.append("  [").append(i + 1).append("] ").append(d.buttons().get(i));
            }
        }
        return b.toString();
    }

    private String whoAndWhere() {
        String letter = person.equals(bot.cast().first()) ? "A" : "B";
        return person.name() + " (" + letter + "), in " + (inGroup ? "the group" : "your private chat");
    }
}
