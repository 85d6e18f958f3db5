/**
 * What the bot makes of a partner's free text: the safety detector's reading and the intent, together, so that
 * no adapter can route a text before the detector has read it.
 */
package dev.rekindle.nlu.understanding;
