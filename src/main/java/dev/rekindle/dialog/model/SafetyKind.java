package dev.rekindle.dialog.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Who is at risk, and how, in a message the safety detector flagged: each kind has its own private flow
 * (bot.yaml {@code safety:}). Some take over the couple's exercises and pause the shared ones; the gentle ones
 * are shown on top of whatever the person was doing, which goes on afterwards.
 */
public enum SafetyKind {
    /** I may harm or kill myself. */
    CRISIS(true, false),
    /** I am worried my partner (or another adult) may harm or kill themselves. */
    PARTNER_AT_RISK(true, false),
    /** I am hurt, threatened or controlled by my partner now. */
    ABUSE(true, true),
    /** I hurt, or fear I will hurt, my partner. */
    USES_VIOLENCE(true, true),
    /** A child is being hurt or is at risk. */
    CHILD_AT_RISK(true, true),
    /** Something that happened in the past and is over: acknowledged, never an alarm. */
    PAST_TRAUMA(false, false),
    /** Sex out of obligation or pressure, without threats or force. */
    SEXUAL_PRESSURE(false, false),
    /** Pain during sex. */
    SEXUAL_PAIN(false, false);

    private final boolean takesOver;
    private final boolean pausesShared;

    SafetyKind(boolean takesOver, boolean pausesShared) {
        this.takesOver = takesOver;
        this.pausesShared = pausesShared;
    }

    /** Ends what the person and the group were doing; otherwise the flow is shown on top and the exercise goes on. */
    public boolean takesOver() {
        return takesOver;
    }

    /** Pauses the couple's shared exercises until the person turns them back on. */
    public boolean pausesShared() {
        return pausesShared;
    }

    /**
     * Whether an answer with this concern is checked with its author before the partner or the group sees it. Not
     * pain during sex or a past harm: those are the writer's own story, theirs to share, and the partner reading
     * them endangers nobody; a current harm, a crisis or pressure from the partner may.
     */
    public boolean checkedBeforeSharing() {
        return this != SEXUAL_PAIN && this != PAST_TRAUMA;
    }

    /** The name dialogs and bot.yaml use: {@code partner_at_risk}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SafetyKind> parse(String id) {
        for (SafetyKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The kinds, the one that protects most first: a child, the writer's own violence, the writer hurt now (these
     * pause shared exercises), a partner at risk, the writer's crisis, then the gentle kinds. When a message holds
     * several, the first wins.
     */
    public static final java.util.List<SafetyKind> BY_PROTECTION = java.util.List.of(
            CHILD_AT_RISK, USES_VIOLENCE, ABUSE, PARTNER_AT_RISK, CRISIS, SEXUAL_PRESSURE, SEXUAL_PAIN, PAST_TRAUMA);

    /** Every id, for messages that list them. */
    public static String ids() {
        return String.join(
                ", ", java.util.Arrays.stream(values()).map(SafetyKind::id).toList());
    }
}
