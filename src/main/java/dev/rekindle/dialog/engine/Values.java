package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Frame.Consent;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.ShareTarget;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The values behind placeholders and conditions. The privacy guarantee lives here: an answer reaches
 * a chat other than its author's private chat only if the author said yes to showing it to the
 * partner (their private chat) or to the group; otherwise the bot's "withheld" words stand in for it.
 */
final class Values {

    /** Rendering context: the run whose values are used, the chat the text goes to, and who "me" is. */
    record Ctx(Chat runChat, Chat recipient, Partner me) {}

    private final Map<Chat, Run> runs;
    private final Session session;
    private final Function<Run, List<String>> rolesOf;
    private final Supplier<String> withheld;

    /** {@code runs} is the turn's live working map, read at each call. */
    Values(Map<Chat, Run> runs, Session session, Function<Run, List<String>> rolesOf, Supplier<String> withheld) {
        this.runs = runs;
        this.session = session;
        this.rolesOf = rolesOf;
        this.withheld = withheld;
    }

    String forTemplate(Ctx ctx, Ref ref) {
        Run run = ctx.runChat() == null ? null : runs.get(ctx.runChat());
        if (run == null) {
            return "";
        }
        Frame f = run.top();
        Partner author;
        String field = ref.field();
        if (ref.who() == null) {
            List<String> roles = rolesOf.apply(run);
            if (field.equals("first") && roles.size() == 2) return roles.get(0);
            if (field.equals("second") && roles.size() == 2) return roles.get(1);
            if (f.vars().containsKey(field)) {
                return f.vars().get(field);
            }
            author = ctx.me();
        } else {
            author = ref.who().equals("me") ? ctx.me() : People.person(run, ref.who());
            if (ref.who().equals("partner") && ctx.me() != null) {
                author = ctx.me().other();
            }
            if (author == null) {
                return "";
            }
            if (field.equals("name")) {
                return session.name(author);
            }
            if (field.equals("role")) {
                return People.roleOf(run, author);
            }
        }
        if (author == null) {
            return f.vars().getOrDefault(field, "");
        }
        Map<String, String> answers = f.answers().getOrDefault(author, Map.of());
        if (!answers.containsKey(field)) {
            return f.vars().getOrDefault(field, "");
        }
        return mayShow(f, author, field, ctx.recipient()) ? answers.get(field) : withheld.get();
    }

    /** Conditions read values inside the engine, where nothing is shown to anyone, so no consent applies. */
    String forCondition(Run run, Ref ref) {
        Frame f = run.top();
        if (ref.who() == null) {
            if (ref.field().equals("actor")) {
                return run.lastActor() == null ? "" : run.lastActor().name();
            }
            if (f.vars().containsKey(ref.field())) {
                return f.vars().get(ref.field());
            }
            Partner me = People.person(run, "me");
            Map<String, String> mine = me == null ? Map.of() : f.answers().getOrDefault(me, Map.of());
            return mine.getOrDefault(ref.field(), "");
        }
        Partner p = People.person(run, ref.who());
        if (p == null) {
            return "";
        }
        if (ref.field().equals("name")) {
            return session.name(p);
        }
        if (ref.field().equals("role")) {
            return People.roleOf(run, p);
        }
        return f.answers().getOrDefault(p, Map.of()).getOrDefault(ref.field(), "");
    }

    /**
     * For {@code shared(...)} in a condition: the author (both partners for {@code both}) answered and said
     * yes to showing the answer. A yes to the group counts for the partner too; only a group yes counts for the
     * group. Nobody is shown anything by asking, so the answer of someone who said no stays unread.
     */
    boolean agreed(Run run, Ref answer, ShareTarget to) {
        List<Partner> authors;
        if (dev.rekindle.dialog.model.Condition.Shared.BOTH.equals(answer.who())) {
            authors = List.of(Partner.A, Partner.B);
        } else {
            Partner p = People.person(run, answer.who() == null ? "me" : answer.who());
            if (p == null) {
                return false;
            }
            authors = List.of(p);
        }
        Frame f = run.top();
        for (Partner author : authors) {
            if (!f.answers().getOrDefault(author, Map.of()).containsKey(answer.field())
                    || !said(f, author, answer.field(), to)) {
                return false;
            }
        }
        return true;
    }

    private static boolean said(Frame f, Partner author, String variable, ShareTarget to) {
        for (Consent c : f.consents()) {
            if (c.author() == author
                    && c.variable().equals(variable)
                    && (to != ShareTarget.GROUP || c.with() == ShareTarget.GROUP)) {
                return true;
            }
        }
        return false;
    }

    static boolean mayShow(Frame f, Partner author, String variable, Chat recipient) {
        if (recipient == Chat.privateOf(author)) {
            return true;
        }
        for (Consent c : f.consents()) {
            if (c.author() == author
                    && c.variable().equals(variable)
                    && (c.with() == ShareTarget.GROUP || !recipient.isGroup())) {
                return true;
            }
        }
        return false;
    }
}
