package dev.rekindle.store;

import dev.rekindle.dialog.engine.Session;

/** A couple's session and its row version, which the next commit must name as its expected version. */
public record StoredSession(long coupleId, Session session, long version) {}
