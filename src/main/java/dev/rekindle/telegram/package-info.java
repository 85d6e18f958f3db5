/**
 * The Telegram edge: the only package that imports org.telegram (TelegramBots 10.2.0).
 *
 * <p>In: {@link dev.rekindle.telegram.TelegramClients} owns the library's client and our getUpdates loop
 * ({@code LongPoller}) on executors we own. Each update of an answer is read on its own ({@code UpdateReader}: mapped
 * by {@link dev.rekindle.telegram.UpdateMapper} from the fields the bot uses to a channel-neutral
 * {@link dev.rekindle.telegram.IncomingUpdate}, or set aside as unreadable with why) and the batch goes to an
 * {@link dev.rekindle.telegram.UpdateSink} on the polling thread: the receiver stores it (the unreadable ones as
 * failed), and {@link dev.rekindle.telegram.UpdateRouter} decides where each goes. The poller confirms a batch to
 * Telegram, by asking for the updates after it, only once the sink returned: a sink that commits before returning
 * loses nothing when the process dies, and one that throws gets the same updates again.
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
