/**
 * The validator: every problem of a dialog library at once, as file:line:column, message and a hint to fix it.
 */
package dev.rekindle.dialog.validate;
