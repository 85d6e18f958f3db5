package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.DialogLibrary;
import java.time.Instant;

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
}
