package dev.rekindle.local;

import dev.rekindle.dialog.engine.Action;
import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.engine.Input;
import dev.rekindle.dialog.engine.Outcome;
import dev.rekindle.dialog.engine.Session;
import dev.rekindle.dialog.model.Partner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake engine with fixed, simple answers, so the local adapter's own bookkeeping (buttons, timers,
 * journal, plain text) is tested without the real engine:
 * <ul>
 * <li>{@code /ask} sends "Pick <b>one</b> &amp; go" with buttons Yes / No; a press closes them and answers
 *     "You chose LABEL";</li>
 * <li>{@code /later} schedules t10 in 10 minutes and t5 in 5 minutes; a fired timer says so in the group,
 *     and t5 schedules t5b at the same instant it fired;</li>
 * <li>{@code /cancel} cancels t10; {@code /note ARGS} saves a journal entry; {@code /boom} throws;</li>
 * <li>free text is echoed with its intent; a safety alert answers in the partner's private chat.</li>
 * </ul>
 */
final class ScriptedEngine implements LocalCouple.Handler {
    private int refs;
    final List<Input> inputs = new ArrayList<>();

    @Override
    public Outcome handle(Session session, Input input, Instant now) {
        inputs.add(input);
        List<Action> out = new ArrayList<>();
        if (input instanceof Input.Command c) {
            if (c.command().equals("/ask")) {
                String ref = "m" + (++refs);
                out.add(new Action.Send(
                        c.chat(),
                        ref,
                        "Pick <b>one</b> &amp; go",
                        List.of(new Action.ButtonOut("Yes", ref + "|Yes"), new Action.ButtonOut("No", ref + "|No"))));
            } else if (c.command().equals("/later")) {
                out.add(new Action.ScheduleTimer("t10", now.plus(Duration.ofMinutes(10)), null));
                out.add(new Action.ScheduleTimer("t5", now.plus(Duration.ofMinutes(5)), null));
                out.add(new Action.Send(c.chat(), "m" + (++refs), "later", List.of()));
            } else if (c.command().equals("/cancel")) {
                out.add(new Action.CancelTimer("t10"));
            } else if (c.command().equals("/note")) {
                out.add(new Action.SaveJournal("note", "appreciation", c.from(), c.args()));
            } else if (c.command().equals("/boom")) {
                throw new IllegalStateException("boom");
            } else {
                out.add(new Action.Send(
                        c.chat(), "m" + (++refs), "command " + c.command() + " args [" + c.args() + "]", List.of()));
            }
        } else if (input instanceof Input.Press p) {
            String[] parts = p.data().split("\\|");
            out.add(new Action.CloseButtons(p.chat(), parts[0], parts[1]));
            out.add(new Action.Send(p.chat(), "m" + (++refs), "You chose " + parts[1], List.of()));
        } else if (input instanceof Input.TimerFired t) {
            out.add(new Action.Send(Chat.GROUP, "m" + (++refs), "fired " + t.timerId() + " at " + now, List.of()));
            if (t.timerId().equals("t5")) {
                out.add(new Action.ScheduleTimer("t5b", now, null));
            }
        } else if (input instanceof Input.Text t) {
            out.add(new Action.Send(
                    t.chat(), "m" + (++refs), "heard &quot;" + t.text() + "&quot; as " + t.intent(), List.of()));
        } else if (input instanceof Input.SafetyAlert s) {
            out.add(new Action.SafetyRaised(s.from(), s.kind()));
            out.add(new Action.Send(Chat.privateOf(s.from()), "m" + (++refs), "safety " + s.kind(), List.of()));
        }
        return new Outcome(session, out);
    }

    static LocalCouple couple() {
        return couple(new ScriptedEngine());
    }

    static LocalCouple couple(ScriptedEngine engine) {
        return new LocalCouple(
                engine,
                dev.rekindle.nlu.understanding.TestUnderstanding.withoutSafety(
                        new dev.rekindle.app.KeywordIntentClassifier()),
                java.util.Map.of(Partner.A, "Sam", Partner.B, "Alex"),
                1);
    }
}
