/**
 * The local adapters: the terminal chat, which runs the bot's own core, flows and scheduler over a real store with the
 * terminal in place of Telegram ({@link dev.rekindle.local.LocalBot}), and the transcript runner, which runs the
 * engine alone, in memory, for one couple ({@link dev.rekindle.local.LocalCouple}).
 */
package dev.rekindle.local;
