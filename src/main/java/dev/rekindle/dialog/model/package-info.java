/**
 * The dialog language as data: records and sealed types for dialogs, states, steps, messages, conditions and
 * placeholders, the intent taxonomy and the safety kinds, and the library of dialog versions. No I/O, no clock.
 */
package dev.rekindle.dialog.model;
