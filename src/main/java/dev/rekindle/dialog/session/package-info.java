/**
 * Sessions as JSON with a schema version, so the engine's state survives restarts; Jackson lives here, not in
 * the engine.
 */
package dev.rekindle.dialog.session;
