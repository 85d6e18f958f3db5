package dev.rekindle.app;

import java.io.IOException;

/**
 * The intent model or the safety lexicon could not be loaded, so the safety detector cannot run and the bot must
 * not start. The message says what is wrong and what to do, in one sentence a person can act on.
 */
public final class ModelsUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    ModelsUnavailableException(String message) {
        super(message);
    }

    ModelsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
