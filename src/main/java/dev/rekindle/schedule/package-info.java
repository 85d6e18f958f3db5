/**
 * When things happen: stored timers fired through the core, and the local times of reminders (time zones,
 * daylight saving, quiet hours) in pure java.time.
 */
package dev.rekindle.schedule;
