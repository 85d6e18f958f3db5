/**
 * The pure dialog engine: {@code Engine.handle(session, input, now)} gives the next session and the actions to
 * carry out. No Telegram, JDBC, clock, I/O or threads inside (ArchitectureTest); {@code Turn} keeps the working
 * copy, and one package-private class per concern does each step kind, the safety overlays and the pauses.
 */
package dev.rekindle.dialog.engine;
