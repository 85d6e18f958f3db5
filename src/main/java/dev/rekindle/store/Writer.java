package dev.rekindle.store;

/**
 * Who wrote in a chat, with what decides where their update goes, read at once: the member they are there, whether
 * the bot could not reach them before (they blocked it), whether they finished onboarding, and whether a question of
 * the bot's own waits for their next words (a reminder's new time).
 */
public record Writer(Member member, boolean unreachable, boolean onboarded, boolean awaitingTime) {}
