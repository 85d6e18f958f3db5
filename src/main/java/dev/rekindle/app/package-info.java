/**
 * The command line and the only place that wires the adapters together: the bot, the terminal chat, the
 * transcript runner and the nlu commands, and the models and dialogs they load (from the jar or a folder).
 */
package dev.rekindle.app;
