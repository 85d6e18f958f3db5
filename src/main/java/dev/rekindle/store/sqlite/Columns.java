package dev.rekindle.store.sqlite;

import dev.rekindle.store.CoupleStatus;
import dev.rekindle.store.OutboxKind;
import dev.rekindle.store.OutboxState;
import dev.rekindle.store.Profile;
import java.util.Locale;

/**
 * How the ports' enums are spelled in their TEXT columns: the name in lower case, except the outbox kinds. The
 * spellings are in the rows already, so they never change.
 */
final class Columns {
    private Columns() {}

    /** An outbox state, couple status, onboarding step or safety answer as its column holds it. */
    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String kind(OutboxKind kind) {
        return switch (kind) {
            case SEND -> "send";
            case EDIT -> "edit";
            case CLOSE_BUTTONS -> "close-buttons";
            case ANSWER_CALLBACK -> "answer-callback";
            case CHAT_ACTION -> "chat-action";
            case SET_COMMANDS -> "set-commands";
        };
    }

    static OutboxKind outboxKind(String s) {
        for (OutboxKind k : OutboxKind.values()) {
            if (kind(k).equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown outbox kind in the database: " + s);
    }

    static OutboxState outboxState(String s) {
        return OutboxState.valueOf(s.toUpperCase(Locale.ROOT));
    }

    static CoupleStatus coupleStatus(String s) {
        return CoupleStatus.valueOf(s.toUpperCase(Locale.ROOT));
    }

    static Profile.OnboardingStage step(String s) {
        return Profile.OnboardingStage.valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** Null (not asked yet) stays null. */
    static Profile.ScreeningAnswer safety(String s) {
        return s == null ? null : Profile.ScreeningAnswer.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
