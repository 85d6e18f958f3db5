package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.IntentTaxonomy;
import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import java.util.List;

/**
 * A typed text: read for safety in its context first, then taken by a rendezvous waiting for it, by the step the
 * chat's dialog waits in, or by a dialog its intent starts (or offers, when the classifier was unsure).
 */
final class Texts {
    private final Turn t;

    Texts(Turn t) {
        this.t = t;
    }

    void text(Partner from, Chat chat, Input.Text input, SafetyReading reading) {
        if (t.safety.readFirst(from, chat, reading)) {
            return;
        }
        route(from, chat, input.text(), input.intent(), input.offers());
        t.safety.showIfStillPending(from);
    }

    private void route(Partner from, Chat chat, String text, String intent, List<String> offers) {
        String verdict = intent == null || intent.isBlank() ? IntentTaxonomy.OUT_OF_SCOPE : intent;
        // a safety or support dialog on top of the private chat answers first, before a shared question waiting there
        if ((!chat.isGroup() && !t.safety.inSafetyDialog(from, chat) && t.rendezvous.answer(from, chat, text))
                || t.versions.moved()) {
            return;
        }
        Run run = t.runs.get(chat);
        if (run != null && t.versions.refresh(chat)) {
            inRun(t.runs.get(chat), from, chat, text, verdict);
            return;
        }
        if (run != null) {
            return; // the run was ended because its dialog changed; the user has been told
        }
        if (!chat.isGroup() && t.questions.lateAnswer(from)) {
            return; // most likely the answer to a question that closed: "tired" is no request for help with desire
        }
        // unsure what the text asks for: the likeliest exercises are offered, never started without a yes
        if (verdict.equals(IntentTaxonomy.OUT_OF_SCOPE) && t.offers.offer(from, chat, offers)) {
            return;
        }
        List<Dialog> candidates = t.library.byIntent(verdict);
        Audience here = chat.isGroup() ? Audience.GROUP : Audience.PRIVATE;
        for (Dialog d : candidates) {
            if (d.audience() == here) {
                t.lifecycle.startDialog(chat, d, from);
                return;
            }
        }
        if (!candidates.isEmpty()) {
            t.sayBot(chat, here == Audience.GROUP ? "private_only" : "group_only");
        } else if (!chat.isGroup()) {
            t.sayBot(chat, "not_understood");
        }
        // in the group, talk between the partners that no dialog asked for is theirs, not the bot's
    }

    private void inRun(Run run, Partner from, Chat chat, String text, String intent) {
        State state = t.stateOf(run.top());
        Step step = state.step();
        if (step instanceof Step.Rendezvous) {
            t.rendezvous.answer(from, chat, text);
            return;
        }
        if (!(step instanceof Step.Wait wait) || wait.text() == null) {
            if (!chat.isGroup()) {
                t.sayBot(chat, "use_buttons");
            }
            return;
        }
        t.waits.text(run, state, wait, from, chat, text, intent);
    }
}
