/**
 * The Telegram edge: the only package that imports org.telegram (TelegramBots 10.2.0).
 *
 * <p>In: {@link dev.rekindle.telegram.TelegramClients} long-polls with the library's
 * {@code TelegramBotsLongPollingApplication} on executors we own, and hands each update, mapped by
 * {@link dev.rekindle.telegram.UpdateMapper} to a channel-neutral {@link dev.rekindle.telegram.IncomingUpdate},
 * to an {@link dev.rekindle.telegram.UpdateSink} on the polling thread: the receiver stores it, and
 * {@link dev.rekindle.telegram.UpdateRouter} decides where it goes. The library confirms a batch to
 * Telegram by asking for the next one, which it does only after the sink returned: a sink that commits
 * before returning loses nothing when the process dies, and gets the update again after a restart.
 *
 * <p>Out: {@link dev.rekindle.telegram.OutgoingMessages} renders the outbox's messages ({@code OutboxMessage.Text}:
 * HTML, split by {@link dev.rekindle.telegram.MessageSplitter}, buttons one per row on the last part; and
 * {@code CloseButtons}: the keyboard removed, the text kept); {@link dev.rekindle.telegram.TelegramDelivery} sends now and reports a
 * {@link dev.rekindle.telegram.SendFailure}; {@link dev.rekindle.telegram.RateLimiter} says when a chat may be
 * written to; {@link dev.rekindle.telegram.OptionalCalls} covers the calls a couple can do without.
 *
 * <p>The bot token is in every request URL; whatever we log goes through {@link dev.rekindle.telegram.Redact}.
 */
package dev.rekindle.telegram;
