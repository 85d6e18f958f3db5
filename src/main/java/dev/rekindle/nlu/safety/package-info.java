/**
 * The safety detector: the therapists' lexicon and the safety model, read together into a graded decision (a
 * flow, a gentle check, or nothing) for a message and for an answer, and a stricter one before anything is shared.
 */
package dev.rekindle.nlu.safety;
