package dev.rekindle.store;

import dev.rekindle.dialog.model.Partner;
import java.time.Instant;

/** A line a partner wrote into the couple's journal, as saved. */
public record JournalEntry(
        long id, long coupleId, String dialog, String kind, Partner author, String text, Instant created) {}
