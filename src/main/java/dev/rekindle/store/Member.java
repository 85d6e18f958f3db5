package dev.rekindle.store;

import dev.rekindle.dialog.engine.Chat;
import dev.rekindle.dialog.model.Partner;

/** Who wrote in a Telegram chat, in the engine's terms: which couple, which partner, which of its chats. */
public record Member(long coupleId, Partner partner, Chat chat) {}
