/**
 * Storage on SQLite (java.sql only here): sessions with a Caffeine cache, the inbox and outbox, timers,
 * couples and chats, the journal, reminders, encryption of words at rest, and the migrations.
 */
package dev.rekindle.store;
