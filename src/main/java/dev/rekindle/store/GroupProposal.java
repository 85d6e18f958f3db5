package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;

/** A group one partner asked to link to the couple (/link), waiting for the other partner's yes. */
public record GroupProposal(long chatId, long coupleId, Partner proposedBy) {}
