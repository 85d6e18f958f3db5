package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Message;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Template;
import java.util.List;
import java.util.Map;

/**
 * What the bot says, as Telegram HTML: a variant picked from the session's seed, placeholders filled as the
 * recipient may see them ({@link Values}), and the buttons a message carries.
 */
final class Rendering {
    private final Turn t;
    private final Variants variants;

    Rendering(Turn t, Variants variants) {
        this.t = t;
        this.variants = variants;
    }

    void say(Chat to, Message message, String key, Values.Ctx ctx) {
        String html = render(message, key, ctx);
        t.emit(new Action.Send(to, Refs.message(t.nextSeq()), html, List.of()));
    }

    void sayBot(Chat to, String key) {
        say(to, t.bot.message(key), "bot/" + key, ctxNone(to));
    }

    /** A bot.yaml sentence whose placeholders the engine fills itself ({exercise}, {command}, ...), as plain text. */
    void sayBot(Chat to, String key, Map<String, String> values) {
        t.emit(new Action.Send(to, Refs.message(t.nextSeq()), renderBot(key, values), List.of()));
    }

    /** The HTML of a bot.yaml sentence, a variant picked, with {@code values} in its placeholders. */
    String renderBot(String key, Map<String, String> values) {
        return Html.render(
                parse(variants.pick(t.bot.message(key), "bot/" + key)), ref -> values.getOrDefault(ref.toString(), ""));
    }

    /** Whether bot.yaml has the optional sentence {@code key} (a small bot.yaml for tests may leave it out). */
    boolean hasBot(String key) {
        return t.bot.messages().containsKey(key);
    }

    /** Sends a message with buttons under the ref of {@code msg} and returns that ref. */
    String sendWithButtons(Chat to, long msg, String html, List<Action.ButtonOut> buttons) {
        String ref = Refs.message(msg);
        t.emit(new Action.Send(to, ref, html, buttons));
        return ref;
    }

    String plainBot(String key) {
        return Html.plain(render(t.bot.message(key), "bot/" + key, ctxNone(Chat.A)));
    }

    /** The dialog's own words, or bot.yaml's sentence {@code botKey} when the dialog wrote none. */
    Message authoredOr(Message authored, String botKey) {
        return authored != null ? authored : t.bot.message(botKey);
    }

    /** The authored label of a button, or bot.yaml's sentence {@code botKey} when the dialog wrote none. */
    String label(String authored, String botKey) {
        return authored != null ? authored : plainBot(botKey);
    }

    /** The label of the consent button that was pressed, or that a held answer's yes counts as. */
    String consentLabel(boolean yes, String yesLabel, String noLabel) {
        return yes ? label(yesLabel, "consent_yes") : label(noLabel, "consent_no");
    }

    /** A yes and a no button on message {@code msg}, with bot.yaml's consent words where the dialog wrote none. */
    List<Action.ButtonOut> yesNo(Frame frame, String yesLabel, String noLabel, long msg) {
        String yes = label(yesLabel, "consent_yes");
        String no = label(noLabel, "consent_no");
        return List.of(button(yes, frame, "y", msg), button(no, frame, "n", msg));
    }

    static Action.ButtonOut button(String label, Frame frame, String choice, long msg) {
        return new Action.ButtonOut(label, CallbackData.encode(frame.dialog(), frame.state(), choice, msg));
    }

    String render(Message message, String key, Values.Ctx ctx) {
        return Html.render(parse(variants.pick(message, key)), ref -> t.values.forTemplate(ctx, ref));
    }

    /** A message with every placeholder empty, for text that belongs to no dialog (the menu). */
    String renderBare(Message message, String key) {
        return Html.render(parse(variants.pick(message, key)), ref -> "");
    }

    private static Template parse(String text) {
        try {
            return Template.parse(text);
        } catch (Template.SyntaxException e) {
            // the validator rejects such text; if one slips through, say it as written rather than fail
            return new Template(List.of(new Template.Literal(text)));
        }
    }

    static String variantKey(Frame f, String what) {
        return f.dialog() + "/" + f.state() + "/" + what;
    }

    Values.Ctx ctx(Chat runChat, Partner actor) {
        Run run = t.runs.get(runChat);
        Partner me = run == null ? null : (run.owner() != null ? run.owner() : actor);
        return new Values.Ctx(runChat, runChat, me);
    }

    static Values.Ctx ctxFor(Chat runChat, Partner me, Chat recipient) {
        return new Values.Ctx(runChat, recipient, me);
    }

    static Values.Ctx ctxNone(Chat chat) {
        return new Values.Ctx(null, chat, chat.owner());
    }
}
