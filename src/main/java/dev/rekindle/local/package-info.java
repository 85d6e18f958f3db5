/**
 * The terminal chat and the transcript runner: an in-memory adapter for one couple, which runs the same engine
 * and understanding as the bot.
 */
package dev.rekindle.local;
