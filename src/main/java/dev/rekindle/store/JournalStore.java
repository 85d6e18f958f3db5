package dev.rekindle.store;

import java.util.List;

/** The couple's journal. Entries are appended inside a commit ({@link UpdateCommit#journal()}). */
public interface JournalStore {

    /** The couple's entries, oldest first. */
    List<JournalEntry> list(long coupleId);
}
