/**
 * The command line and the only place that wires the adapters together: the bot, the terminal chat, the
 * transcript runner and the nlu commands, and the models and dialogs they load (from the jar or a folder).
 * {@code Main} puts the commands together; each command is a class of its own ({@code ChatCommand},
 * {@code RunCommand}, {@code TestCommand}, {@code ValidateCommand}, {@code NluCommand} and its {@code Nlu*Command}s),
 * with {@code Startup} (models beside dialogs, refusing to start without the safety detector) and
 * {@code NluInputs} (options, data and models of the nlu commands) shared among them.
 */
package dev.rekindle.app;
