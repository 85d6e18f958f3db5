/**
 * YAML to the dialog model, with the file, line and column of every key (snakeyaml-engine, safe settings),
 * so that every problem can be named where the therapist wrote it.
 */
package dev.rekindle.dialog.load;
