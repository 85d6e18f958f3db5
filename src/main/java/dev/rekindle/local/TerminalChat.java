package dev.rekindle.local;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.Partner;
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
 * A couple's three chats in one terminal: you type as either partner, in a private chat or the group, and
 * see every message the bot sends to anyone. Lines starting with one of the meta-commands below steer the
 * simulation; every other line (including bot commands such as /menu) goes to the bot.
 */
public final class TerminalChat {

    /** The meta-commands, one per line, for headers and help. */
    public static final String META_HELP = """
              /as A | /as B            write as partner A or B (a name works too)
              /in private | /in group  write in your private chat or in the couple's group
              /wait 10m                let time pass (90s, 10m, 2h, 1d); due timers fire
              /press N                 press button N of the latest message here with buttons (or /press Label)
              /safety KIND             pretend the safety detector raised a flow (crisis, abuse, past_trauma, ...)
              /safety check KIND       pretend it was unsure: the gentle check of that kind
              /quit                    leave\
            """;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern(
                    "EEE yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final LocalCouple couple;
    private final BufferedReader in;
    private final PrintStream out;
    private final boolean interactive;
    private Partner partner = Partner.A;
    private boolean inGroup;

    /**
     * @param interactive whether a person types (then a prompt such as {@code Sam@private> } is shown);
     *                    false for scripted input, whose output must stay free of prompts
     */
    public TerminalChat(LocalCouple couple, Reader in, PrintStream out, boolean interactive) {
        this.couple = couple;
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.out = out;
        this.interactive = interactive;
    }

    /** Reads lines until {@code /quit} or the end of input. */
    public void run() throws IOException {
        while (true) {
            if (interactive) {
                out.print(prompt());
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                if (interactive) {
                    out.println();
                }
                return;
            }
            if (!handle(line)) {
                return;
            }
        }
    }

    /** {@code Sam@private> } */
    public String prompt() {
        return couple.name(partner) + (inGroup ? "@group" : "@private") + "> ";
    }

    /** Handles one line; false when it was {@code /quit}. */
    public boolean handle(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return true;
        }
        String head = t.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        String arg = t.length() > head.length() ? t.substring(head.length()).strip() : "";
        try {
            if (head.equals("/quit")) {
                return false;
            } else if (head.equals("/as")) {
                switchPartner(arg);
            } else if (head.equals("/in")) {
                switchChat(arg);
            } else if (head.equals("/wait")) {
                waitFor(arg);
            } else if (head.equals("/press")) {
                press(arg);
            } else if (head.equals("/safety")) {
                safety(arg);
            } else {
                replies(couple.say(partner, chat(), line));
            }
        } catch (LocalCouple.EngineFailure e) {
            out.println("! " + e.getMessage());
        } catch (IllegalArgumentException e) {
            out.println("! " + e.getMessage());
        }
        return true;
    }

    public Partner partner() {
        return partner;
    }

    public Chat chat() {
        return inGroup ? Chat.GROUP : Chat.privateOf(partner);
    }

    private void switchPartner(String arg) {
        Partner p = null;
        for (Partner q : Partner.values()) {
            if (arg.equalsIgnoreCase(q.name()) || (!couple.name(q).isEmpty() && arg.equalsIgnoreCase(couple.name(q)))) {
                p = q;
            }
        }
        if (p == null) {
            String choices = "A (" + couple.name(Partner.A) + ")"
                    + (couple.isPaired() ? " or B (" + couple.name(Partner.B) + ")" : "");
            out.println("! /as needs " + choices + ", not '" + arg + "'");
            return;
        }
        if (!couple.isPaired() && p == Partner.B) {
            out.println("! there is no partner B: " + couple.name(Partner.A)
                    + " is not paired (give two names with --names to simulate a couple)");
            return;
        }
        partner = p;
        out.println("-- you are " + couple.name(p) + " (" + p + "), in " + where());
    }

    private void switchChat(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        if (a.equals("private")) {
            inGroup = false;
        } else if (a.equals("group")) {
            inGroup = true;
        } else {
            out.println("! /in needs private or group, not '" + arg + "'");
            return;
        }
        out.println("-- you are " + couple.name(partner) + " (" + partner + "), in " + where());
    }

    private void waitFor(String arg) {
        Optional<Duration> d = Durations.parse(arg);
        if (d.isEmpty()) {
            out.println("! /wait needs a duration such as 90s, 10m, 2h or 1d, not '" + arg + "'");
            return;
        }
        List<Sent> sent = couple.advance(d.get());
        out.println("-- " + Durations.format(d.get()) + " later: " + CLOCK.format(couple.now())
                + (sent.isEmpty() ? " (nothing happened)" : ""));
        print(sent);
    }

    private void press(String arg) {
        if (arg.isEmpty()) {
            out.println("! /press needs a button number (or label), e.g. /press 1");
            return;
        }
        List<Sent> sent;
        int actionsBefore = couple.actions().size();
        if (arg.chars().allMatch(Character::isDigit)) {
            int n;
            try {
                n = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                out.println("! there is no button " + arg);
                return;
            }
            sent = couple.press(partner, chat(), n);
        } else {
            sent = couple.press(partner, chat(), arg);
        }
        answers(couple.actions().subList(actionsBefore, couple.actions().size()));
        replies(sent);
    }

    /** The answer each pressed message shows from now on, under its question (an edit, not a new message). */
    private void answers(List<dev.rekindle.dialog.engine.Action> actions) {
        for (dev.rekindle.dialog.engine.Action a : actions) {
            if (a instanceof dev.rekindle.dialog.engine.Action.CloseButtons c && c.chosenLabel() != null) {
                out.println(chatLabel(c.to()) + "✓ " + c.chosenLabel());
            }
        }
    }

    private void safety(String arg) {
        String a = arg.toLowerCase(Locale.ROOT).strip();
        boolean check = a.startsWith("check ");
        java.util.Optional<SafetyKind> kind =
                SafetyKind.parse(check ? a.substring(6).strip() : a);
        if (kind.isEmpty()) {
            out.println(
                    "! /safety needs one of " + SafetyKind.ids() + " (or check and one of them), not '" + arg + "'");
            return;
        }
        replies(check ? couple.check(partner, chat(), kind.get()) : couple.safety(partner, chat(), kind.get()));
    }

    private void replies(List<Sent> sent) {
        if (sent.isEmpty()) {
            out.println("-- (no reply)");
        }
        print(sent);
    }

    private void print(List<Sent> sent) {
        for (Sent s : sent) {
            out.println(format(s));
        }
    }

    /**
     * {@code [private → Sam] text} with continuation lines indented and numbered buttons below; a pop-up that only
     * the presser sees is {@code [pop-up → Alex] text}.
     */
    public String format(Sent s) {
        String to = s.isPopup() ? "[pop-up → " + couple.name(s.popupTo()) + "] " : chatLabel(s.chat());
        StringBuilder b = new StringBuilder(to);
        String[] lines = s.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.append('\n').append("  ");
            }
            b.append(lines[i]);
        }
        if (!s.buttons().isEmpty()) {
            b.append('\n');
            for (int i = 0; i < s.buttons().size(); i++) {
                b.append("  [").append(i + 1).append("] ").append(s.buttons().get(i));
            }
        }
        return b.toString();
    }

    /** {@code [group → both] } or {@code [private → Sam] } */
    private String chatLabel(Chat chat) {
        if (chat.isGroup()) {
            return "[group → " + (couple.isPaired() ? "both" : couple.name(Partner.A)) + "] ";
        }
        return "[private → " + couple.name(chat.owner()) + "] ";
    }

    private String where() {
        return inGroup ? "the group" : "your private chat";
    }
}
