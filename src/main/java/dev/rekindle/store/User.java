package dev.rekindle.store;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A Telegram user who talked to the bot.
 *
 * @param id          the Telegram user id (64-bit)
 * @param unreachable Telegram refused to deliver to them (403: they blocked the bot); cleared when they write again
 */
public record User(long id, String displayName, ZoneId timeZone, boolean unreachable, Instant created) {}
