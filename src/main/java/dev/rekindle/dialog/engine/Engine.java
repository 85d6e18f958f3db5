package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.Template;
import java.time.Instant;
import java.util.Map;

/**
 * The dialog engine: a pure function of (session, input, now). It never reads a clock, does no I/O
 * and draws randomness only from the session's own seed, so the same call always gives the same outcome.
 */
public final class Engine {
    private final DialogLibrary library;

    public Engine(DialogLibrary library) {
        this.library = library;
    }

    public DialogLibrary library() {
        return library;
    }

    public Outcome handle(Session session, Input input, Instant now) {
        if (session.schema() != Session.SCHEMA) {
            throw new IllegalArgumentException("session schema " + session.schema() + " is not " + Session.SCHEMA
                    + "; read sessions through SessionJson, which migrates them");
        }
        Turn turn = new Turn(library, session, now);
        turn.handle(input);
        return turn.finish();
    }

    /**
     * The bot's own sentence {@code key} of bot.yaml, said in {@code chat} outside any dialog: for what the
     * engine has no input for (a photo where words were expected, an update that failed). Nothing else of
     * the session changes but its counters, so the sentence gets a fresh ref and variants do not repeat.
     */
    public Outcome sayBot(Session session, Chat chat, String key, Instant now) {
        if (!library.bot().messages().containsKey(key)) {
            throw new IllegalArgumentException("bot.yaml has no message '" + key + "'; add it under messages:");
        }
        Turn turn = new Turn(library, session, now);
        turn.sayBot(chat, key);
        return turn.finish();
    }

    /**
     * A sentence of bot.yaml as Telegram HTML, for the bot's own flows outside dialogs (onboarding, pairing, the
     * group): its first variant, with each {placeholder} filled from {@code values} (plain text, escaped here;
     * an unknown one becomes empty). Pure, like the rest of the engine.
     */
    public String botSentence(String key, Map<String, String> values) {
        String text = library.bot().message(key).variants().get(0);
        try {
            return Html.render(Template.parse(text), ref -> values.getOrDefault(ref.toString(), ""));
        } catch (Template.SyntaxException e) {
            throw new IllegalStateException("bot.yaml message '" + key + "' has a bad placeholder: " + e.getMessage()
                    + "; write {{ and }} for literal braces");
        }
    }

    /** A bot.yaml sentence as plain text, for a button label. */
    public String botLabel(String key) {
        return Html.plain(botSentence(key, Map.of()));
    }

    /** Telegram HTML as the plain text a person reads, e.g. a reminder's sentence quoted in a list. */
    public static String plainText(String html) {
        return Html.plain(html);
    }

    /**
     * The engine's name of the message a button sits on, from the button's data (what {@link Action.CloseButtons}
     * names it by); empty for data that is not the engine's.
     */
    public static java.util.Optional<String> messageOf(String buttonData) {
        return CallbackData.parse(buttonData).map(CallbackData::ref);
    }

    /** What a {@code time_of_day} check makes of a text: {@code HH:MM}, or empty when it is not a time. */
    public static java.util.Optional<String> timeOfDay(String text) {
        return AnswerCheck.timeOfDay(text.strip());
    }
}
