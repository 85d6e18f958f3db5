package dev.rekindle.dialog.engine;

import dev.rekindle.dialog.model.Partner;
import dev.rekindle.dialog.model.SafetyKind;
import dev.rekindle.dialog.model.ShareTarget;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** What the engine asks the outside world to do; adapters carry these out. */
public sealed interface Action {

    /**
     * Send a message. {@code html} is Telegram-HTML (only b and i tags; everything else escaped).
     * {@code ref} names the message so a later action can edit it; buttons are one per row.
     */
    record Send(Chat to, String ref, String html, List<ButtonOut> buttons) implements ToChat {
        public Send {
            buttons = List.copyOf(buttons);
        }
    }

    record ButtonOut(String label, String data) {}

    /**
     * Take the buttons off a message, so they cannot be pressed twice. {@code chosenLabel} is the answer the message
     * shows from now on when a press closed it (the label; in the group, after the presser's name: "Alex: We need a
     * break"), so the history reads as questions with their answers; null when the buttons simply close.
     */
    record CloseButtons(Chat to, String ref, String chosenLabel) implements ToChat {}

    /**
     * A press that does nothing, answered to {@code presser} alone (in Telegram, the pop-up on the button they
     * tapped), never to the chat: it is not their button, or not any more. {@code text} is plain text.
     */
    record Refusal(Partner presser, Chat chat, Reason reason, String text) implements Action {
        /** Why a press was refused, with bot.yaml's sentence for it. */
        public enum Reason {
            /** Someone else's to press: another role, or the other partner. */
            NOT_YOUR_TURN("not_your_turn"),
            /** A button of an earlier message, or one that was already pressed. */
            STALE("stale_button");

            private final String sentence;

            Reason(String sentence) {
                this.sentence = sentence;
            }

            /** The bot.yaml key of what the presser is told. */
            public String sentence() {
                return sentence;
            }
        }
    }

    /** What goes to one of the couple's chats, in the order the engine said it: a message or a closing. */
    sealed interface ToChat extends Action permits Send, CloseButtons {
        Chat to();

        String ref();
    }

    record ScheduleTimer(String id, Instant due, Duration grace) implements Action {}

    record CancelTimer(String id) implements Action {}

    /** The author agreed to show an answer; the delivering Send follows in the same list. */
    record Shared(Partner author, String variable, ShareTarget with) implements Action {}

    record SaveJournal(String dialog, String kind, Partner author, String text) implements Action {}

    /**
     * Remind {@code recipient}, in their private chat, at the local clock time {@code at} on {@code days}, with
     * {@code html} (rendered as the recipient may see it). The time is local to {@code anchor}: the person whose
     * time zone the ritual was chosen in (the recipient themselves for a personal reminder; for a reminder to both,
     * whoever set it, so both hear it at the same moment). Replaces the recipient's earlier reminder of the same
     * dialog with the same text. The engine never turns this into an instant: it knows no time zone.
     */
    record SetReminder(Partner recipient, Partner anchor, String dialog, LocalTime at, Set<DayOfWeek> days, String html)
            implements Action {
        public SetReminder {
            days = Set.copyOf(days);
        }
    }

    record DialogStarted(Chat chat, String dialog, String version) implements Action {}

    record DialogEnded(Chat chat, String dialog, EndReason reason) implements Action {}

    /** The safety hook fired for this partner; the couple's shared exercises pause on ABUSE. */
    record SafetyRaised(Partner partner, SafetyKind kind) implements Action {}

    /**
     * A dialog misbehaved at run time (a loop, a missing state after a bad reload, a timer length from a
     * variable that gave no duration). The couple got a kind word, or the engine carried on safely; the
     * adapter logs this, which names the dialog and state but never the partner's text.
     */
    record Trouble(Chat chat, String dialog, String state, String problem) implements Action {}

    enum EndReason {
        COMPLETED,
        STOPPED,
        REPLACED,
        SAFETY,
        DIALOG_CHANGED,
        ERROR
    }
}
