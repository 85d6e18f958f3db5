package dev.rekindle.local;

import dev.rekindle.bot.OutboxPayload;
import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message the bot sent, as a partner would see it: a message in a chat, or a pop-up that only the partner who
 * pressed a button sees (Telegram's answer to a press).
 *
 * @param chat    where it went: a partner's private chat or the group (for a pop-up, where the button was)
 * @param ref     the engine's name for the message (buttons are closed by it); null for a pop-up
 * @param html    the Telegram-HTML the engine produced
 * @param text    the plain text: tags removed, <code>&amp;lt; &amp;gt; &amp;amp; &amp;quot;</code> (and <code>&amp;#39;</code>) unescaped
 * @param buttons the button labels, in order (empty when none)
 * @param popupTo the partner who alone sees it, for a pop-up; null for a message in the chat
 */
public record Sent(Chat chat, String ref, String html, String text, List<String> buttons, Partner popupTo) {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#39|apos);");

    public Sent {
        buttons = List.copyOf(buttons);
    }

    /** A message in a chat. */
    public Sent(Chat chat, String ref, String html, String text, List<String> buttons) {
        this(chat, ref, html, text, buttons, null);
    }

    /** The pop-up a refused press gets: to its presser alone, in plain text. */
    public static Sent popup(Action.Refusal r) {
        String html = OutboxPayload.escapeHtml(r.text());
        return new Sent(r.chat(), null, html, r.text(), List.of(), r.presser());
    }

    public boolean isPopup() {
        return popupTo != null;
    }

    public static Sent of(Action.Send send) {
        List<String> labels = new ArrayList<>();
        for (Action.ButtonOut b : send.buttons()) {
            labels.add(b.label());
        }
        return new Sent(send.to(), send.ref(), send.html(), plainText(send.html()), labels);
    }

    /** Telegram-HTML to what the reader sees: tags dropped, entities unescaped in one pass. */
    public static String plainText(String html) {
        String noTags = TAG.matcher(html).replaceAll("");
        Matcher m = ENTITY.matcher(noTags);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String ch;
            if (e.equals("lt")) {
                ch = "<";
            } else if (e.equals("gt")) {
                ch = ">";
            } else if (e.equals("amp")) {
                ch = "&";
            } else if (e.equals("quot")) {
                ch = "\"";
            } else {
                ch = "'";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(ch));
        }
        m.appendTail(out);
        return out.toString();
    }

    public boolean hasButtons() {
        return !buttons.isEmpty();
    }
}
