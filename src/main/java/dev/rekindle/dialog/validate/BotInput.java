package dev.rekindle.dialog.validate;

import dev.rekindle.dialog.model.BotSettings;

/** bot.yaml as read (fields it could not read are null), with where each part was written. */
public record BotInput(BotSettings bot, Locations where) {}
