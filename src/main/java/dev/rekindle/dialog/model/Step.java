package dev.rekindle.dialog.model;

import java.util.List;
import java.util.Map;

/**
 * What a state does after its entry effects and its message: the closed family of step kinds a
 * therapist can write. Each kind names the states it may lead to, which the validator follows.
 */
public sealed interface Step {

    /** Go straight on to another state. YAML: {@code to: next}. */
    record Goto(String to) implements Step {}

    /**
     * Wait for the partner: buttons, free text, or both. At most one text handler: a capture into a
     * variable, routing by intent, or any text. Without a text handler, text gets "please use the buttons".
     */
    record Wait(List<Button> buttons, TextHandler text, Timer timer) implements Step {
        public Wait {
            buttons = List.copyOf(buttons);
        }
    }

    /** The first case whose condition holds decides; otherwise {@code otherwise}. */
    record Branch(List<Case> cases, String otherwise) implements Step {
        public Branch {
            cases = List.copyOf(cases);
        }
    }

    /** Run another dialog as a sub-dialog; when it ends, come back to {@code returnTo}. */
    record Call(String dialog, String returnTo, Source source) implements Step {}

    /** End this dialog and start another one in the same chat. */
    record Handover(String dialog, Source source) implements Step {}

    /**
     * Hand the person over to the safety flow of {@code kind}, as if the detector had raised it: how a check's
     * "I'm not safe" reaches the flow. Private dialogs only. YAML: {@code raise: abuse}.
     */
    record Raise(SafetyKind kind, Source source) implements Step {}

    /** Give the dialog's roles to the partners, then go on. {@code ask} is used when the couple chooses. */
    record AssignRoles(RoleAssignment method, Message ask, String to, Timer timer, Source source) implements Step {}

    /**
     * Wait until both partners have answered {@code ask} (in their private chats, in the group, or
     * either), each answer captured privately into {@code into}; then go to {@code to}. With a consent
     * question, each partner is asked after answering whether the answer may be shown to {@code consent.with()}.
     */
    record Rendezvous(
            Message ask,
            AnswerPlace in,
            String into,
            Validation validation,
            Message invalid,
            Consent consent,
            Message waiting,
            Timer timer,
            String to,
            Source source,
            List<AnswerButton> buttons)
            implements Step {
        public Rendezvous {
            buttons = List.copyOf(buttons);
        }

        /** A rendezvous answered in words. */
        public Rendezvous(
                Message ask,
                AnswerPlace in,
                String into,
                Validation validation,
                Message invalid,
                Consent consent,
                Message waiting,
                Timer timer,
                String to,
                Source source) {
            this(ask, in, into, validation, invalid, consent, waiting, timer, to, source, List.of());
        }
    }

    /**
     * A button under a rendezvous question in a partner's private chat: pressing it answers for that partner
     * with {@code value}, exactly as if they had written it.
     */
    record AnswerButton(String label, String value, Source source) {}

    /**
     * Ask the author of a captured answer whether it may be shown to the partner or the group; on yes,
     * deliver {@code deliver} there and go to {@code yes}, otherwise to {@code no}.
     */
    record Share(
            String variable,
            String from,
            ShareTarget with,
            Message ask,
            Message deliver,
            String yesLabel,
            String noLabel,
            String yes,
            String no,
            String noPartner,
            Timer timer,
            Source source)
            implements Step {}

    /** The dialog ends here (returning to a caller if it was called). */
    /** End the dialog; with a {@code followUp}, come back to one of its states later (see {@link FollowUp}). */
    record End(FollowUp followUp) implements Step {
        public End() {
            this(null);
        }
    }

    /** How a state treats free text. */
    sealed interface TextHandler {
        record Capture(String into, Validation validation, Message invalid, String to, Source source)
                implements TextHandler {}

        /** Routes by intent name; {@code fallback} takes everything else, including out_of_scope. */
        record Routes(Map<String, String> byIntent, String fallback, Source source) implements TextHandler {
            public Routes {
                byIntent = Map.copyOf(byIntent);
            }
        }

        record AnyText(String to, Source source) implements TextHandler {}
    }

    record Case(Condition when, String to, Source source) {}

    /** Consent question asked after a rendezvous answer. */
    record Consent(Message ask, ShareTarget with, String yesLabel, String noLabel, Source source) {}

    enum RoleAssignment {
        CHOSEN,
        RANDOM,
        ALTERNATE
    }

    enum AnswerPlace {
        PRIVATE,
        GROUP,
        EITHER
    }
}
