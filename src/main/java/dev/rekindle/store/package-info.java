/**
 * What Rekindle keeps across restarts, as ports: {@link dev.rekindle.store.Store} and its parts by role (sessions,
 * the inbox and outbox, timers, the journal, couples and chats, pairings, reminders), with the records, enums and
 * exceptions they speak in. Nothing here knows SQL; the one implementation, on SQLite, is in
 * {@code store/sqlite}, and only {@code app} names it.
 */
package dev.rekindle.store;
