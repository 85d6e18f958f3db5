-- The Telegram message id of each message the engine named (its ref), so a later CloseButtons or edit
-- for that ref can find the message to change.
CREATE TABLE message_refs (
    couple_id  INTEGER NOT NULL REFERENCES couples (id),
    chat_id    INTEGER NOT NULL,
    ref        TEXT    NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (couple_id, chat_id, ref)
);

-- What the sender, the timer loop, crash recovery and the journal ask for most.
CREATE INDEX outbox_pending_by_chat ON outbox (state, chat_id, id);
CREATE INDEX timers_pending_by_due ON timers (state, due);
CREATE INDEX inbox_by_state ON inbox (state, update_id);
CREATE INDEX journal_by_couple ON journal (couple_id, id);
CREATE INDEX chats_by_couple ON chats (couple_id);
