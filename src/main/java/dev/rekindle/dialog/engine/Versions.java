package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.engine.Action.EndReason;
import dev.rekindle.dialog.engine.Frame.Waiting;
import dev.rekindle.dialog.model.Dialog;
import java.util.Optional;

/** A run pinned to a dialog version that is no longer loaded: moved on to the current version, or ended kindly. */
final class Versions {
    private final Turn t;
    /** Set when a run had to leave a dialog version that is gone; the user was told, the input is spent. */
    private boolean moved;

    Versions(Turn t) {
        this.t = t;
    }

    boolean moved() {
        return moved;
    }

    /**
     * Makes sure the run's top frame can be executed. A frame whose version is no longer loaded moves to
     * the current version when its state still exists there, else to the dialog's on_change state, else
     * the run ends with a kind word. Returns false when the run ended.
     */
    boolean refresh(Chat chat) {
        Run run = t.runs.get(chat);
        if (run == null) {
            return false;
        }
        Frame f = run.top();
        if (t.library.version(f.dialog(), f.version()).isPresent()) {
            return true;
        }
        Optional<Dialog> current = t.library.current(f.dialog());
        if (current.isPresent() && current.get().state(f.state()) != null) {
            t.runs.put(chat, run.withTop(f.at(current.get().version(), f.state(), f.step())));
            return true;
        }
        moved = true;
        if (current.isPresent() && current.get().onChange() != null) {
            t.runs.put(
                    chat,
                    run.withTop(f.at(current.get().version(), current.get().onChange(), f.step())
                            .withWaiting(Waiting.none())
                            .withButtonsRef(null)));
            t.closeOpenButtons(chat, f, null);
            t.enter(chat, current.get().onChange());
            return false;
        }
        t.lifecycle.endRun(chat, EndReason.DIALOG_CHANGED);
        t.sayBot(chat, "dialog_changed");
        return false;
    }
}
