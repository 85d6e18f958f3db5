-- Rekindle's first schema. Telegram chat and user ids are 64-bit INTEGERs; times are epoch millis.
-- One statement per ';' at the end of a line (see Migrations.statements).

-- A Telegram user who talked to the bot. unreachable: Telegram answered 403 (blocked the bot).
CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    display_name TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    unreachable  INTEGER NOT NULL DEFAULT 0 CHECK (unreachable IN (0, 1)),
    created      INTEGER NOT NULL
);

-- forming: only partner A so far; active: both partners joined.
CREATE TABLE couples (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    created INTEGER NOT NULL,
    status  TEXT    NOT NULL CHECK (status IN ('forming', 'active'))
);

-- A user belongs to one couple, as partner A or B.
CREATE TABLE members (
    couple_id INTEGER NOT NULL REFERENCES couples (id),
    partner   TEXT    NOT NULL CHECK (partner IN ('A', 'B')),
    user_id   INTEGER NOT NULL UNIQUE REFERENCES users (id),
    PRIMARY KEY (couple_id, partner)
);

-- A partner's private chat with the bot, or the couple's group.
CREATE TABLE chats (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind IN ('private', 'group')),
    couple_id INTEGER NOT NULL REFERENCES couples (id),
    partner   TEXT    CHECK (partner IN ('A', 'B')),
    CHECK ((kind = 'private') = (partner IS NOT NULL))
);

-- The engine's session of a couple as SessionJson; version grows by one per commit (optimistic check).
CREATE TABLE sessions (
    couple_id   INTEGER PRIMARY KEY REFERENCES couples (id),
    engine_json TEXT    NOT NULL,
    schema      INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    updated     INTEGER NOT NULL
);

CREATE TABLE journal (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    couple_id INTEGER NOT NULL REFERENCES couples (id),
    dialog    TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    author    TEXT    NOT NULL CHECK (author IN ('A', 'B')),
    text      TEXT    NOT NULL,
    created   INTEGER NOT NULL
);

-- Timers the engine scheduled; timer_id is the engine's id, unique within the couple's session.
CREATE TABLE timers (
    couple_id    INTEGER NOT NULL REFERENCES couples (id),
    timer_id     TEXT    NOT NULL,
    due          INTEGER NOT NULL,
    grace_millis INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
    PRIMARY KEY (couple_id, timer_id)
);

-- Every Telegram update as received, so one is handled once and a crash re-handles what was pending.
CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    raw_json  TEXT    NOT NULL,
    received  INTEGER NOT NULL,
    state     TEXT    NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    done      INTEGER
);

-- Calls to Telegram waiting to be made, in id order per chat. chat_id has no foreign key: answers to
-- callbacks and commands may go to chats that belong to no couple.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    couple_id    INTEGER REFERENCES couples (id),
    chat_id      INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('send', 'edit', 'close-buttons', 'answer-callback',
                                                  'chat-action', 'set-commands')),
    payload      TEXT    NOT NULL,
    message_ref  TEXT,
    created      INTEGER NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    state        TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    failure      TEXT,
    CHECK (message_ref IS NULL OR couple_id IS NOT NULL)
);
