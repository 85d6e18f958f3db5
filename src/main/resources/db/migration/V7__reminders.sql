-- Reminders at a local clock time (a ritual: "every Friday at 19:30"), set by dialogs, one row per recipient.
-- at: HH:MM local to zone (the recipient's zone, or for a reminder to both partners the zone of whoever set it).
-- days: weekday numbers 1 (Monday) to 7 (Sunday), comma-separated. text: the sentence to send, as the engine
-- rendered it (HTML), encrypted with the data key like the journal (it may quote the partner's own words),
-- bound to "reminders:" + id. next_due: when it next arrives (epoch millis), after quiet hours; the timers row
-- 'reminder-<id>' of the couple carries the same instant for the scheduler. awaiting_time: 1 while /reminders
-- waits for the recipient to write a new time for it.
CREATE TABLE reminders (
    id            INTEGER PRIMARY KEY,
    couple_id     INTEGER NOT NULL REFERENCES couples (id),
    partner       TEXT    NOT NULL CHECK (partner IN ('A', 'B')),
    dialog        TEXT    NOT NULL,
    at            TEXT    NOT NULL,
    days          TEXT    NOT NULL,
    zone          TEXT    NOT NULL,
    text          BLOB    NOT NULL,
    next_due      INTEGER NOT NULL,
    awaiting_time INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_time IN (0, 1)),
    created       INTEGER NOT NULL
);

CREATE INDEX reminders_by_couple ON reminders (couple_id, partner);
