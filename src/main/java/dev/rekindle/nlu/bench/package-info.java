/**
 * The classifier benchmark behind {@code rekindle nlu bench}: it prints figures, it is not a test.
 */
package dev.rekindle.nlu.bench;
