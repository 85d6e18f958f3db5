/**
 * The channel-neutral core of the running bot: an update or a timer becomes one commit (BotCore), and a
 * person's private flows (onboarding, pairing, unpairing, data rights) and the couple's group run before it.
 */
package dev.rekindle.bot;
